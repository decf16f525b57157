"""The figures' charts (server-rendered SVG, bereik.lib.charts): the reach rate per month over two
years, the reach per route and per worker, and the outcomes. Each is drawn next to the table with
the same numbers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bereik.lib import charts
from bereik.lib.documents import MONTHS, format_number, format_percent
from bereik.reports.figures.base import Figures, Table, rate


def _percent(value: float) -> str:
    return format_percent(value, 0) if value in (0, 25, 50, 75, 100) else format_percent(value)


def _value(cell, period: int):
    return None if cell.masked[period] else cell.values()[period]


def trend(figures: Figures):
    if not figures.months:
        return None
    labels, values = [], []
    for index, (month, opened, reached) in enumerate(figures.months):
        name = MONTHS[month.first.month - 1][:3]
        first = index == 0 or month.first.month == 1
        labels.append(f"{name}\n{month.first.year}" if first else name)
        values.append(rate(reached, opened))
    first, last = figures.months[0][0], figures.months[-1][0]
    return charts.line_chart(
        title=_("Bereikgraad per maand"),
        description=_(
            "Het aandeel bereikte dossiers van de dossiers geopend in elke maand, van "
            "%(first)s tot en met %(last)s. De cijfers staan in de tabel bij de grafiek."
        )
        % {
            "first": f"{MONTHS[first.first.month - 1]} {first.first.year}",
            "last": f"{MONTHS[last.first.month - 1]} {last.first.year}",
        },
        categories=labels,
        series=[charts.Series(_("Bereikgraad"), values)],
        fmt=_percent,
    )


def reach_bars(figures: Figures, table: Table | None, title: str, short=None):
    """The reach rate per group of a reach table, the period next to the year earlier (`short`:
    a shorter label for a row, for the chart)."""
    if table is None:
        return None
    rows = [row for row in table.rows if not row.total]
    if not rows:
        return None
    short = short or (lambda row: row.label)
    return charts.bar_chart(
        title=title,
        description=_(
            "De bereikgraad per groep in %(period)s, met dezelfde periode een jaar eerder. De "
            "cijfers staan in de tabel bij de grafiek."
        )
        % {"period": figures.period.label},
        categories=[short(row) for row in rows],
        series=[
            charts.Series(figures.period.short_label, [_value(row.cells[4], 0) for row in rows]),
            charts.Series(figures.previous.short_label, [_value(row.cells[4], 1) for row in rows]),
        ],
        max_value=100,
        fmt=format_percent,
    )


def outcome_bars(figures: Figures):
    table = figures.table("uitkomsten")
    if table is None or not table.rows:
        return None
    return charts.bar_chart(
        title=_("Uitkomsten"),
        description=_(
            "Het aantal dossiers per uitkomst van de dossiers geopend in %(period)s, met dezelfde "
            "periode een jaar eerder. De cijfers staan in de tabel bij de grafiek."
        )
        % {"period": figures.period.label},
        categories=[row.label for row in table.rows],
        series=[
            charts.Series(figures.period.short_label, [_value(r.cells[0], 0) for r in table.rows]),
            charts.Series(
                figures.previous.short_label, [_value(r.cells[0], 1) for r in table.rows]
            ),
        ],
        fmt=format_number,
        label_width=220,
    )


def all_charts(figures: Figures) -> dict:
    return {
        "trend": trend(figures),
        "route": reach_bars(
            figures,
            figures.table("bereik_route"),
            _("Bereikgraad per route"),
            short=lambda row: _("Route %(route)s") % {"route": row.key} if row.key else row.label,
        ),
        "medewerker": reach_bars(
            figures, figures.table("bereik_medewerker"), _("Bereikgraad per medewerker")
        ),
        "uitkomsten": outcome_bars(figures),
    }
