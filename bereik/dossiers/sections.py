"""Sections of the dossier page, and the buttons under its header. Each app adds its own from
AppConfig.ready():

    @sections.register(order=30, key="contacten")
    def contact_section(request, dossier, ctx):
        return {"title": _("Contactpogingen"), "template": "outreach/section.html", ...}

`ctx` holds what the page already computed (`can_change`, `can_see_insz`). Return None to hide the
section for this user or dossier. The section template gets the returned dict as `section`, plus
`dossier`, `can_change` and `can_see_insz`. Sections must not run a query per row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    order: int
    key: str
    func: Callable
    column: str  # "main" or "side"


_sections: dict[str, Section] = {}


def register(*, order: int, key: str, column: str = "main"):
    def decorator(func):
        _sections[key] = Section(order, key, func, column)
        return func

    return decorator


def build(request, dossier, ctx: dict) -> dict[str, list[dict]]:
    result = {"main": [], "side": []}
    for section in sorted(_sections.values(), key=lambda s: s.order):
        data = section.func(request, dossier, ctx)
        if data:
            data.setdefault("key", section.key)
            result[section.column].append(data)
    return result


@dataclass(frozen=True)
class HeaderAction:
    """A button under the page header for users who may change the dossier (next to the ones
    that take the volgende stap): `when(dossier)` says whether it applies."""

    order: int
    label: str
    url_name: str  # takes the dossier's pk
    when: Callable = lambda dossier: True


_header_actions: dict[str, HeaderAction] = {}


def register_header_action(order: int, label, url_name: str, *, when: Callable | None = None):
    _header_actions[url_name] = HeaderAction(order, label, url_name, when or (lambda dossier: True))


def header_actions(dossier) -> list[dict]:
    return [
        {"label": action.label, "url": reverse(action.url_name, args=[dossier.pk])}
        for action in sorted(_header_actions.values(), key=lambda a: a.order)
        if action.when(dossier)
    ]
