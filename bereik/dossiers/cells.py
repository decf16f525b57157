"""How a dossier's worklist cells are drawn, as HTML made in Python (`drawing.format_html`,
Django's `format_html` with plain text escaped directly).

A worklist page draws 25 to 100 rows of seven drawn cells; as template partials, each cell cost
an include and a dozen lookups, about a millisecond a row. These functions draw the same HTML at
a fraction of that. The deadline and the attention badge are also template filters
(`{{ dossier|deadline_cell }}`, `{{ dossier|attention_cell }}` in `dossier_cells`), so the other
pages that show a deadline draw it from this one definition. Every function takes a dossier
loaded with the columns' related objects (`columns.with_related`) and, for the badges, the
attention marks (`DossierQuerySet.with_attention`).
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik.lib.drawing import format_html

DASH = "—"
MUTED_DASH = mark_safe('<span class="text-body-secondary">—</span>')  # noqa: S308 - a constant


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


def deadline(dossier) -> SafeString:
    """The deadline with its kind and the days left (not for a closed dossier), and the winter
    stop that covers it."""
    if not dossier.deadline:
        return mark_safe(DASH)  # noqa: S308 - a constant
    closed = dossier.status == "afgesloten"
    parts = [format_html("\n{}", _date(dossier.deadline))]
    if dossier.deadline_kind:
        parts.append(format_html(" ({})", dossier.get_deadline_kind_display()))
    parts.append("\n")
    days = dossier.days_left
    if closed:
        pass
    elif days < 0:
        overdue = dossier.days_overdue
        text = ngettext("%(days)s dag voorbij", "%(days)s dagen voorbij", overdue) % {
            "days": overdue
        }
        parts.append(format_html('<span class="deadline-past">{}</span>', text))
    elif days == 0:
        parts.append(format_html('<span class="deadline-near">{}</span>', _("vandaag")))
    else:
        text = ngettext("nog %(days)s dag", "nog %(days)s dagen", days) % {"days": days}
        css = "deadline-near" if dossier.deadline_is_near else ""
        parts.append(format_html('<span class="{}">{}</span>', css, text))
    parts.append("\n")
    if not closed:
        ends = dossier.winter_stop_ends
        if ends:
            text = _("Winterstop: geen afsluiting vóór %(date)s") % {"date": _date(ends)}
            parts.append(
                format_html('\n<span class="badge text-bg-info winter-stop">{}</span>', text)
            )
            if dossier.cutoff_in_winter_stop:
                parts.append(
                    format_html(
                        '\n<span class="deadline-past">{}</span>',
                        _("Afsluiting gepland tijdens de winterstop: mag niet"),
                    )
                )
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - escaped parts


def attention(dossier) -> SafeString:
    if getattr(dossier, "deadline_near_unreached", False):
        return format_html(
            '<span class="badge text-bg-danger">{}</span>', _("Termijn nadert, niet bereikt")
        )
    return mark_safe("")  # noqa: S308 - empty


def number(dossier) -> SafeString:
    return format_html('<a href="{}">{}</a>', dossier.get_absolute_url(), dossier.number)


def household(dossier) -> SafeString:
    html = format_html(
        '{}<br><span class="small text-body-secondary">{}</span>\n',
        dossier.household_name,
        dossier.address,
    )
    if dossier.client_id and dossier.client:
        html += format_html(
            '<br><span class="small">{} {}</span>', _("cliënt"), dossier.client.client_number
        )
    company = format_html(" · {}", dossier.company) if dossier.company_id else ""
    html += format_html(
        '\n<span class="d-md-none small"><br>{}{} · {}</span>',
        dossier.get_kind_display(),
        company,
        dossier.get_status_display(),
    )
    return html


def company(dossier) -> SafeString:
    html = format_html("{}", dossier.company if dossier.company_id else DASH)
    if dossier.customer_number:
        html += format_html(
            '<br><span class="small text-body-secondary">{}</span>', dossier.customer_number
        )
    return html


def route(dossier) -> SafeString:
    return format_html("{}", dossier.route or DASH)


def worker(dossier) -> SafeString:
    user = dossier.assigned_to if dossier.assigned_to_id else None
    if user is not None:
        html = format_html("{}", user.get_full_name() or user.username)
    else:
        html = format_html('<span class="text-body-secondary">{}</span>', _("niemand"))
    if dossier.team_id and dossier.team:
        html += format_html(
            '<br><span class="small text-body-secondary">{}</span>', dossier.team.name
        )
    return html


def step(dossier) -> SafeString:
    if not dossier.next_step:
        return MUTED_DASH
    overdue = getattr(dossier, "next_step_overdue", False)
    html = format_html("{}", dossier.next_step)
    if dossier.next_step_date:
        css = "small fw-semibold" if overdue else "small text-body-secondary"
        html += format_html('<br><span class="{}">{}</span>', css, _date(dossier.next_step_date))
    if overdue:
        html += format_html(' <span class="badge text-bg-warning">{}</span>', _("Over tijd"))
    return html


def deadline_and_attention(dossier) -> SafeString:
    return format_html("{} {}", deadline(dossier), attention(dossier))


def protected(dossier) -> SafeString:
    if dossier.protected_customer:
        return format_html('<span class="badge text-bg-info">{}</span>', _("beschermd"))
    if dossier.protected_customer is False:
        return format_html('<span class="text-body-secondary">{}</span>', _("nee"))
    return MUTED_DASH
