"""Sections of the dossier page. Each app adds its own from AppConfig.ready():

    @sections.register(order=30, key="contacten")
    def contact_section(request, dossier, ctx):
        return {"title": _("Contactpogingen"), "template": "outreach/section.html", ...}

`ctx` holds what the page already computed (`can_change`, `can_see_insz`). Return None to hide the
section for this user or dossier. The section template gets the returned dict as `section`, plus
`dossier`, `can_change` and `can_see_insz`. Sections must not run a query per row.
"""

from collections.abc import Callable
from dataclasses import dataclass


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
