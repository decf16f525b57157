"""No lost updates on users and teams (bereik.lib.locking): two saves in a row from the same
loaded form: the second is refused, shows both versions, and overwrites nothing."""

from django.urls import reverse

from bereik.accounts.models import (
    Notification,
    NotificationDefault,
    NotificationSetting,
    Team,
    User,
)
from bereik.lib.tests.stale import assert_refused, two_saves

Kind = Notification.Kind
Delivery = Notification.Delivery


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


def test_the_notification_defaults_of_a_role(login, beheerder, mw):
    url = reverse("accounts:notification_defaults") + "?role=maatschappelijk_werker"
    first, second = two_saves(
        login(beheerder), url, {Kind.ASSIGNED: Delivery.APP}, {Kind.ASSIGNED: Delivery.DIGEST}
    )

    assert first.status_code == 302
    assert_refused(second, "Alleen in Bereik", "In het dagelijkse overzicht")
    assert NotificationDefault.objects.get(kind=Kind.ASSIGNED).delivery == Delivery.APP


def test_ones_own_notification_settings(login, mw):
    first, second = two_saves(
        login(mw),
        reverse("accounts:notification_settings"),
        {Kind.ASSIGNED: Delivery.APP},
        {Kind.ASSIGNED: Delivery.DIGEST},
    )

    assert first.status_code == 302
    assert_refused(second, "Alleen in Bereik", "In het dagelijkse overzicht")
    assert NotificationSetting.objects.get(user=mw, kind=Kind.ASSIGNED).delivery == Delivery.APP
