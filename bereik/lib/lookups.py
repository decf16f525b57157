"""Short lists that pages show in their select boxes (and other small values every page
reads, such as a table's estimated size for the paging), kept per process for a minute.

Every worklist shows the companies, the teams, the workers, the LAC sessions and the outcome
codes in its filter, and its bulk assignment the workers again; every dossier page three lists
of workers. Each was a query on every page, and a small query costs Django more to build and
compile than the database to answer (0.2-0.7 ms). These lists change a few times a year.

`cached(key, read, models=...)` answers `read()` and keeps it for `SECONDS`; a save or delete
of one of `models` in this process (or a change of the roles of a user) drops every list that
depends on it, at once and again when the transaction commits, so whoever changes one sees it.
Another process sees a change within a minute: as the organisation's settings
(`Organisation._cached`). Whoever checks a value against such a list reads it again when the
value is not in it (a value picked from a newer list, shown by another process): a person
chosen in a form is checked against the database (`accounts.choices`), the worklists' filter
reads its lists again (`dossiers.filters`). The lists hold no client's or household's data:
the names of staff, companies, teams and LAC sessions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Model, signals

SECONDS = 60

_lock = threading.Lock()
_lists: dict[str, tuple[float, object]] = {}
_keys_of: dict[type[Model], set[str]] = {}


def cached(key: str, read: Callable[[], object], *, models: Iterable[type[Model]]):
    """`read()`, kept under `key` for `SECONDS` or until one of `models` changes here."""
    entry = _lists.get(key)
    now = time.monotonic()
    if entry is not None and now - entry[0] < SECONDS:
        return entry[1]
    for model in models:
        _watch(model, key)
    value = read()
    with _lock:
        for old in [k for k, (at, _value) in _lists.items() if now - at >= SECONDS]:
            del _lists[old]  # e.g. yesterday's list of LAC sessions
        _lists[key] = (now, value)
    return value


def while_same(kept: dict, key, source, make: Callable):
    """`make(source)`, made again only when `source` is another object than last time under
    `key` in `kept` (the caller's own store): what is made of a list kept elsewhere (a minute
    here, or a form class's label) lives as long as that list. `source` is held in `kept`, so a
    newer object cannot be mistaken for it by its id."""
    entry = kept.get(key)
    if entry is None or entry[0] is not source:
        entry = kept[key] = (source, make(source))
    return entry[1]


def clear() -> None:
    """Drop every list: the next use reads it again."""
    with _lock:
        _lists.clear()


def _forget(keys: tuple[str, ...]) -> None:
    with _lock:
        for key in keys:
            _lists.pop(key, None)


def _watch(model: type[Model], key: str) -> None:
    with _lock:
        keys = _keys_of.get(model)
        if keys is None:
            keys = _keys_of[model] = set()
            uid = f"bereik.lookups.{model._meta.label}"
            signals.post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
            signals.post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
            for field in model._meta.local_many_to_many:  # e.g. a user's roles
                signals.m2m_changed.connect(
                    _m2m_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name
                )
        keys.add(key)


def _changed(sender, **kwargs) -> None:
    with _lock:
        keys = tuple(_keys_of.get(sender, ()))
    if keys:
        _forget(keys)
        # A page read in between, before the commit, would keep the old list: again after it.
        transaction.on_commit(lambda: _forget(keys))


def _m2m_changed(sender, instance, model=None, **kwargs) -> None:
    # user.roles.add(role) and role.users.add(user) alike: both sides' lists.
    _changed(type(instance))
    if model is not None:
        _changed(model)
