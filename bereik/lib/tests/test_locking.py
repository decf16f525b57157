"""The optimistic locking mechanism (bereik.lib.locking, bereik.lib.forms.VersionedForm), on a
model of Django's own (the apps' forms have their own tests, test_stale_saves.py)."""

import pytest
from django import forms
from django.contrib.auth.models import Group

from bereik.lib import locking
from bereik.lib.forms import VersionedForm


class GroupForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name"]


@pytest.fixture
def group(db):
    return Group.objects.create(name="Eerste")


def test_the_version_follows_the_fields_of_the_form(group):
    version = locking.version_of(group, ["name", "not_a_field"])
    assert version.startswith("name:")
    assert locking.version_of(Group.objects.get(pk=group.pk), ["name"]) == version
    Group.objects.filter(pk=group.pk).update(name="Tweede")
    assert locking.version_of(Group.objects.get(pk=group.pk), ["name"]) != version


def test_check_returns_the_stored_row_or_refuses_a_stale_version(group):
    version = locking.version_of(group, ["name"])
    assert locking.check(group, version).name == "Eerste"
    assert locking.check(group, None).name == "Eerste"  # a command or the demo: no version
    Group.objects.filter(pk=group.pk).update(name="Tweede")
    with pytest.raises(locking.StaleEdit) as refused:
        locking.check(group, version)
    assert refused.value.current.name == "Tweede"
    assert refused.value.version == locking.version_of(refused.value.current, ["name"])
    assert "Iemand anders heeft dit intussen bewaard" in str(refused.value.message)


def test_a_forged_version_is_refused(group):
    assert locking.version_of(group, ["name"]) != "name:" + "0" * 24
    with pytest.raises(locking.StaleEdit):
        locking.check(group, "name:" + "0" * 24)


def test_the_form_carries_the_version_and_shows_both_versions(group):
    loaded = GroupForm(instance=group)
    version = loaded["version"].value()
    assert version == locking.version_of(group, ["name"])
    Group.objects.filter(pk=group.pk).update(name="Van de ander")

    form = GroupForm({"name": "Van mij", "version": version}, instance=group)
    assert form.is_valid()
    assert form.version() == version
    with pytest.raises(locking.StaleEdit) as refused:
        locking.check(group, form.version())
    form.show_conflict(refused.value)

    assert form.conflict == [{"label": "Naam", "theirs": "Van de ander", "yours": "Van mij"}]
    assert form.non_field_errors()
    # Saving again carries the version stored now: it goes through, on purpose.
    assert form.data["version"] == refused.value.version
    assert locking.check(group, form.data["version"]).name == "Van de ander"


def test_a_new_record_has_no_version(db):
    form = GroupForm({"name": "Nieuw", "version": ""})
    assert form.is_valid()
    assert form.version() is None


def test_refuse_if_changed_for_a_record_without_a_row():
    locking.refuse_if_changed(None, 3)
    locking.refuse_if_changed("3", 3)
    with pytest.raises(locking.StaleEdit) as refused:
        locking.refuse_if_changed("2", 3, current="het verslag")
    assert (refused.value.current, refused.value.version) == ("het verslag", "3")
