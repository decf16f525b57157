"""Template filters of the LAC's forms."""

from django import template

register = template.Library()


@register.filter
def autofocused(radio):
    """A radio button rendered with `autofocus`: the first field of a form that htmx opens in
    place gets the focus (htmx focuses `[autofocus]` in what it swaps in)."""
    radio.data["attrs"] = {**radio.data["attrs"], "autofocus": True}
    return radio.tag()
