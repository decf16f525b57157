from django import template

from bereik.home import nav

register = template.Library()


@register.simple_tag
def nav_items(user):
    return nav.items_for(user) if user.is_authenticated else []


@register.filter
def startswith(value: str, prefix: str) -> bool:
    return prefix != "/" and str(value).startswith(prefix)
