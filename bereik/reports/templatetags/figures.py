"""`{% load figures %}`: a figure as the page shows it (`{{ cell|current }}`,
`{{ cell|previous }}`): Belgian notation, "< 5" where the viewer may not see a small number, "–"
where there is nothing to show."""

from django import template

from bereik.lib.documents import format_number, format_percent
from bereik.reports.figures.base import AVERAGE, DAYS, PERCENT
from bereik.reports.scope import SMALL

register = template.Library()
NOTHING = "–"


def show(value, kind: str, masked: bool = False) -> str:
    if masked:
        return f"< {SMALL}"
    if value is None:
        return NOTHING
    if kind == PERCENT:
        return format_percent(value).replace(" %", "\u00a0%")
    if kind == AVERAGE:
        return format_number(value, 1)
    if kind == DAYS:
        return format_number(value)
    return format_number(value)


@register.filter
def current(cell) -> str:
    return show(cell.current, cell.kind, cell.masked[0])


@register.filter
def previous(cell) -> str:
    return show(cell.previous, cell.kind, cell.masked[1])


@register.filter
def change(cell) -> str:
    """The difference with the year earlier: "+3", "−1,5 procentpunt", "" when not comparable."""
    if cell.current is None or cell.previous is None or any(cell.masked):
        return ""
    difference = cell.current - cell.previous
    if cell.kind == PERCENT:
        text = format_number(abs(difference), 1)
        unit = " procentpunt"
    else:
        text, unit = format_number(abs(difference), 1 if cell.kind == AVERAGE else 0), ""
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    return f"{sign}{text}{unit}"
