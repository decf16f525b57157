"""Short lists that pages show in their select boxes, kept per process for a minute.

Every worklist shows the companies, the teams, the workers, the LAC sessions and the outcome
codes in its filter, and its bulk assignment the workers again; every dossier page three lists
of workers. Each was a query on every page, and a small query costs Django more to build and
compile than the database to answer (0.2-0.7 ms). These lists change a few times a year.

`cached(key, read, models=...)` answers `read()` and keeps it for `SECONDS`; a save or delete
of one of `models` in this process (or a change of the roles of a user) drops every list that
depends on it, so whoever changes one sees it at once. Another process sees it within a minute:
as the organisation's settings (`Organisation._cached`). Only the options shown are kept: a
form still checks a chosen value against the database (a worker made inactive a moment ago is
refused).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.db.models import Model, signals

SECONDS = 60

_lists: dict[str, tuple[float, object]] = {}
_keys_of: dict[type[Model], set[str]] = {}


def cached(key: str, read: Callable[[], object], *, models: Iterable[type[Model]]):
    """`read()`, kept under `key` for `SECONDS` or until one of `models` changes here."""
    entry = _lists.get(key)
    now = time.monotonic()
    if entry is not None and now - entry[0] < SECONDS:
        return entry[1]
    for model in models:
        _watch(model).add(key)
    value = read()
    _lists[key] = (now, value)
    return value


def clear() -> None:
    _lists.clear()


def _watch(model: type[Model]) -> set[str]:
    keys = _keys_of.get(model)
    if keys is None:
        keys = _keys_of[model] = set()
        uid = f"bereik.lookups.{model._meta.label}"
        signals.post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        signals.post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
        for field in model._meta.local_many_to_many:  # e.g. a user's roles
            through = field.remote_field.through
            signals.m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=uid + field.name)
    return keys


def _changed(sender, **kwargs) -> None:
    for key in _keys_of.get(sender, ()):
        _lists.pop(key, None)


def _m2m_changed(sender, instance, model=None, **kwargs) -> None:
    # user.roles.add(role) and role.user_set.add(user) alike: both sides' lists.
    _changed(type(instance))
    if model is not None:
        _changed(model)
