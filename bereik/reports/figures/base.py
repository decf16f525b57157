"""The shape of the figures: tables of cells, each cell a number for the period and for the same
period a year earlier, with the worklist filters that list its dossiers. The page, the yearly
overview (XLSX, PDF) and `manage.py figures` all draw the same tables."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

COUNT, PERCENT, DAYS, AVERAGE = "count", "percent", "days", "average"


def rate(part: int | None, whole: int | None) -> float | None:
    """`part` as a percentage of `whole`; None when there is nothing to divide."""
    if not whole or part is None:
        return None
    return 100 * part / whole


def percentile(histogram: Counter, share: float) -> int | None:
    """The nearest-rank percentile of whole numbers given as {value: how often}: the smallest
    value that at least `share` (0-100) percent of them do not exceed. None for no values."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(math.ceil(share / 100 * total), 1)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - the loop always reaches the rank


@dataclass
class Cell:
    """A number for the period (`current`) and the same period a year earlier (`previous`).
    `links` are the worklist filters (besides the worklist's own) that list the dossiers behind
    each of the two; None for a number that is not a count of dossiers' things."""

    current: float | int | None = 0
    previous: float | int | None = 0
    kind: str = COUNT
    links: tuple[dict, dict] | None = None
    dossiers: bool = False  # a count of dossiers: its list holds exactly that many
    urls: tuple[str | None, str | None] = (None, None)  # filled in for the viewer (links.py)
    masked: tuple[bool, bool] = (False, False)  # "< 5" for this viewer (scope.py)

    def values(self):
        return (self.current, self.previous)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False  # a total: never masked, drawn in bold
    key: str = ""  # the group's value (route, company id, ...), for the JSON output


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[Row]
    caption: str = ""  # one line under the title: what the rows are
    breakdown: bool = True  # rows are groups: small numbers are masked for some viewers
    # Pairs of columns that add up to another one (reached + not reached = opened): when one of
    # them is masked, so is the other.
    complements: tuple[tuple[int, int], ...] = ()

    def column(self, index: int) -> list[Cell]:
        return [row.cells[index] for row in self.rows]

    def grid(self) -> list[tuple[Row, list[tuple[str, Cell]]]]:
        """Each row with its cells next to their column headings (for links that say what they
        count)."""
        return [(row, list(zip(self.headers, row.cells, strict=True))) for row in self.rows]


@dataclass
class Durations:
    """Days from the signal to a moment, for the dossiers that reached it."""

    measured: Cell  # how many dossiers
    median: Cell
    p90: Cell


@dataclass
class Figures:
    period: object  # periods.Period
    previous: object
    scope: object  # scope.Scope
    tables: dict[str, Table] = field(default_factory=dict)
    durations: dict[str, Durations] = field(default_factory=dict)
    months: list = field(default_factory=list)  # [(Period, opened, reached)]
    summary: dict = field(default_factory=dict)  # reach totals: opened, reached, ... as Cells
    notes: dict = field(default_factory=dict)

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)

    def month_rows(self) -> list[dict]:
        return [
            {"month": month, "opened": opened, "reached": reached, "rate": rate(reached, opened)}
            for month, opened, reached in self.months
        ]
