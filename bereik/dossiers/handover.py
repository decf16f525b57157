"""A registry for what follows when dossiers change hands: their worker, or their route (on route
A the client's own social worker takes over some of the work, such as preparing the LAC).

Other apps register from their `AppConfig.ready()` (the LAC: `agenda_preparers_follow`, so the
preparers of coming agenda items follow the dossier); the dossiers app never names them. The
actions that reassign or reroute dossiers call `changed(ids, actor=...)` once per batch, inside
their transaction, with the dossiers whose worker or route actually changed. Registered functions
must be idempotent: a dossier may be handed to them again (the import's placement, a daily
command), and they must then change and notify nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_handlers: list[Callable] = []


def register(func: Callable) -> Callable:
    """Register `func(dossier_ids, *, actor)`; once (registering again is a no-op)."""
    if func not in _handlers:
        _handlers.append(func)
    return func


def changed(dossier_ids: Iterable[int], *, actor) -> None:
    """Tell the registered functions that these dossiers changed worker or route."""
    ids = list(dict.fromkeys(pk for pk in dossier_ids if pk is not None))
    if not ids:
        return
    for func in _handlers:
        func(ids, actor=actor)
