"""The figures as one viewer sees them: each number linked to the worklist that lists its dossiers
(when the viewer sees all of them there, scope.py), and small numbers in breakdowns masked for
those who may not see them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from bereik.reports.figures.base import COUNT, Cell, Figures, Table
from bereik.reports.figures.span import day
from bereik.reports.scope import SMALL


def worklist_url(worklist: str, filters: dict) -> str:
    """The worklist with `filters`; every status unless the filters choose one."""
    query = {"status": "alle", **filters}
    return f"{reverse('dossiers:worklist', args=[worklist])}?{urlencode(query)}"


def _cells(figures: Figures):
    for table in figures.tables.values():
        for row in table.rows:
            yield from row.cells
    for durations in figures.durations.values():
        yield durations.measured
    yield from figures.summary.values()
    yield from figures.notes.values()


def is_small(value) -> bool:
    return value is not None and 0 < value < SMALL


def mask(table: Table) -> None:
    """In each row of a breakdown and for each period: a count from 1 to 4 becomes "< 5"; so does
    its complement (reached and not reached add up to opened), and the row's rates and averages
    are not shown."""
    for row in table.rows:
        if row.total:
            continue
        for period in (0, 1):
            small = {
                index
                for index, cell in enumerate(row.cells)
                if cell.kind == COUNT and is_small(cell.values()[period])
            }
            for first, second in table.complements:
                if small & {first, second}:
                    small |= {first, second}
            if not small:
                continue
            for index, cell in enumerate(row.cells):
                if index in small or cell.kind != COUNT:
                    masked = list(cell.masked)
                    masked[period] = True
                    cell.masked = tuple(masked)


def for_viewer(figures: Figures) -> Figures:
    scope = figures.scope
    for cell in _cells(figures):
        if scope.worklist and isinstance(cell, Cell) and cell.links is not None:
            cell.urls = tuple(worklist_url(scope.worklist, filters) for filters in cell.links)
    if not scope.small_numbers:
        for table in figures.tables.values():
            if table.breakdown:
                mask(table)
        for cell in _cells(figures):
            cell.urls = tuple(
                None if masked else url for url, masked in zip(cell.urls, cell.masked, strict=True)
            )
    return figures


def month_url(scope, month, **filters) -> str | None:
    if not scope.worklist:
        return None
    return worklist_url(
        scope.worklist,
        {"opened_from": day(month.first), "opened_to": day(month.last), **filters},
    )
