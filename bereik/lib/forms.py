"""Form widgets and form behaviour every app shares."""

import copy
import datetime
from collections.abc import Mapping

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bereik.lib import formrender, locking


class DateInput(forms.DateInput):
    """A date typed as Belgians write it, dd/mm/jjjj, whatever language the browser speaks (a
    browser's own date field shows mm/dd/yyyy in an English browser). The form field reads it
    with the nl-BE input formats (dd/mm/jjjj, dd-mm-jjjj) and ISO dates."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        attrs = {
            "placeholder": "dd/mm/jjjj",
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=format or "%d/%m/%Y")


class Choices(BaseChoiceIterator):
    """Choices already in the form Django normalises them to: a list of (value, label) pairs
    whose labels are text or lazy text, a group's as (name, [pairs]). Assigned to a choice field
    (`field.choices = Choices([...])`), they are taken as they are: Django walks a list of
    choices, pair by pair and element by element, once for the field and again for its widget
    (half the making of the worklists' filter form, whose companies, workers and teams are set
    on every page). The project's choice fields keep the choices they are given as one
    (`KeptChoices`).

    A select box of these choices draws their options once a language (`drawn`) and then only
    marks the one chosen: the worklists' filter form draws about a hundred options on every
    page, and each lazy label was translated again (Django's active language is kept in an
    `asgiref.local.Local`, which costs more to read than the rest of the translation). Never
    changed in place: a form that wants other choices assigns new ones."""

    def __init__(self, pairs: list[tuple]):
        self.pairs = pairs
        self._drawn: dict[str | None, list | None] = {}

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def drawn(self) -> list | None:
        """The options drawn in the active language (`formrender.drawn_options`), made on first
        use in each language; None when a label or value is of a kind that is drawn for each
        request (a number or a day is written in the request's own format)."""
        language = get_language()
        try:
            return self._drawn[language]
        except KeyError:
            drawn = self._drawn[language] = formrender.drawn_options(self.pairs)
            return drawn


class Select(forms.Select):
    """Django's Select, drawn straight from its choices by the project's renderer
    (`formrender.select_of_choices`, or `select_of_drawn` for `Choices` drawn once a language):
    Django makes a dictionary for every option first (about a hundred on a worklist's filter
    form), which cost more than drawing them. The same HTML (a test compares them); a subclass,
    another renderer, other templates or several values draw as Django does."""

    def render(self, name, value, attrs=None, renderer=None):
        renderer = renderer or get_default_renderer()
        plain = (
            type(self) is Select
            and isinstance(renderer, formrender.Renderer)
            and self.template_name == formrender.SELECT
            and self.option_template_name == formrender.OPTION
            and not self.allow_multiple_selected
        )
        if not plain:
            return super().render(name, value, attrs, renderer)
        choices = self.choices
        drawn = choices.drawn() if isinstance(choices, Choices) else None
        attrs = self.build_attrs(self.attrs, attrs)
        if drawn is None:
            html = formrender.select_of_choices(name, attrs, choices, self.format_value(value))
        else:
            html = formrender.select_of_drawn(name, attrs, drawn, self.format_value(value))
        return mark_safe(html)  # noqa: S308 - every value escaped by formrender


class SharedChoices:
    """Mixed into a choice field: the copy that every form gets of it shares its choices.

    Django copies each field of a form for every form made, a choice field's choices item by
    item and then again as its widget's (normalised once more): the worklists' filter form, made
    on every worklist page, spent a third of its making on choices that never change. Choices
    are never changed in place: a form that gives a field other ones assigns a new list
    (`form.fields[name].choices = [...]`), which goes to that form's copy alone."""

    def __deepcopy__(self, memo):
        # Field.__deepcopy__ and Widget.__deepcopy__, without copying the choices. A widget made
        # of widgets (MultiWidget) is copied as Django copies it.
        if hasattr(self.widget, "widgets"):
            return super().__deepcopy__(memo)
        result = copy.copy(self)
        memo[id(self)] = result
        widget = copy.copy(self.widget)
        widget.attrs = self.widget.attrs.copy()
        memo[id(self.widget)] = widget
        result.widget = widget
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class KeptChoices(SharedChoices):
    """Mixed into a choice field: the choices it is given are kept as `Choices` (normalised by
    Django first when they are a list), so that its select box draws them once a language."""

    def _set_choices(self, value):
        choices = normalize_choices(value)
        if isinstance(choices, list):
            choices = Choices(choices)
        self._choices = self.widget.choices = choices

    choices = property(forms.ChoiceField.choices.fget, _set_choices)


class ChoiceField(KeptChoices, forms.ChoiceField):
    widget = Select


class TypedChoiceField(KeptChoices, forms.TypedChoiceField):
    widget = Select


class VersionedForm(forms.BaseForm):
    """A form that edits a stored record carries the version it was loaded from (a hidden field,
    `version`; bereik.lib.locking). Mix it in before the form class:

        class ClientForm(VersionedForm, forms.ModelForm): ...

    The view passes `form.version()` to the action; when the action raises
    `locking.StaleEdit`, `form.show_conflict(error)` puts the message on the form, lists both
    versions of what differs (`form.conflict`, shown by partials/conflict.html, included by
    partials/form.html) and carries the stored version, so saving again keeps the person's own
    version on purpose. A plain Form gives its record as `instance=` or sets `version_record`;
    a form over a record without a row gives its version as `initial` and the action raises
    StaleEdit with the stored values by field name (`locking.version_of_values`).
    `version_masked` fields are compared but never shown (the INSZ)."""

    version_masked: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        record = kwargs.pop("version_record", None)
        super().__init__(*args, **kwargs)
        self.version_record = record if record is not None else getattr(self, "instance", None)
        self.conflict: list[dict] = []
        self.stale: locking.StaleEdit | None = None
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def get_initial_for_field(self, field, field_name):
        # Computed when the form is drawn, after the form's own __init__ chose its fields.
        if field_name == "version" and self.version_record is not None:
            if self.version_record.pk is None:
                return ""
            return locking.version_of(self.version_record, self.version_fields())
        return super().get_initial_for_field(field, field_name)

    def version_fields(self) -> list[str]:
        return [name for name in self.fields if name != "version"]

    def version(self) -> str | None:
        """The version the person loaded: None for a new record, or when the page did not carry
        one. A form without a record (the sociaal verslag) gives its version as `initial`."""
        if not self.is_bound:
            return None
        if self.version_record is not None and self.version_record.pk is None:
            return None
        return self.data.get(self.add_prefix("version"))

    def show_conflict(self, stale: locking.StaleEdit) -> None:
        self.stale = stale
        self.add_error(None, stale)
        current = stale.current
        rows = []
        if current is not None:
            if isinstance(current, Mapping):  # a record without a row: name -> stored value
                stored = set(current) & set(self.version_fields())
            else:
                stored = set(locking.model_field_names(type(current), self.version_fields()))
            for name in (name for name in self.version_fields() if name in stored):
                field = self.fields[name]
                if isinstance(current, Mapping):
                    theirs = current[name]
                else:
                    theirs = locking.stored_value(current, name)
                yours = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
                if locking.plain(theirs) == locking.plain(yours):
                    continue
                masked = name in self.version_masked
                if masked and not yours:
                    continue  # a masked field is left empty to keep what is stored
                rows.append(
                    {
                        "label": field.label or name,
                        "theirs": _("gewijzigd (niet getoond)") if masked else show(field, theirs),
                        "yours": _("(niet getoond)") if masked else show(field, yours),
                    }
                )
        self.conflict = rows
        data = self.data.copy()
        data[self.add_prefix("version")] = stale.version
        self.data = data


def show(field: forms.Field, value) -> str:
    """A value as the person typed or chose it: choices by their label, dates as dd/mm/jjjj."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        keys = [
            getattr(item, "pk", item)
            for item in (value if isinstance(value, list | tuple | set) else [value])
        ]
        labels = {
            item.pk: field.label_from_instance(item)
            for item in queryset.model._default_manager.filter(pk__in=keys)
        }
        return ", ".join(str(labels.get(key, key)) for key in keys)
    choices = dict(getattr(field, "choices", None) or [])
    if choices:
        values = value if isinstance(value, list | tuple | set) else [value]
        return ", ".join(str(choices.get(item, item)) for item in values)
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name.rsplit("/", 1)[-1]
    return str(value)
