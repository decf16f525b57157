"""How many years the audit trail is kept.

The beheerder sets it with the organisation's settings (Beheer → Organisatie); the organisation
app, which sits above the trail, tells it here from its AppConfig.ready(), so the trail never
names that app. Without it (a project without the organisation app) the reference period of ten
years applies.
"""

from collections.abc import Callable

DEFAULT_YEARS = 10

_source: Callable[[], int] | None = None


def set_source(func: Callable[[], int]) -> None:
    """Register `func() -> years`, asked each time the trail is pruned."""
    global _source
    _source = func


def years() -> int:
    return _source() if _source is not None else DEFAULT_YEARS
