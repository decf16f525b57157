"""No lost updates on users and teams (bereik.lib.locking): two saves in a row from the same
loaded form: the second is refused, shows both versions, and overwrites nothing."""

from django.urls import reverse

from bereik.accounts.models import Team, User
from bereik.lib.tests.stale import assert_refused, two_saves


def test_a_user(login, beheerder, mw):
    first, second = two_saves(
        login(beheerder),
        reverse("accounts:user_edit", args=[mw.pk]),
        {"job_title": "Maatschappelijk werker (Bea)"},
        {"job_title": "Maatschappelijk werker (Bart)"},
    )

    assert first.status_code == 302
    assert_refused(second, "Maatschappelijk werker (Bea)", "Maatschappelijk werker (Bart)")
    assert User.objects.get(pk=mw.pk).job_title == "Maatschappelijk werker (Bea)"


def test_a_team(login, beheerder, team, mw, mw_other):
    sociale_dienst = team["sociale_dienst"]

    first, second = two_saves(
        login(beheerder),
        reverse("accounts:team_edit", args=[sociale_dienst.pk]),
        {"description": "Beschrijving van Bea"},
        {"description": "Beschrijving van Bart", "members": [mw_other.pk]},
    )

    assert first.status_code == 302
    assert_refused(second, "Beschrijving van Bea", "Beschrijving van Bart")
    sociale_dienst = Team.objects.get(pk=sociale_dienst.pk)
    assert sociale_dienst.description == "Beschrijving van Bea"
    assert mw_other not in sociale_dienst.members.all() or mw in sociale_dienst.members.all()
