"""The LAC agenda's rows drawn in Python (`{% lac_agenda_rows %}`, `{% lac_prep_cells %}`,
`{% lac_attention %}` in `lac/templatetags/lac_rows.py`).

An agenda of 300 households drew each row with two includes and some forty lookups and filters:
about 0.2 ms a household, half of the page's time. These functions draw the same HTML (each value
escaped, localized and in local time as the template engine did; a test compares them with the
templates they replaced). The labels are translated once a language. An agenda draws its rows
against one `Page` (`agenda_rows`): the words, the links' parts and a request type's label read
once, not once a row (each of those reads goes through an asgiref local: ten a row).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from bereik.dossiers import cells
from bereik.lib import drawing
from bereik.lib.documents import format_amount
from bereik.lib.drawing import text
from bereik.lib.urls import int_url_maker

labels = drawing.translated_once(
    {
        "customer": gettext_noop("klant"),
        "conditional": gettext_noop("voorwaardelijk"),
        "not_unanimous": gettext_noop("niet unaniem: de maatschappij mag niet afsluiten"),
        "actions": gettext_noop("Acties"),
        "preparer": gettext_noop("Voorbereider kiezen"),
        "move": gettext_noop("Naar een andere zitting verplaatsen"),
        "remove": gettext_noop("Van de agenda halen"),
        "feedback": gettext_noop("Terugkoppeling"),
        "none": gettext_noop("geen"),
        "unreached": gettext_noop("niet bereikt"),
        "agrees": gettext_noop("akkoord cliënt"),
        "missing": gettext_noop("ontbreekt"),
        "open": gettext_noop("niet af"),
    }
)


class Page:
    """What every row of an agenda says the same, read once: the words in the active language,
    the parts of the rows' links, and (through the dossiers' `cells.Page`, which also makes the
    dossier's link) each request type's label."""

    def __init__(self) -> None:
        self.t = labels()
        self.cells = cells.Page()

    @cached_property
    def remove_url(self) -> Callable[[int], str]:
        return int_url_maker("lac:item_remove")

    @cached_property
    def preparer_url(self) -> Callable[[int], str]:
        return int_url_maker("lac:item_preparer")

    @cached_property
    def move_url(self) -> Callable[[int], str]:
        return int_url_maker("lac:item_move")

    @cached_property
    def version(self) -> str:
        return gettext("versie %(version)s")

    @cached_property
    def said_by(self) -> str:
        return gettext("%(who)s, %(when)s")


def attention(prep) -> SafeString:
    """What needs attention on a row: a word, an icon and the reason for screen readers."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<div class="lac-flag small"><span aria-hidden="true">⚠ </span>{escape(word)}'
            f'<span class="visually-hidden">: {escape(why)}</span></div>'
            for word, why in prep.attention
        )
    )


def prep_cells(item, prep, page: Page | None = None) -> SafeString:
    """The preparation's cells of a row: preparer, reached, proposal, rights, social report.
    What is missing is a word with an icon (lac/lac.css), not a coloured badge."""
    page = page or Page()
    t = page.t
    followup = prep.followup
    missing = f'<span class="lac-missing">{t["missing"]}</span>'
    preparer = item.current_preparer
    cells = [
        text(preparer) if preparer else f'<span class="lac-missing">{t["none"]}</span>',
        f'<span class="lac-done">{drawing.date(prep.reached_on, "d/m")}</span>'
        if prep.reached_on
        else f'<span class="lac-missing">{t["unreached"]}</span>',
        (
            text(followup.proposal)
            + (
                f'<div class="small text-body-secondary">{t["agrees"]}: '
                f"{text(followup.client_agrees)}</div>"
                if followup.client_agrees
                else ""
            )
        )
        if followup.proposal
        else missing,
        (
            text(followup.rights)
            + (f' <span class="lac-missing">{t["open"]}</span>' if followup.rights_open else "")
        )
        if followup.rights
        else missing,
        '<span class="lac-done">'
        + page.version % {"version": text(followup.report_version)}
        + "</span>"
        if followup.report
        else missing,
    ]
    return mark_safe("".join(f"<td>{cell}</td>\n" for cell in cells))  # noqa: S308 - escaped


