"""How a dossier's worklist cells are drawn, as HTML made in Python (`drawing.format_html`,
Django's `format_html` with plain text escaped directly).

A worklist page draws 25 to 100 rows of seven drawn cells; as template partials, each cell cost
an include and a dozen lookups, about a millisecond a row. These functions draw the same HTML at
a fraction of that. The deadline and the attention badge are also template filters
(`{{ dossier|deadline_cell }}`, `{{ dossier|attention_cell }}` in `dossier_cells`), so the other
pages that show a deadline draw it from this one definition. Every function takes a dossier
loaded with the columns' related objects (`columns.with_related`) and, for the badges, the
attention marks (`DossierQuerySet.with_attention`).

Each function also takes the `Page` its rows are drawn on: today's date, the warning period,
the winter stop and the cells' words, read once a page (`columns.screen_rows`) instead of once
a row. Reading today's date goes through the active time zone and each translated word through
the active language, both kept in `asgiref` locals that cost microseconds a read; the deadline
cell alone read them a dozen times a row, a third of drawing a row. Without a page (a template
filter, one dossier) a function makes its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import cached_property

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop, ngettext

from bereik.dossiers.models import Dossier
from bereik.lib import drawing
from bereik.lib.drawing import format_html
from bereik.lib.urls import int_url_maker
from bereik.organisation.models import Organisation
from bereik.organisation.winter import WinterStop

DASH = "—"
MUTED_DASH = mark_safe('<span class="text-body-secondary">—</span>')  # noqa: S308 - a constant

_words = drawing.translated_once(
    {
        "today": gettext_noop("vandaag"),
        "winter_cutoff": gettext_noop("Afsluiting gepland tijdens de winterstop: mag niet"),
        "winter_until": gettext_noop("Winterstop: geen afsluiting vóór %(date)s"),
        "attention": gettext_noop("Termijn nadert, niet bereikt"),
        "client": gettext_noop("cliënt"),
        "nobody": gettext_noop("niemand"),
        "late": gettext_noop("Over tijd"),
        "protected": gettext_noop("beschermd"),
        "no": gettext_noop("nee"),
    }
)


_UNSAID = object()


class Page:
    """What a page's cells are drawn against, read once: today's date (in the organisation's
    time zone), the deadline warning period, the winter stop and the links' script prefix (read
    when a row needs them), the cells' words in the active language, and what was said once on
    the page (the days left, a choice's label), kept for the next row that says the same."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.words = _words()
        self._said: dict = {}

    @cached_property
    def warning_days(self) -> int:
        return Organisation.warning_days()

    @cached_property
    def winter(self) -> WinterStop:
        return Organisation.winter_stop()

    @cached_property
    def dossier_url(self) -> Callable[[int], str]:
        """`Dossier.get_absolute_url`, its script prefix read once a page."""
        return int_url_maker("dossiers:detail")

    def said(self, key, make):
        """`make()`, made once a page for `key`."""
        said = self._said.get(key, _UNSAID)
        if said is _UNSAID:
            said = self._said[key] = make()
        return said

    def label(self, dossier, field: str) -> str:
        """`dossier.get_<field>_display()`, looked up once a page per value."""
        return self.said((field, getattr(dossier, field)), getattr(dossier, f"get_{field}_display"))


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


def deadline(dossier, page: Page | None = None) -> SafeString:
    """The deadline with its kind and the days left (not for a closed dossier), and the winter
    stop that covers it: as `Dossier.days_left`, `deadline_is_near`, `winter_stop_ends` and
    `cutoff_in_winter_stop` say, against the page's today. The cell says only what these four
    fields hold, so a page draws it once for the rows that hold the same."""
    day = dossier.deadline
    if not day:
        return mark_safe(DASH)  # noqa: S308 - a constant
    page = page or Page()
    key = (
        "deadline",
        day,
        dossier.deadline_kind,
        dossier.status == Dossier.Status.CLOSED,
        dossier.kind == Dossier.Kind.ENERGIE,
    )
    return page.said(key, lambda: _deadline(dossier, page))


def _deadline(dossier, page: Page) -> SafeString:
    day = dossier.deadline
    closed = dossier.status == Dossier.Status.CLOSED
    parts = ["\n", drawing.text(_date(day))]
    if dossier.deadline_kind:
        parts.append(format_html(" ({})", page.label(dossier, "deadline_kind")))
    parts.append("\n")
    if not closed:
        parts.append(_days(day, page))
    parts.append("\n")
    if not closed and dossier.kind == Dossier.Kind.ENERGIE:
        ends = page.winter.ends(day)
        if ends:
            text = page.words["winter_until"] % {"date": _date(ends)}
            parts.append(f'\n<span class="badge text-bg-info winter-stop">{text}</span>')
            if dossier.deadline_kind == Dossier.DeadlineKind.MEASURE:
                cutoff = page.words["winter_cutoff"]
                parts.append(f'\n<span class="deadline-past">{cutoff}</span>')
    return mark_safe("".join(parts))  # noqa: S308 - escaped parts


def _days(day: datetime.date, page: Page) -> SafeString:
    """The days left until `day` (or past it), as the deadline cell says them."""
    days = (day - page.today).days
    if days < 0:
        text = ngettext("%(days)s dag voorbij", "%(days)s dagen voorbij", -days) % {"days": -days}
        return format_html('<span class="deadline-past">{}</span>', text)
    if days == 0:
        return format_html('<span class="deadline-near">{}</span>', page.words["today"])
    text = ngettext("nog %(days)s dag", "nog %(days)s dagen", days) % {"days": days}
    css = "deadline-near" if days <= page.warning_days else ""
    return format_html('<span class="{}">{}</span>', css, text)


def label(field: str) -> Callable[..., SafeString]:
    """A cell that shows a choice field's label (the dossier's kind, its status), escaped,
    looked up once a page per value."""

    def cell(dossier, page: Page | None = None) -> SafeString:
        page = page or Page()
        value = getattr(dossier, field)
        return page.said(
            ("cell", field, value),
            lambda: SafeString(drawing.text(page.label(dossier, field))),
        )

    return cell


def attention(dossier, page: Page | None = None) -> SafeString:
    if getattr(dossier, "deadline_near_unreached", False):
        words = page.words if page else _words()
        return mark_safe(  # noqa: S308 - an escaped word
            f'<span class="badge text-bg-danger">{words["attention"]}</span>'
        )
    return mark_safe("")  # noqa: S308 - empty


def number(dossier, page: Page | None = None) -> SafeString:
    url = page.dossier_url(dossier.pk) if page else dossier.get_absolute_url()
    return format_html('<a href="{}">{}</a>', url, dossier.number)


def household(dossier, page: Page | None = None) -> SafeString:
    page = page or Page()
    html = format_html(
        '{}<br><span class="small text-body-secondary">{}</span>\n',
        dossier.household_name,
        dossier.address,
    )
    if dossier.client_id and dossier.client:
        html += format_html(
            '<br><span class="small">{} {}</span>',
            page.words["client"],
            dossier.client.client_number,
        )
    company = format_html(" · {}", dossier.company) if dossier.company_id else ""
    html += format_html(
        '\n<span class="d-md-none small"><br>{}{} · {}</span>',
        page.label(dossier, "kind"),
        company,
        page.label(dossier, "status"),
    )
    return html


def company(dossier, page: Page | None = None) -> SafeString:
    html = format_html("{}", dossier.company if dossier.company_id else DASH)
    if dossier.customer_number:
        html += format_html(
            '<br><span class="small text-body-secondary">{}</span>', dossier.customer_number
        )
    return html


def route(dossier, page: Page | None = None) -> SafeString:
    return format_html("{}", dossier.route or DASH)


def worker(dossier, page: Page | None = None) -> SafeString:
    user = dossier.assigned_to if dossier.assigned_to_id else None
    if user is not None:
        html = format_html("{}", user.get_full_name() or user.username)
    else:
        nobody = (page.words if page else _words())["nobody"]
        html = format_html('<span class="text-body-secondary">{}</span>', nobody)
    if dossier.team_id and dossier.team:
        html += format_html(
            '<br><span class="small text-body-secondary">{}</span>', dossier.team.name
        )
    return html


def step(dossier, page: Page | None = None) -> SafeString:
    if not dossier.next_step:
        return MUTED_DASH
    overdue = getattr(dossier, "next_step_overdue", False)
    html = format_html("{}", dossier.next_step)
    if dossier.next_step_date:
        css = "small fw-semibold" if overdue else "small text-body-secondary"
        html += format_html('<br><span class="{}">{}</span>', css, _date(dossier.next_step_date))
    if overdue:
        late = (page.words if page else _words())["late"]
        html += format_html(' <span class="badge text-bg-warning">{}</span>', late)
    return html


def deadline_and_attention(dossier, page: Page | None = None) -> SafeString:
    page = page or Page()
    return format_html("{} {}", deadline(dossier, page), attention(dossier, page))


def protected(dossier, page: Page | None = None) -> SafeString:
    if dossier.protected_customer:
        words = page.words if page else _words()
        return format_html('<span class="badge text-bg-info">{}</span>', words["protected"])
    if dossier.protected_customer is False:
        words = page.words if page else _words()
        return format_html('<span class="text-body-secondary">{}</span>', words["no"])
    return MUTED_DASH
