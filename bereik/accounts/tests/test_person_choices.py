"""Choices of people read by their names alone (`accounts/choices.py`): the same select box as
Django's ModelChoiceField draws, the same check of a chosen value, without making a user of
every option."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.accounts import roles
from bereik.accounts.choices import PersonChoiceField, people_with
from bereik.accounts.models import Role
from bereik.conftest import make_user

FOLLOWERS = (Role.Code.MAATSCHAPPELIJK_WERKER,)


class Both(forms.Form):
    theirs = forms.ModelChoiceField(queryset=None, required=False, empty_label="— niemand —")
    ours = PersonChoiceField(queryset=None, required=False, empty_label="— niemand —")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("theirs", "ours"):
            self.fields[name].queryset = roles.users_with(*FOLLOWERS)


def _people(db):
    named = make_user("zoe", FOLLOWERS)  # "Zoe Test"
    unnamed = make_user("anon", FOLLOWERS)
    unnamed.first_name = unnamed.last_name = ""
    unnamed.save()
    gone = make_user("ann", FOLLOWERS)  # not offered: not active
    gone.is_active = False
    gone.save()
    return named, unnamed


def test_the_select_box_is_the_one_django_draws(db):
    named, unnamed = _people(db)
    for data in (None, {"theirs": str(named.pk), "ours": str(named.pk)}):
        form = Both(data)
        ours = str(form["ours"]).replace('name="ours" id="id_ours"', "")
        theirs = str(form["theirs"]).replace('name="theirs" id="id_theirs"', "")
        assert ours == theirs
    assert ">Zoe Test</option>" in ours and ">anon</option>" in ours and "Ann" not in ours
    assert f'<option value="{named.pk}" selected>' in ours


def test_a_chosen_person_is_checked_and_given_as_a_user(db):
    named, _unnamed = _people(db)
    form = Both({"ours": str(named.pk)})
    assert form.is_valid() and form.cleaned_data["ours"] == named
    inactive = Both({"ours": str(named.pk + 1000)})
    assert not inactive.is_valid() and "ours" in inactive.errors


def test_the_options_read_the_names_only(db):
    _people(db)
    with CaptureQueriesContext(connection) as captured:
        html = str(Both()["ours"])
        choices = people_with(*FOLLOWERS)
    assert len(captured.captured_queries) == 2 and ">Zoe Test</option>" in html
    assert not [q for q in captured.captured_queries if '"password"' in q["sql"]]
    assert [label for _pk, label in choices] == ["anon", "Zoe Test"]


class Held(forms.Form):
    theirs = forms.ModelChoiceField(queryset=None, required=False, empty_label="— niemand —")
    ours = PersonChoiceField(queryset=None, required=False, empty_label="— niemand —")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theirs"].queryset = roles.users_with(*FOLLOWERS)
        self.fields["ours"].holding(*FOLLOWERS)


def test_the_people_holding_roles_are_read_once_a_minute(db):
    """The lists of workers are on every worklist and dossier page: read once, then kept (a
    change in this process shows at once), drawn as Django draws them."""
    named, _unnamed = _people(db)
    str(Held()["ours"])
    with CaptureQueriesContext(connection) as captured:
        form = Held(initial={"theirs": named.pk, "ours": named.pk})  # (no check: not posted)
        ours = str(form["ours"]).replace('name="ours" id="id_ours"', "")
    assert len(captured.captured_queries) == 0
    assert f'<option value="{named.pk}" selected>' in ours
    assert ours == str(form["theirs"]).replace('name="theirs" id="id_theirs"', "")

    make_user("bram", FOLLOWERS)  # a new worker (his roles given): shown at once
    assert ">Bram Test</option>" in str(Held()["ours"])


def test_a_person_shown_from_the_kept_list_is_still_checked(db):
    """Made inactive in another process (no signal here): still offered for up to a minute, but
    refused when chosen."""
    named, _unnamed = _people(db)
    assert ">Zoe Test</option>" in str(Held()["ours"])
    type(named).objects.filter(pk=named.pk).update(is_active=False)

    form = Held({"ours": str(named.pk)})
    assert ">Zoe Test</option>" in str(form["ours"])
    assert not form.is_valid() and "ours" in form.errors


def test_the_query_of_the_people_holding_roles_is_made_once(db, monkeypatch):
    """Making the query cost more than the rest of such a field: made once per tuple of roles,
    each field gets a copy of it, drawn from its choices (`lib.forms.Select`)."""
    from bereik.accounts import choices
    from bereik.lib.forms import Select

    named, _unnamed = _people(db)
    made, real = [], roles.users_with
    monkeypatch.setattr(choices, "_queries", {})
    monkeypatch.setattr(roles, "users_with", lambda *codes: made.append(codes) or real(*codes))
    fields = [PersonChoiceField(queryset=None) for _ in range(3)]
    for field in fields:
        field.holding(*FOLLOWERS)
    assert made == [FOLLOWERS]
    assert len({id(field.queryset) for field in fields}) == 3  # copies, never run themselves
    assert fields[0].clean(str(named.pk)) == named
    assert type(fields[0].widget) is Select