def agenda_rows(rows, *, can_plan: bool, full_view: bool) -> SafeString:
    """The households of a session's agenda (`lac/session_detail.html`), drawn on one page."""
    page = Page()
    return mark_safe(  # noqa: S308 - rows drawn escaped
        "".join(agenda_row(row, can_plan=can_plan, full_view=full_view, page=page) for row in rows)
    )


def agenda_row(
    row: dict, *, can_plan: bool, full_view: bool, page: Page | None = None
) -> SafeString:
    """One household on a session's agenda, with its feedback row when the viewer sees the
    whole session."""
    page = page or Page()
    t = page.t
    item, prep = row["item"], row["prep"]
    dossier = item.dossier
    details = text(dossier.address)
    if dossier.customer_number:
        details += f" · {t['customer']} {text(dossier.customer_number)}"
    if dossier.amount_due is not None:
        details += " · " + escape(format_amount(dossier.amount_due).replace(" ", "\u00a0"))
    energy = (
        '<ul class="small list-unstyled mb-0 lac-energy">'
        + "".join(f"<li>{text(line)}</li>" for line in prep.energy)
        + "</ul>"
        if prep.energy
        else ""
    )
    if item.legal_deadline:
        late = "deadline-past" if item.is_late else ""
        deadline = f'<span class="{late}">{drawing.date(item.legal_deadline, "d/m/Y")}</span>'
    else:
        deadline = "—"
    if item.advice:
        advice = text(item.advice_label)
        if item.conditional:
            advice += f' <span class="badge text-bg-info">{t["conditional"]}</span>'
        if item.unanimous is False:
            advice += f'<div class="small lac-alert-text">{t["not_unanimous"]}</div>'
    else:
        advice = "—"
    flagged = ' class="lac-flagged"' if prep.attention else ""
    parts = [
        f'<tr id="punt-{item.pk}"{flagged}>\n'
        f"<td>{text(row['number'])}</td>\n"
        f'<td><a href="{escape(page.cells.dossier_url(dossier.pk))}">'
        f"{text(dossier.household_name)}</a>"
        f'\n{attention(prep)}\n<div class="small text-body-secondary">{details}</div>\n{energy}\n'
        f"</td>\n"
        f'<td>{deadline}<div class="small text-body-secondary">'
        f"{text(page.cells.label(item, 'request_type'))}</div></td>\n"
        f"{prep_cells(item, prep, page)}"
        f"<td>{advice}</td>\n"
    ]
    if can_plan:
        remove = (
            ""
            if item.advice
            else f'<li><a class="dropdown-item text-danger" '
            f'href="{page.remove_url(item.pk)}">{t["remove"]}</a></li>'
        )
        parts.append(
            '<td>\n<div class="dropdown">\n'
            '<button class="btn btn-outline-secondary btn-sm dropdown-toggle" type="button" '
            f'data-bs-toggle="dropdown" aria-expanded="false">{t["actions"]}'
            f'<span class="visually-hidden">: {text(dossier.household_name)}</span></button>\n'
            '<ul class="dropdown-menu dropdown-menu-end">\n'
            f'<li><a class="dropdown-item" href="{page.preparer_url(item.pk)}">'
            f"{t['preparer']}</a></li>\n"
            f'<li><a class="dropdown-item" href="{page.move_url(item.pk)}">'
            f"{t['move']}</a></li>\n{remove}\n</ul>\n</div>\n</td>"
        )
    parts.append("\n</tr>\n")
    followup = prep.followup
    if full_view and followup.feedback:
        when = drawing.date(followup.feedback_at, "d/m/Y H:i")
        said = page.said_by % {"who": text(followup.feedback_by), "when": when}
        parts.append(
            f'<tr class="small"><td></td><td colspan="{9 if can_plan else 8}">'
            f'<strong>{t["feedback"]}</strong> <span class="text-body-secondary">({said})</span>: '
            f"{linebreaksbr(followup.feedback, autoescape=True)}</td></tr>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
