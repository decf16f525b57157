"""Main navigation. Apps add their entries from AppConfig.ready():

    nav.register(30, _("Dossiers"), "dossiers:list", allowed=lambda user: ...)

`allowed(user)` decides per role; entries appear in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: str
    url_name: str
    allowed: Callable


_entries: dict[str, NavEntry] = {}


def register(order: int, label, url_name: str, *, allowed: Callable = lambda user: True) -> None:
    _entries[url_name] = NavEntry(order, label, url_name, allowed)


def items_for(user) -> list[dict]:
    items = []
    for entry in sorted(_entries.values(), key=lambda e: e.order):
        if not entry.allowed(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url})
    return items
