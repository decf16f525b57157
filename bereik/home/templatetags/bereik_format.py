"""Formatting filters for every template: `{% load bereik_format %}`."""

from django import template

from bereik.lib.documents import format_amount, format_number, format_percent

register = template.Library()


@register.filter
def euro(value) -> str:
    """`€ 1.234,56`, the Belgian notation (the plain number would show `1234,56`), with a
    non-breaking space so the sign never ends a line."""
    return format_amount(value).replace(" ", "\u00a0")


@register.filter
def number(value, decimals=0) -> str:
    """`1.234` (Belgian thousands separator), `12,5` with `|number:1`; "" for None."""
    return format_number(value, int(decimals))


@register.filter
def percent(value, decimals=1) -> str:
    """`68,4 %` (a non-breaking space before the sign); "–" for None (nothing to divide)."""
    if value is None:
        return "–"
    return format_percent(value, int(decimals)).replace(" %", "\u00a0%")
