"""Formatting filters for every template: `{% load bereik_format %}`."""

from django import template

from bereik.lib.documents import format_amount

register = template.Library()


@register.filter
def euro(value) -> str:
    """`€ 1.234,56`, the Belgian notation (the plain number would show `1234,56`), with a
    non-breaking space so the sign never ends a line."""
    return format_amount(value).replace(" ", "\u00a0")
