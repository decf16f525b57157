"""Sections of the dossier page, and the buttons under its header. Each app adds its own from
AppConfig.ready():

    @sections.register(order=30, key="contacten")
    def contact_section(request, dossier, ctx):
        return {"title": _("Contactpogingen"), "template": "outreach/section.html", ...}

`ctx` holds what the page already computed (`can_change`, `can_see_insz`). Return None to hide the
section for this user or dossier. The section template gets the returned dict as `section`, plus
`dossier`, `can_change` and `can_see_insz`. Sections must not run a query per row.

Most of a dossier's sections are empty most of its life (no task, no referral, no social report
yet). A section names the dossier's relations it reads (`reads=("tasks",)`) and reads them with
`presence.rows(dossier, "tasks", queryset)`: the page first asks, in one query, which of them
hold a row (`build`), and an empty relation then costs no query of its own.

The page answers the first question first (what to do now, by when, how to reach the household:
the header); the sections below fold away unless they matter in the dossier's phase (`phase()`:
"contact" until the household is reached, "help" after, "closed"). A section opens in the phases
of its `open_in`; it may decide itself with `collapsed` in its dict (open when something in it
waits for the user, e.g. candidates to confirm). A `caption` says what a folded section holds.
"""

from collections.abc import Callable
from dataclasses import dataclass

from bereik.dossiers import presence
from bereik.lib.urls import int_url

CONTACT, HELP, CLOSED = "contact", "help", "closed"


def phase(dossier) -> str:
    if not dossier.is_open:
        return CLOSED
    return HELP if dossier.reached_on else CONTACT


@dataclass(frozen=True)
class Section:
    order: int
    key: str
    func: Callable
    column: str  # "main" or "side"
    open_in: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # the dossier's reverse relations it reads (`presence.rows`)


_sections: dict[str, Section] = {}


def register(
    *,
    order: int,
    key: str,
    column: str = "main",
    open_in: tuple[str, ...] = (),
    reads: tuple[str, ...] = (),
):
    def decorator(func):
        _sections[key] = Section(order, key, func, column, tuple(open_in), tuple(reads))
        return func

    return decorator


def build(request, dossier, ctx: dict) -> dict[str, list[dict]]:
    result = {"main": [], "side": []}
    now = phase(dossier)
    presence.read(dossier, sorted({name for s in _sections.values() for name in s.reads}))
    for section in sorted(_sections.values(), key=lambda s: s.order):
        data = section.func(request, dossier, ctx)
        if data:
            data.setdefault("key", section.key)
            data.setdefault("collapsed", now not in section.open_in)
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
        {"label": action.label, "url": int_url(action.url_name, dossier.pk)}
        for action in sorted(_header_actions.values(), key=lambda a: a.order)
        if action.when(dossier)
    ]
