"""`{% int_url "app:name" pk %}`: `{% url %}` for the URLs that take whole numbers, in the long
lists that link every row (`bereik.lib.urls`)."""

from django import template

from bereik.lib.urls import int_url as _int_url

register = template.Library()


@register.simple_tag
def int_url(name, *ids):
    return _int_url(name, *ids)
