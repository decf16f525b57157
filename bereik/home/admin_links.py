"""Links on the Beheer page (accounts:admin_home) and in the beheerder's home panel.

Apps add theirs from AppConfig.ready():

    admin_links.register(110, _("Briefsjablonen"), "outreach:templates",
                         _("De Word-sjablonen van de brieven vervangen."))

Orders below 100 are the foundation's (users, teams, organisation, audit trail); other apps use
100 and up. `allowed(user)` can hide a link from some beheerders (default: shown to all).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class AdminLink:
    order: int
    label: str
    url_name: str
    description: str
    allowed: Callable


_links: dict[str, AdminLink] = {}


def register(
    order: int,
    label,
    url_name: str,
    description="",
    *,
    allowed: Callable = lambda user: True,
) -> None:
    _links[url_name] = AdminLink(order, label, url_name, description, allowed)


def links_for(user) -> list[dict]:
    items = []
    for link in sorted(_links.values(), key=lambda entry: entry.order):
        if not link.allowed(user):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": link.label, "url": url, "description": link.description})
    return items
