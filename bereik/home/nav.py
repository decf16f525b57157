"""Main navigation. Apps add their entries from AppConfig.ready():

    nav.register(30, _("Dossiers"), "dossiers:list", allowed=lambda user: ...)

`allowed(user)` decides from the user's roles (and whether they are a superuser) alone: the
menu is worked out once per process for each set of roles, not on every page (`items_for`).
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
# (roles, superuser, active, script prefix, URLconf) -> the menu's entries: (label, url).
_menus: dict[tuple, tuple[tuple[str, str], ...]] = {}
# (menu, language) -> each entry's label, escaped in that language.
_labels: dict[tuple, tuple[str, ...]] = {}
_KEPT = 500  # menus kept at most (a handful of role sets in practice)


def register(order: int, label, url_name: str, *, allowed: Callable = lambda user: True) -> None:
    _entries[url_name] = NavEntry(order, label, url_name, allowed)
    forget()


def forget() -> None:
    """Work the menus out again (an entry was registered)."""
    _menus.clear()
    _labels.clear()


def _key(user) -> tuple:
    return (
        frozenset(getattr(user, "role_codes", ())),
        bool(getattr(user, "is_superuser", False)),
        bool(getattr(user, "is_active", False)),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


def _entries_for(user) -> tuple[tuple[str, str], ...]:
    found = []
    for entry in sorted(_entries.values(), key=lambda e: e.order):
        if not entry.allowed(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        found.append((entry.label, url))
    return tuple(found)


def _menu(user) -> tuple[tuple[str, str], ...]:
    key = _key(user)
    menu = _menus.get(key)
    if menu is None:
        if len(_menus) >= _KEPT:
            forget()
        menu = _menus[key] = _entries_for(user)
    return menu


def items_for(user) -> list[dict]:
    """The entries `user` may open: {"label", "url"}, in their order."""
    return [{"label": label, "url": url} for label, url in _menu(user)]


def menu_html(user, path: str) -> SafeString:
    """The menu (`{% main_menu %}` in `base.html`), the entry of the page at `path` marked as
    the current one: drawn on every page, so in Python (the labels escaped once a language)."""
    menu = _menu(user)
    key = (menu, get_language())
    labels = _labels.get(key)
    if labels is None:
        if len(_labels) >= _KEPT:
            _labels.clear()
        labels = _labels[key] = tuple(str(conditional_escape(label)) for label, _url in menu)
    parts = ['<ul class="navbar-nav me-auto">\n']
    for label, (_label, url) in zip(labels, menu, strict=True):
        href = conditional_escape(url)
        if url != "/" and path.startswith(url):
            link = f'<a class="nav-link active" href="{href}" aria-current="page">{label}</a>'
        else:
            link = f'<a class="nav-link" href="{href}">{label}</a>'
        parts.append(f'  <li class="nav-item">\n    {link}\n  </li>\n')
    parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - labels and urls escaped above
