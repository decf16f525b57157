"""The reach: dossiers opened in the period, reached, reached before their deadline, not reached,
the reach rate, per route, kind, company, worker and team; the rate per month over two years; the
days from the signal to the first attempt and to reached.

One query reads the dossiers of both periods grouped by what the breakdowns need (route, kind,
company, team): a few hundred groups, rolled up here; the breakdown per worker is a second one,
read only when it is asked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db.models import Case, Count, F, IntegerField, Value, When
from django.utils.translation import gettext as _

from bereik.dossiers.models import Dossier
from bereik.lib.days import day_start
from bereik.reports import definitions
from bereik.reports.figures.base import (
    DAYS,
    PERCENT,
    Cell,
    Durations,
    Row,
    Table,
    percentile,
    rate,
)
from bereik.reports.figures.span import Span
from bereik.reports.sql import DaysBetween, LocalDate

DIMENSIONS = ("route", "kind", "company_id", "team_id")
NONE = "geen"  # the worklists' filter value for "no route / company / worker / team"

reached_q = Dossier.objects.reached_q
before_q = Dossier.objects.reached_before_deadline_q


def cube(scope, span: Span, dimensions=DIMENSIONS) -> list[dict]:
    """The dossiers of both periods counted per period and `dimensions` (one query)."""
    return list(
        Dossier.objects.filter(scope.dossiers(), span.opened())
        .annotate(p=span.opened_marker())
        .values("p", *dimensions)
        .annotate(
            opened=Count("pk"),
            reached=Count("pk", filter=reached_q()),
            before=Count("pk", filter=before_q()),
        )
        .order_by()
    )


class Tally:
    """opened, reached and reached before the deadline, for the period (1) and the year earlier
    (0), per group."""

    def __init__(self):
        self.counts = defaultdict(lambda: {1: [0, 0, 0], 0: [0, 0, 0]})

    def add(self, group, row: dict) -> None:
        counts = self.counts[group][row["p"]]
        counts[0] += row["opened"]
        counts[1] += row["reached"]
        counts[2] += row["before"]

    def of(self, group) -> dict:
        return self.counts[group]


def tally(rows: list[dict], key: Callable[[dict], object]) -> Tally:
    result = Tally()
    for row in rows:
        result.add(key(row), row)
    return result


def reach_headers() -> list[str]:
    return [
        _("Geopend"),
        _("Bereikt"),
        _("Bereikt vóór de termijn"),
        _("Niet bereikt"),
        _("Bereikgraad"),
    ]


def reach_cells(counts: dict, span: Span, filters: dict | None) -> list[Cell]:
    """The cells of one row: `filters` select the group on the worklist (None: no list)."""
    current, previous = counts[1], counts[0]

    def links(**extra):
        if filters is None:
            return None
        return span.opened_links(**filters, **extra)

    return [
        Cell(current[0], previous[0], links=links(), dossiers=True),
        Cell(current[1], previous[1], links=links(reached="ja"), dossiers=True),
        Cell(current[2], previous[2], links=links(reached="voor-termijn"), dossiers=True),
        Cell(
            current[0] - current[1],
            previous[0] - previous[1],
            links=links(reached="nee"),
            dossiers=True,
        ),
        Cell(rate(current[1], current[0]), rate(previous[1], previous[0]), kind=PERCENT),
    ]


def reach_table(
    key: str,
    title: str,
    caption: str,
    groups: list[tuple[object, str, dict | None]],
    counts: Tally,
    span: Span,
    total: dict | None = None,
) -> Table:
    """`groups`: (group, label, worklist filters) in the order of the rows."""
    rows = []
    if total is not None:
        rows.append(Row(_("Alle dossiers"), reach_cells(total, span, {}), total=True))
    for group, label, filters in groups:
        rows.append(Row(label, reach_cells(counts.of(group), span, filters), key=str(group)))
    return Table(key, title, reach_headers(), rows, caption=caption, complements=((1, 3),))


def summary(scope, span: Span) -> dict:
    """Opened, reached and the reach rate of both periods, without the breakdowns (one query):
    {"opened": Cell, "reached": Cell, "rate": Cell}."""
    counts = {1: [0, 0, 0], 0: [0, 0, 0]}
    rows = (
        Dossier.objects.filter(scope.dossiers(), span.opened())
        .annotate(p=span.opened_marker())
        .values("p")
        .annotate(
            opened=Count("pk"),
            reached=Count("pk", filter=reached_q()),
            before=Count("pk", filter=before_q()),
        )
        .order_by()
    )
    for row in rows:
        counts[row["p"]] = [row["opened"], row["reached"], row["before"]]
    cells = reach_cells(counts, span, {})
    return {"opened": cells[0], "reached": cells[1], "rate": cells[4]}


def totals(rows: list[dict]) -> dict:
    return tally(rows, lambda row: "all").of("all")


def months(scope, span: Span) -> list:
    """The reach rate per month over two years: [(month, opened, reached)] (one query)."""
    periods = span.current.months()
    bucket = Case(
        *[
            When(opened_at__lt=day_start(month.last, days_after=1), then=Value(index))
            for index, month in enumerate(periods)
        ],
        output_field=IntegerField(),
    )
    rows = (
        Dossier.objects.filter(
            scope.dossiers(),
            Dossier.objects.opened_between_q(periods[0].first, periods[-1].last),
        )
        .annotate(month=bucket)
        .values("month")
        .annotate(opened=Count("pk"), reached=Count("pk", filter=reached_q()))
        .order_by()
    )
    found = {row["month"]: row for row in rows}
    return [
        (
            month,
            found.get(index, {}).get("opened", 0),
            found.get(index, {}).get("reached", 0),
        )
        for index, month in enumerate(periods)
    ]


def _durations(rows, span: Span, links) -> Durations:
    histograms = {1: Counter(), 0: Counter()}
    for row in rows:
        histograms[row["p"]][max(row["days"], 0)] += row["n"]

    def cell(func, **extra):
        return Cell(func(histograms[1]), func(histograms[0]), **extra)

    return Durations(
        measured=cell(lambda h: sum(h.values()), links=links, dossiers=True),
        median=cell(lambda h: percentile(h, 50), kind=DAYS),
        p90=cell(lambda h: percentile(h, 90), kind=DAYS),
    )


def durations(scope, span: Span) -> dict[str, Durations]:
    """Days from the signal (the day the dossier was opened) to its first contact attempt and to
    the day it was reached, for the dossiers that got there (two queries). A day before the
    dossier was opened (an attempt recorded with an earlier date) counts as 0."""
    opened_day = LocalDate("opened_at", since=span.since, until=span.until)
    base = Dossier.objects.filter(scope.dossiers(), span.opened()).annotate(p=span.opened_marker())
    reached = (
        base.filter(reached_q())
        .annotate(days=DaysBetween(opened_day, F("reached_on")))
        .values("p", "days")
        .annotate(n=Count("pk"))
        .order_by()
    )
    first = (
        base.annotate(first=definitions.first_attempt_date())
        .filter(first__isnull=False)
        .annotate(days=DaysBetween(opened_day, F("first")))
        .values("p", "days")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "eerste_poging": _durations(first, span, span.opened_links(cijfer="poging")),
        "bereikt": _durations(reached, span, span.opened_links(reached="ja")),
    }


def route_groups(rows) -> list:
    present = {row["route"] for row in rows}
    groups = [
        (code, str(label), {"route": code})
        for code, label in Dossier.Route.choices
        if code in present
    ]
    if "" in present:
        groups.append(("", _("Nog geen route"), {"route": NONE}))
    return groups


def kind_groups(rows) -> list:
    present = {row["kind"] for row in rows}
    return [
        (code, str(label), {"kind": code})
        for code, label in Dossier.Kind.choices
        if code in present
    ]


def named_groups(rows, field: str, names: dict, none_label: str, filter_name: str, linked=None):
    """Groups of a foreign key, by name; `linked`: the ids the worklist filter can choose (None:
    all of them)."""
    present = {row[field] for row in rows}
    groups = sorted(
        (
            (
                pk,
                names.get(pk, str(pk)),
                {filter_name: pk} if linked is None or pk in linked else None,
            )
            for pk in present
            if pk is not None
        ),
        key=lambda group: group[1].lower(),
    )
    if None in present:
        groups.append((None, none_label, {filter_name: NONE}))
    return groups
