from django import template

from bereik.home import nav

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu of the signed-in user, the current page's entry marked
    (`bereik.home.nav.menu_html`)."""
    user = context.get("user")
    request = context.get("request")
    if user is None or not user.is_authenticated:
        return ""
    return nav.menu_html(user, request.path if request is not None else "")
