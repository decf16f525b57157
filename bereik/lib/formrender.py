"""The form renderer: Django's templates, except for the widgets that are drawn most, drawn in
Python.

Django draws a select box with an include per option and another for each option's attributes,
and every input with two includes (the input, its attributes). The worklists' filter form has a
dozen select boxes and a hundred options, and a dossier's page about twenty-five fields: drawn by
the templates, the forms were half of those pages' time. `Renderer` draws
`django/forms/widgets/select.html`, the inputs (`input.html` and the widgets that only include
it: text, number, date, hidden, checkbox, …) and `textarea.html` with the same HTML (the same
markup and attributes, escaped as the template engine escapes) from the widget's context, and
leaves every other template to Django (FORM_RENDERER in settings). The project overrides none of
these templates; a test compares both drawings.

The project's own select box (`lib.forms.Select`, the widget of its choice fields) does not even
make the context: it draws its choices with `select_of_choices`.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

from bereik.lib.drawing import text as escape  # as `{{ value }}` draws it

WIDGETS = "django/forms/widgets/"
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"
TEXTAREA = WIDGETS + "textarea.html"
# The input and the widget templates that are only `{% include ".../input.html" %}` (not
# file.html: a file input is rare and keeps Django's templates).
INPUTS = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "color.html",
        "search.html",
        "tel.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "checkbox.html",
    )
)


def _text(value) -> str:
    """As `{{ value|stringformat:'s' }}` draws it: the value made text, escaped unless it was
    marked safe (an object with its own `__html__` is escaped as text, as the filter does)."""
    text = str(value)  # what "%s" makes of it (of a tuple too, which the filter turns to text)
    return text if isinstance(value, SafeData) else html.escape(text)


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html draws them."""
    if not attrs:  # most options
        return ""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{_text(value)}"')
    return "".join(parts)


def _optgroup(label) -> str:
    return f'\n  <optgroup label="{escape(label)}">'


_OPTGROUP_END = "\n  </optgroup>"


def _option(value, attrs: str, label) -> str:
    """One option as select_option.html draws it, its attributes drawn already."""
    return _option_head(value) + attrs + _option_tail(label)


def _option_head(value) -> str:
    return f'\n  <option value="{escape(str(value))}"'


def _option_tail(label) -> str:
    return f">{escape(label)}</option>\n"


def select(widget: dict) -> str:
    """As django/forms/widgets/select.html and select_option.html draw it."""
    parts = [f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(_optgroup(group_name))
        for option in group_choices:
            if option["template_name"] != OPTION:
                return ""  # a select of its own: drawn by its templates
            parts.append(_option(option["value"], attributes(option["attrs"]), option["label"]))
        if group_name:
            parts.append(_OPTGROUP_END)
    parts.append("\n</select>")
    return "".join(parts)


def select_of_choices(name: str, attrs: dict, choices, value: list[str]) -> str:
    """A select box of one value (`lib.forms.Select`) as `select` draws the context Django's
    Select makes of it, without making that context (a dictionary per option: `optgroups`,
    `create_option`): the first option whose value, as text, is among `value` (the widget's
    `format_value`) is selected; a pair whose label is a list or tuple is a group; a value None
    is "". A test compares it with Django's templates."""
    return select_of_drawn(name, attrs, _drawn(choices, kept=False), value)


# What a label or a value may be for its option to be drawn once a language (`drawn_options`):
# text, or lazy text (translated into the active language). A number or a day is written in the
# request's own format (its thousands, its time zone) and is drawn for each request.
_LABELS = (str, Promise)
_VALUES = (str, int)


def drawn_options(choices) -> list[tuple[str | None, str, str]] | None:
    """The options of `choices` drawn as `select_of_choices` draws them, without the selection,
    to be kept (`lib.forms.Choices.drawn`): for each option its value as text (what a chosen
    value is compared with) and its markup before and after " selected"; a group's start and
    end as (None, markup, ""). None when a label or value is not of `_LABELS` or `_VALUES`
    (bool is not an int here: it is drawn as True or False by `str`, but compares with 1 and
    0)."""
    return _drawn(choices, kept=True)


def _drawn(choices, *, kept: bool) -> list[tuple[str | None, str, str]] | None:
    drawn = []
    for option_value, option_label in choices:
        if option_value is None:
            option_value = ""
        grouped = isinstance(option_label, list | tuple)
        named = grouped and option_value  # a group without a name: its options, no optgroup
        if named:
            if kept and not isinstance(option_value, _LABELS):
                return None
            drawn.append((None, _optgroup(option_value), ""))
        for subvalue, sublabel in option_label if grouped else ((option_value, option_label),):
            if kept and not (
                isinstance(sublabel, _LABELS)
                and isinstance(subvalue, _VALUES)
                and not isinstance(subvalue, bool)
            ):
                return None
            drawn.append((str(subvalue), _option_head(subvalue), _option_tail(sublabel)))
        if named:
            drawn.append((None, _OPTGROUP_END, ""))
    return drawn


def select_of_drawn(name: str, attrs: dict, drawn: list, value: list[str]) -> str:
    """A select box of options drawn already (`_drawn`): the first option whose value is among
    `value` is selected."""
    parts = [f'<select name="{escape(name)}"{attributes(attrs)}>']
    chosen = False
    for option_value, head, tail in drawn:
        if not chosen and option_value is not None and option_value in value:
            chosen = True
            parts += (head, " selected", tail)
        else:
            parts += (head, tail)
    parts.append("\n</select>")
    return "".join(parts)


def input_(widget: dict) -> str:
    """As django/forms/widgets/input.html draws it."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
        f"{shown}{attributes(widget['attrs'])}>"
    )


def textarea(widget: dict) -> str:
    """As django/forms/widgets/textarea.html draws it."""
    value = widget["value"]
    return (
        f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{escape(value) if value else ''}</textarea>"
    )


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return mark_safe(input_(context["widget"]))  # noqa: S308 - escaped above
        if template_name == TEXTAREA:
            return mark_safe(textarea(context["widget"]))  # noqa: S308 - escaped above
        if template_name == SELECT:
            drawn = select(context["widget"])
            if drawn:
                return mark_safe(drawn)  # noqa: S308 - every value escaped above
        return super().render(template_name, context, request)
