"""Two attempts on one day: the volgende stap follows the one that really came last.

Attempts of a day are ordered by part of the day, then by the moment they were recorded. A part of
the day chosen (or left as the form preset it, e.g. from the planned visit) earlier than an attempt
already recorded that day puts the new attempt before it: the form says so, names that attempt and
asks to choose the right part of the day or to confirm it really came first."""

import datetime
import zoneinfo

import pytest
import time_machine

from bereik.dossiers.models import Dossier
from bereik.outreach import actions, next_step
from bereik.outreach.models import ContactAttempt, PartOfDay, PlannedVisit

D = datetime.date
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture
def afternoon():
    """Friday 27/11/2026, 15.00 in Brussels."""
    with time_machine.travel(datetime.datetime(2026, 11, 27, 15, 0, tzinfo=BRUSSELS), tick=False):
        yield D(2026, 11, 27)


@pytest.fixture
def letter_left_this_afternoon(afternoon, route_c_dossier, preventiewerker):
    """Not at home on 20/11 in the morning; this afternoon the not-at-home letter goes out, with a
    new appointment. (The announced visit that follows is recorded in each test.)"""
    actions.attempt_record(
        route_c_dossier,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        date=D(2026, 11, 20),
        part_of_day=PartOfDay.MORNING,
        result=ContactAttempt.Result.NOT_HOME,
        actor=preventiewerker,
    )
    letter = actions.letter_generate(
        route_c_dossier,
        next_step.NOT_AT_HOME,
        actor=preventiewerker,
        sent_on=afternoon,
        visit_date=D(2026, 11, 20),
        appointment_date=D(2026, 12, 4),
        appointment_part=PartOfDay.MORNING,
        plan_visit=False,
    )
    assert letter.attempts.get().part_of_day == PartOfDay.AFTERNOON
    return route_c_dossier


def _post_visit(client, dossier, part_of_day, **extra):
    return client.post(
        f"/contacten/dossier/{dossier.pk}/poging/",
        {
            "kind": ContactAttempt.Kind.ANNOUNCED_VISIT,
            "date": "2026-11-27",
            "part_of_day": part_of_day,
            "result": ContactAttempt.Result.NOT_HOME,
            **extra,
        },
    )


def test_an_earlier_part_of_the_day_than_an_attempt_of_that_day_is_not_saved_unasked(
    letter_left_this_afternoon, preventiewerker, login
):
    dossier = letter_left_this_afternoon

    response = _post_visit(login(preventiewerker), dossier, PartOfDay.MORNING)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Op 27/11/2026 staat al een contactpoging van later op de dag" in page
    assert "Brief (namiddag)" in page
    assert "Ja, dit gebeurde eerder op de dag" in page
    assert dossier.contact_attempts.count() == 2


def test_the_right_part_of_the_day_puts_the_visit_after_the_letter_and_the_step_moves_on(
    letter_left_this_afternoon, preventiewerker, login
):
    dossier = letter_left_this_afternoon

    response = _post_visit(login(preventiewerker), dossier, PartOfDay.AFTERNOON)

    assert response.status_code == 302
    dossier.refresh_from_db()
    # Same part of the day as the letter: recorded after it, so it came after it.
    assert dossier.next_step == "Laatste brief met de brochure en de openingsuren achterlaten"


def test_a_confirmed_earlier_visit_is_saved_as_told(
    letter_left_this_afternoon, preventiewerker, login
):
    dossier = letter_left_this_afternoon

    response = _post_visit(login(preventiewerker), dossier, PartOfDay.MORNING, order_confirmed="on")

    assert response.status_code == 302
    visit = dossier.contact_attempts.get(kind=ContactAttempt.Kind.ANNOUNCED_VISIT)
    assert visit.part_of_day == PartOfDay.MORNING


def test_a_correction_is_not_compared_with_itself(
    afternoon, route_c_dossier, preventiewerker, login
):
    attempt = actions.attempt_record(
        route_c_dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=afternoon,
        part_of_day=PartOfDay.AFTERNOON,
        result=ContactAttempt.Result.NO_RESPONSE,
        actor=preventiewerker,
    )

    response = login(preventiewerker).post(
        f"/contacten/poging/{attempt.pk}/corrigeren/",
        {
            "kind": ContactAttempt.Kind.PHONE,
            "date": "2026-11-27",
            "part_of_day": PartOfDay.MORNING,
            "result": ContactAttempt.Result.NO_RESPONSE,
            "reason": "Het was 's ochtends",
        },
    )

    assert response.status_code == 302
    assert route_c_dossier.contact_attempts.get(is_current=True).part_of_day == PartOfDay.MORNING


def test_within_a_part_of_the_day_the_attempt_recorded_last_comes_last(
    letter_left_this_afternoon, preventiewerker
):
    dossier = letter_left_this_afternoon
    PlannedVisit.objects.filter(dossier=dossier).delete()

    actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
        date=D(2026, 11, 27),
        part_of_day=PartOfDay.AFTERNOON,
        result=ContactAttempt.Result.NOT_HOME,
        actor=preventiewerker,
    )

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.IN_PROGRESS
    assert dossier.next_step.startswith("Laatste brief")
