"""Main navigation. Apps add their entries from AppConfig.ready():

    nav.register(30, _("Dossiers"), "dossiers:list", allowed=lambda user: ...)

`allowed(user)` decides from the user's roles (and whether they are a superuser) alone: the
menu is worked out once per process for each set of roles and language, not on every page
(`_menu`).
Entries appear in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: str
    url_name: str
    allowed: Callable


_entries: dict[str, NavEntry] = {}
# (roles, superuser, active, script prefix, URLconf, language) -> the menu's entries:
# (label escaped in that language, url).
_menus: dict[tuple, tuple[tuple[str, str], ...]] = {}
_KEPT = 500  # menus kept at most (a handful of role sets in practice)


def register(order: int, label, url_name: str, *, allowed: Callable = lambda user: True) -> None:
    _entries[url_name] = NavEntry(order, label, url_name, allowed)
    forget()


def forget() -> None:
    """Work the menus out again (an entry was registered)."""
    _menus.clear()


def _menu(user) -> tuple[tuple[str, str], ...]:
    key = (
        frozenset(getattr(user, "role_codes", ())),
        bool(getattr(user, "is_superuser", False)),
        bool(getattr(user, "is_active", False)),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_language(),
    )
    menu = _menus.get(key)
    if menu is None:
        if len(_menus) >= _KEPT:
            forget()
        menu = _menus[key] = tuple(_entries_for(user))
    return menu


def _entries_for(user):
    for entry in sorted(_entries.values(), key=lambda e: e.order):
        if not entry.allowed(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        yield str(conditional_escape(entry.label)), str(conditional_escape(url))


def menu_html(user, path: str) -> SafeString:
    """The menu (`{% main_menu %}` in `base.html`), the entry of the page at `path` marked as
    the current one: drawn on every page, so in Python from the entries worked out once."""
    parts = ['<ul class="navbar-nav me-auto">\n']
    for label, href in _menu(user):
        if href != "/" and path.startswith(href):
            link = f'<a class="nav-link active" href="{href}" aria-current="page">{label}</a>'
        else:
            link = f'<a class="nav-link" href="{href}">{label}</a>'
        parts.append(f'  <li class="nav-item">\n    {link}\n  </li>\n')
    parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - labels and urls escaped above
