from django import forms, template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from bereik.lib import lookups
from bereik.lib.drawing import text as escape  # as `{{ value }}` draws it

register = template.Library()


@register.filter
def control(field):
    """Render a bound field with Bootstrap classes and the ARIA links to its help and errors."""
    widget = field.field.widget
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = ""
    else:
        css = "form-control"
    attrs = {}
    existing = widget.attrs.get("class", "")
    classes = " ".join(c for c in (existing, css, "is-invalid" if field.errors else "") if c)
    if classes:
        attrs["class"] = classes
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}_help")
    if field.errors:
        described.append(f"{field.id_for_label}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def form_field(field):
    """One form field with its label, help text and errors: `{% form_field form.x %}`.

    Drawn in Python (a dossier's page has about twenty-five fields; as an include each cost a
    third of a millisecond), with the markup the include `partials/field.html` had (a test
    compares both), except that a checkbox's errors now carry the id its `aria-describedby`
    names."""
    for_ = escape(field.id_for_label)
    label = escape(field.label)
    errors = field.errors
    help_text = field.help_text
    parts = ['<div class="mb-3">\n']
    if getattr(field.field.widget, "input_type", None) == "checkbox":
        parts.append(
            f'<div class="form-check">\n{control(field)}\n'
            f'<label class="form-check-label" for="{for_}">{label}</label>\n'
        )
        parts += [
            f'<div class="invalid-feedback" id="{for_}_error">{escape(error)}</div>'
            for error in errors
        ]
        parts.append("\n</div>\n")
    else:
        required = field.field.required
        parts.append(
            f'<label class="form-label{" required" if required else ""}" for="{for_}">{label}'
            + (
                f' <span class="visually-hidden">({escape(gettext("verplicht"))})</span>'
                if required
                else ""
            )
            + f"</label>\n{control(field)}\n"
        )
        parts += [
            f'<div class="invalid-feedback d-block" id="{for_}_error">{escape(error)}</div>'
            for error in errors
        ]
        parts.append("\n")
    if help_text:
        parts.append(f'<div class="form-text" id="{for_}_help">{escape(help_text)}</div>\n')
    parts.append("</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


# A filter form's labels drawn once a language: (language, the label's id) -> (label, markup).
_drawn_labels: dict[tuple[str | None, str], tuple[object, str]] = {}


def _filter_label(field, language: str | None) -> str:
    """A filter field's label: its text is drawn once a language for as long as the field has
    the same label (a lazy translation of the form class: `lookups.while_same`)."""
    for_ = field.id_for_label
    return lookups.while_same(
        _drawn_labels,
        (language, for_),
        field.label,
        lambda label: (
            f'<label class="form-label small mb-1" for="{escape(for_)}">{escape(label)}</label>'
        ),
    )


@register.simple_tag
def filter_controls(form):
    """The visible fields of a worklist's filter form, each in its column with its label:
    `{% filter_controls form %}`. Drawn in Python (the form is on every worklist page, and its
    eighteen fields cost a millisecond as a loop of the template), with the markup the loop had
    (a test compares both); the labels once a language (`_filter_label`: the active language is
    costly to read, once a page instead of once a label)."""
    language = get_language()
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<div class="col-6 col-md-4 col-xl-2">\n'
            f"{_filter_label(field, language)}\n{control(field)}\n</div>\n"
            for field in form.visible_fields()
        )
    )
