from functools import partialmethod

import pytest
from django.apps import apps
from django.db.models import Model
from django.db.models.fields import Field
from django.utils import translation

from bereik.dossiers.models import Dossier
from bereik.intake.models import ImportBatch
from bereik.lib import choices


def _fields_with_fixed_choices():
    for model in apps.get_models():
        for field in model._meta.local_fields:
            if isinstance(field.choices, list | tuple):
                yield model, field


def test_every_display_answers_as_djangos_own():
    checked = 0
    for model, field in _fields_with_fixed_choices():
        for value in [choice for choice, _label in field.flatchoices] + ["?unknown?", None]:
            obj = model()
            setattr(obj, field.attname, value)
            ours = getattr(obj, f"get_{field.name}_display")()
            assert ours == Model._get_FIELD_display(obj, field=field), (model, field.name, value)
            assert type(ours) is type(Model._get_FIELD_display(obj, field=field))
            checked += 1
    assert checked > 200


def test_the_labels_are_read_once_per_field_and_language(monkeypatch):
    dossier = Dossier(status=Dossier.Status.NEW)
    first = dossier.get_status_display()

    def no_more(_field):
        raise AssertionError("the choices were read again")

    monkeypatch.setattr(Field, "flatchoices", property(no_more))
    assert dossier.get_status_display() == first
    with pytest.raises(AssertionError, match="read again"), translation.override("en"):
        dossier.get_status_display()  # another language: its own labels


def test_computed_choices_keep_djangos_method():
    current = ImportBatch.__dict__["get_kind_display"]
    assert isinstance(current, partialmethod) and current.func is Model._get_FIELD_display
    assert Dossier.__dict__["get_status_display"].func is choices._display
