"""Links on the Beheer page (accounts:admin_home) and in the beheerder's home panel.

Apps add theirs from AppConfig.ready():

    admin_links.register(110, _("Briefsjablonen"), "outreach:templates",
                         _("De Word-sjablonen van de brieven vervangen."))

Orders below 100 are the foundation's (users, teams, organisation, audit trail); other apps use
100 and up. `allowed(user)` can hide a link from some beheerders (default: shown to all).

Every Beheer page is decorated with `beheerder_required`: 403 for everyone but the functioneel
beheerder (`User.is_beheerder`: the role, or a superuser).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse


def beheerder_required(view):
    """Decorator for the Beheer pages: 403 for everyone but the functioneel beheerder."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and getattr(user, "is_beheerder", False)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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
