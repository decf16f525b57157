"""Closing with an outcome code, reopening with a reason, and the aftercare rule."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from bereik.dossiers.models import Dossier, Task
from bereik.followup import actions
from bereik.followup.models import AftercareRule, Closure
from bereik.followup.rules import months_before
from bereik.followup.tests.factories import outcome, reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


def test_closing_sets_the_outcome_and_the_status(dossier, mw, login):
    response = login(mw).post(
        reverse("followup:dossier_close", args=[dossier.pk]),
        {"outcome": outcome("opgelost_afbetalingsplan").pk, "note": "Plan loopt."},
    )

    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.status == Dossier.Status.CLOSED
    assert dossier.outcome == "opgelost_afbetalingsplan"
    assert dossier.closed_at is not None
    assert dossier.events.filter(kind="closure", text="Plan loopt.").exists()


def test_the_outcome_other_needs_a_note(dossier, mw, login):
    response = login(mw).post(
        reverse("followup:dossier_close", args=[dossier.pk]),
        {"outcome": outcome("andere").pk, "note": ""},
    )

    dossier.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert dossier.status == Dossier.Status.REACHED


def test_a_retired_outcome_is_not_offered(dossier, mw, login):
    code = outcome("verhuisd")
    code.active = False
    actions.config_item_save(code, actor=None)

    response = login(mw).post(
        reverse("followup:dossier_close", args=[dossier.pk]), {"outcome": code.pk}
    )

    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors


def test_reopening_needs_a_reason_and_keeps_the_history(dossier, mw, login):
    actions.dossier_close(dossier, outcome=outcome("geen_hulp_gewenst"), actor=mw)
    client = login(mw)
    url = reverse("followup:dossier_reopen", args=[dossier.pk])

    refused = client.post(url, {"reason": ""})
    dossier.refresh_from_db()
    assert refused.status_code == 200
    assert dossier.status == Dossier.Status.CLOSED

    client.post(url, {"reason": "Cliënt vraagt toch hulp."})
    dossier.refresh_from_db()
    closure = Closure.objects.get(dossier=dossier)
    assert dossier.status == Dossier.Status.REACHED
    assert dossier.outcome == ""
    assert closure.reopen_reason == "Cliënt vraagt toch hulp."
    assert closure.reopened_by == mw
    assert dossier.events.filter(kind="status", text="Cliënt vraagt toch hulp.").exists()


def test_it_refuses_to_close_a_closed_dossier(dossier, mw):
    actions.dossier_close(dossier, outcome=outcome("verhuisd"), actor=mw)

    with pytest.raises(ValidationError):
        actions.dossier_close(dossier, outcome=outcome("verhuisd"), actor=mw)


def close_on(dossier, code, when, actor):
    with time_machine.travel(when, tick=False):
        return actions.dossier_close(dossier, outcome=outcome(code), actor=actor)


def run_daily():
    call_command("followup_daily", stdout=io.StringIO())


def test_the_aftercare_rule_makes_one_task_after_six_months(mw, team):
    reconnected = reached_dossier(mw, team["sociale_dienst"])
    solved = reached_dossier(mw, team["sociale_dienst"])
    recent = reached_dossier(mw, team["sociale_dienst"])
    close_on(reconnected, "afsluiting_niet_vermeden", datetime.datetime(2026, 5, 20, 10), mw)
    close_on(solved, "opgelost_zelf_betaald", datetime.datetime(2026, 5, 20, 10), mw)
    close_on(recent, "afsluiting_niet_vermeden", datetime.datetime(2026, 6, 1, 10), mw)

    with time_machine.travel(datetime.datetime(2026, 11, 27, 7, 0), tick=False):
        run_daily()
        run_daily()

    tasks = Task.objects.filter(source="nazorg")
    assert [(task.dossier, task.assignee) for task in tasks] == [(reconnected, mw)]
    assert tasks[0].due_date == datetime.date(2026, 11, 27)
    assert "opnieuw contact" in tasks[0].description


def test_a_reopened_dossier_gets_no_aftercare(mw, team):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    close_on(dossier, "afsluiting_niet_vermeden", datetime.datetime(2026, 3, 1, 10), mw)
    actions.dossier_reopen(dossier, reason="Nieuwe afsluiting gepland", actor=mw)

    with time_machine.travel(datetime.datetime(2026, 11, 27, 7, 0), tick=False):
        run_daily()

    assert not Task.objects.filter(source="nazorg").exists()


def test_the_beheerder_chooses_the_months_and_outcomes(mw, team):
    rule = AftercareRule.objects.get()
    rule.months = 3
    actions.config_item_save(rule, actor=None, outcomes=[outcome("opgelost_afbetalingsplan")])
    plan = reached_dossier(mw, team["sociale_dienst"])
    cut = reached_dossier(mw, team["sociale_dienst"])
    close_on(plan, "opgelost_afbetalingsplan", datetime.datetime(2026, 8, 20, 10), mw)
    close_on(cut, "afsluiting_niet_vermeden", datetime.datetime(2026, 5, 20, 10), mw)

    with time_machine.travel(datetime.datetime(2026, 11, 27, 7, 0), tick=False):
        run_daily()

    assert [task.dossier for task in Task.objects.filter(source="nazorg")] == [plan]


def test_an_inactive_rule_makes_no_tasks(mw, team):
    rule = AftercareRule.objects.get()
    rule.active = False
    actions.config_item_save(rule, actor=None)
    dossier = reached_dossier(mw, team["sociale_dienst"])
    close_on(dossier, "afsluiting_niet_vermeden", datetime.datetime(2026, 1, 5, 10), mw)

    with time_machine.travel(datetime.datetime(2026, 11, 27, 7, 0), tick=False):
        run_daily()

    assert not Task.objects.filter(source="nazorg").exists()


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(datetime.date(2026, 11, 27), 6) == datetime.date(2026, 5, 27)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 15), 15) == datetime.date(2024, 12, 15)
