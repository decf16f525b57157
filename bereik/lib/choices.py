"""Choice labels looked up once per field and language.

Django's `get_<field>_display()` builds a dict of all the field's choices on every call, and
with translated labels it translates every one of them each time (`make_hashable` hashes the
lazy labels): a worklist of 25 rows with three such columns did about 9,000 translations, 16 ms
of a page, and the CSV export of 100,000 dossiers millions. `cache_choice_labels()` (called once
from `HomeConfig.ready()`) gives every model field with fixed choices a `get_<field>_display()`
that reads a dict made once per field and active language, and answers exactly as Django's
does (the label as text, or the value itself when it is not a choice). Fields whose choices
are computed (a callable) keep Django's own method, as does a model that defines its own.
"""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_labels: dict[tuple, dict] = {}


def _display(self, field):
    value = getattr(self, field.attname)
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {
            make_hashable(choice): force_str(label, strings_only=True)
            for choice, label in field.flatchoices
        }
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def cache_choice_labels() -> int:
    """Replace Django's display method on every model field with fixed choices; returns how
    many were replaced."""
    replaced = 0
    for model in apps.get_models():
        for field in model._meta.local_fields:
            if not isinstance(field.choices, list | tuple):
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is Model._get_FIELD_display:
                setattr(model, name, partialmethod(_display, field=field))
                replaced += 1
    return replaced
