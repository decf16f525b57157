"""`{% int_url "app:name" pk %}`: `{% url %}` for the URLs that take whole numbers, in the long
lists that link every row; `{% fixed_url "app:name" word %}` for the URLs that name no record, in
the header of every page (`bereik.lib.urls`)."""

from django import template

from bereik.lib.urls import fixed_url as _fixed_url
from bereik.lib.urls import int_url as _int_url

register = template.Library()


@register.simple_tag
def int_url(name, *ids):
    return _int_url(name, *ids)


@register.simple_tag
def fixed_url(name, *words):
    return _fixed_url(name, *words)
