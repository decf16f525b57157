"""Internal referrals (queue, accept, return), the Energie- en Watercel and warm handovers."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from bereik.accounts.models import Notification
from bereik.dossiers import access
from bereik.dossiers.models import Task
from bereik.followup import actions
from bereik.followup.models import CellChecklistItem, ExternalReferral, InternalReferral
from bereik.followup.tests.factories import organisation, reached_dossier
from bereik.organisation.models import Organisation


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


def refer(dossier, actor, team, **extra):
    return actions.referral_create(
        dossier,
        to_team=team,
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="Schulden bij drie schuldeisers.",
        actor=actor,
        **extra,
    )


def test_a_referral_shows_up_in_the_receiving_teams_queue(dossier, mw, mw_other, team, login):
    referral = refer(dossier, mw, team["trajectbegeleiding"])

    response = login(mw_other).get(reverse("followup:queue"))

    assert response.status_code == 200
    assert referral.status == InternalReferral.Status.OPEN
    assert list(response.context["waiting"]) == [referral]
    assert Notification.objects.filter(user=mw_other).exists()


def test_the_receiving_team_can_open_the_dossier_once_referred(dossier, mw, mw_other, team):
    assert not access.can_view_dossier(mw_other, dossier)

    refer(dossier, mw, team["trajectbegeleiding"])

    assert access.can_view_dossier(mw_other, dossier)


def test_accepting_keeps_the_dossier_shared_and_the_sender_sees_it(
    dossier, mw, mw_other, team, login
):
    referral = refer(dossier, mw, team["trajectbegeleiding"])

    response = login(mw_other).post(reverse("followup:referral_accept", args=[referral.pk]))

    referral.refresh_from_db()
    assert response.status_code == 302
    assert referral.status == InternalReferral.Status.ACCEPTED
    assert referral.decided_by == mw_other
    assert access.can_view_dossier(mw_other, dossier)
    page = login(mw).get(reverse("followup:queue"))
    assert "aanvaard" in page.content.decode()
    assert Notification.objects.filter(user=mw, text__contains="aanvaardde").exists()


def test_returning_needs_a_reason_and_ends_the_sharing(dossier, mw, mw_other, team, login):
    referral = refer(dossier, mw, team["trajectbegeleiding"])
    client = login(mw_other)

    client.post(reverse("followup:referral_return", args=[referral.pk]), {"reason": ""})
    referral.refresh_from_db()
    assert referral.status == InternalReferral.Status.OPEN

    client.post(
        reverse("followup:referral_return", args=[referral.pk]),
        {"reason": "Eerst budgetbegeleiding bij het Onthaalteam."},
    )
    referral.refresh_from_db()
    assert referral.status == InternalReferral.Status.RETURNED
    assert referral.return_reason == "Eerst budgetbegeleiding bij het Onthaalteam."
    assert not access.can_view_dossier(mw_other, dossier)
    assert dossier.events.filter(kind="referral", summary__contains="teruggestuurd").exists()


def test_it_refuses_a_decision_by_someone_outside_the_receiving_team(dossier, mw, cel, team, login):
    referral = refer(dossier, mw, team["trajectbegeleiding"])

    response = login(mw).post(reverse("followup:referral_accept", args=[referral.pk]))

    assert response.status_code == 404
    with pytest.raises(ValidationError):
        actions.referral_accept(referral, actor=cel)
    referral.refresh_from_db()
    assert referral.status == InternalReferral.Status.OPEN


def test_it_refuses_a_second_decision(dossier, mw, mw_other, team):
    referral = refer(dossier, mw, team["trajectbegeleiding"])
    actions.referral_accept(referral, actor=mw_other)

    with pytest.raises(ValidationError):
        actions.referral_return(referral, reason="Toch niet", actor=mw_other)


def test_it_refuses_a_duplicate_active_referral_to_the_same_team(dossier, mw, team):
    refer(dossier, mw, team["trajectbegeleiding"])

    with pytest.raises(ValidationError):
        refer(dossier, mw, team["trajectbegeleiding"])


def test_the_referral_form_posts_to_the_queue(dossier, mw, team, login):
    response = login(mw).post(
        reverse("followup:referral_create", args=[dossier.pk]),
        {
            "to_team": team["trajectbegeleiding"].pk,
            "help_kind": InternalReferral.HelpKind.WORK,
            "reason": "Zoekt werk.",
        },
    )

    assert response.status_code == 302
    referral = InternalReferral.objects.get(dossier=dossier)
    assert referral.referred_by == mw
    assert referral.from_team == team["sociale_dienst"]


def test_the_cell_referral_needs_every_checklist_item(dossier, mw, cel, team, login):
    items = list(CellChecklistItem.objects.filter(active=True))
    client = login(mw)
    url = reverse("followup:cell_referral_create", args=[dossier.pk])

    response = client.post(url, {"checked": [items[0].pk], "reason": "Hoog verbruik."})
    assert response.status_code == 200
    assert "Nog niet nagekeken" in response.content.decode()
    assert not access.can_view_dossier(cel, dossier)

    response = client.post(url, {"checked": [i.pk for i in items], "reason": "Hoog verbruik."})
    assert response.status_code == 302
    assert team["energiecel"] in dossier.shared_with.all()
    assert access.can_view_dossier(cel, dossier)
    referral = InternalReferral.objects.get(dossier=dossier)
    assert referral.checklist == [item.name for item in items]


def test_a_retired_checklist_item_is_no_longer_required(dossier, mw, team):
    items = list(CellChecklistItem.objects.filter(active=True))
    actions.config_item_save(_retired(items[0]), actor=None)

    actions.referral_to_cell(dossier, checked=items[1:], reason="Backoffice", actor=mw)

    assert dossier.shared_with.filter(pk=team["energiecel"].pk).exists()


def _retired(item):
    item.active = False
    return item


# --- Warm handover ------------------------------------------------------------------------------


def handover(dossier, actor, referred_on, meeting_date=None):
    return actions.handover_create(
        dossier,
        organisation=organisation("CAW"),
        contact_person="An De Wolf",
        referred_on=referred_on,
        meeting_date=meeting_date,
        actor=actor,
    )


def test_a_confirmed_handover_is_closed_and_on_the_timeline(dossier, mw, login):
    item = handover(dossier, mw, datetime.date(2026, 11, 20))

    response = login(mw).post(
        reverse("followup:handover_decide", args=[item.pk]),
        {"result": ExternalReferral.Status.CONFIRMED, "confirmed_on": "2026-11-25", "note": ""},
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.status == ExternalReferral.Status.CONFIRMED
    assert item.confirmed_on == datetime.date(2026, 11, 25)
    assert dossier.events.filter(kind="handover", summary__contains="bevestigd").exists()


@time_machine.travel(datetime.datetime(2026, 11, 27, 8, 0), tick=False)
def test_an_unconfirmed_handover_becomes_a_task_for_the_referrer_once(dossier, mw):
    days = Organisation.get().handover_confirmation_days
    today = datetime.date(2026, 11, 27)
    late = handover(dossier, mw, today - datetime.timedelta(days=days))
    recent = handover(dossier, mw, today - datetime.timedelta(days=days - 1))

    call_command("followup_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("followup_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115

    late.refresh_from_db()
    recent.refresh_from_db()
    tasks = Task.objects.filter(dossier=dossier, source="warme_overdracht")
    assert [task.assignee for task in tasks] == [mw]
    assert late.reminder_task == tasks[0]
    assert recent.reminder_task is None


@time_machine.travel(datetime.datetime(2026, 11, 27, 8, 0), tick=False)
def test_the_reminder_counts_from_a_later_joint_meeting(dossier, mw):
    today = datetime.date(2026, 11, 27)
    handover(dossier, mw, today - datetime.timedelta(days=30), meeting_date=today)

    assert actions.handover_reminders_create(actor=None) == []


@time_machine.travel(datetime.datetime(2026, 11, 27, 8, 0), tick=False)
def test_confirming_completes_the_reminder_task(dossier, mw):
    item = handover(dossier, mw, datetime.date(2026, 10, 1))
    [task] = actions.handover_reminders_create(actor=None)

    actions.handover_confirm(item, confirmed_on=datetime.date(2026, 11, 27), actor=mw)

    task.refresh_from_db()
    assert task.done_at is not None


def test_a_handover_cannot_be_confirmed_twice(dossier, mw):
    item = handover(dossier, mw, datetime.date(2026, 11, 20))
    actions.handover_confirm(item, confirmed_on=datetime.date(2026, 11, 21), actor=mw)

    with pytest.raises(ValidationError):
        actions.handover_cancel(item, confirmed_on=datetime.date(2026, 11, 22), note="x", actor=mw)
