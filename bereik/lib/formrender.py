"""The form renderer: Django's templates, except for the select box, drawn in Python.

Django draws a select box with an include per option and another for each option's attributes;
the worklists' filter form has a dozen select boxes and a hundred options, which made the form
half of a list page's time. `Renderer` draws `django/forms/widgets/select.html` with the same
HTML (the same markup and attributes, escaped as the template engine escapes) from the widget's
context, and leaves every other template to Django (FORM_RENDERER in settings).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html draws them."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


def select(widget: dict) -> str:
    """As django/forms/widgets/select.html and select_option.html draw it."""
    parts = [f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return ""  # a select of its own: drawn by its templates
            parts.append(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{attributes(option['attrs'])}>{escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = select(context["widget"])
            if html:
                return mark_safe(html)  # noqa: S308 - every value escaped above
        return super().render(template_name, context, request)
