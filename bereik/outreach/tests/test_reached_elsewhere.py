"""A household reached outside the contact attempts (Dossier.reached_on set by an earlier system or
the demo) is reached: it is never sent to a home visit. A correction that undoes the only
"bereikt" attempt still un-reaches it."""

import datetime

import pytest

from bereik.dossiers import next_step as steps
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.outreach import actions, next_step
from bereik.outreach.models import ContactAttempt
from bereik.outreach.next_step import Attempt, Situation

D = datetime.date
TODAY = D(2026, 11, 27)


def test_the_rules_send_a_household_reached_elsewhere_to_help_not_to_a_visit():
    situation = Situation(
        today=TODAY, opened_on=D(2026, 11, 1), route="C", reached_elsewhere=D(2026, 11, 20)
    )
    step = next_step.decide(situation)
    assert step.code == next_step.HELP
    assert step.date == D(2026, 11, 27)
    assert situation.reached_on == D(2026, 11, 20)


def test_a_failed_visit_before_the_reach_elsewhere_does_not_count_after_it():
    visit = Attempt(next_step.UNANNOUNCED_VISIT, D(2026, 11, 18), "niet_thuis", "voormiddag")
    situation = Situation(
        today=TODAY, opened_on=D(2026, 11, 1), attempts=(visit,), reached_elsewhere=D(2026, 11, 20)
    )
    assert next_step.decide(situation).code == next_step.HELP


def test_moving_after_being_reached_elsewhere_still_proposes_closing():
    moved = Attempt(next_step.UNANNOUNCED_VISIT, D(2026, 11, 24), "verhuisd", "voormiddag")
    situation = Situation(
        today=TODAY, opened_on=D(2026, 11, 1), attempts=(moved,), reached_elsewhere=D(2026, 11, 20)
    )
    assert next_step.decide(situation).code == next_step.CLOSE


def test_the_first_reach_counts_whether_by_attempt_or_elsewhere():
    phone = Attempt("telefoon", D(2026, 11, 18), "bereikt", "voormiddag")
    situation = Situation(
        today=TODAY, opened_on=D(2026, 11, 1), attempts=(phone,), reached_elsewhere=D(2026, 11, 20)
    )
    assert situation.reached_on == D(2026, 11, 18)


@pytest.fixture
def reached_dossier(db, preventiewerker, team):
    """Like the demo's LAC and follow-up dossiers: reached, without any contact attempt."""
    return DossierFactory(
        route=Dossier.Route.C,
        status=Dossier.Status.REACHED,
        reached_on=D(2026, 11, 20),
        deadline=D(2026, 12, 15),
        deadline_kind=Dossier.DeadlineKind.SESSION,
        assigned_to=preventiewerker,
        team=team["onthaalteam"],
    )


def _phone(dossier, actor, *, day=TODAY, result=ContactAttempt.Result.REACHED):
    return actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=day,
        part_of_day="namiddag",
        result=result,
        actor=actor,
    )


def test_the_dossier_page_shows_help_not_a_visit(
    frozen_today, reached_dossier, preventiewerker, login
):
    page = login(preventiewerker).get(reached_dossier.get_absolute_url()).content.decode()
    assert "Bereikt op 20/11/2026" in page
    start = page.index("card-footer next-step")
    header_step = page[start : page.index("</header>", start)]
    assert "Hulp: voorstel uitwerken" in header_step
    assert "huisbezoek" not in header_step.lower()
    assert "Uitnodiging" not in header_step


def test_a_refresh_keeps_the_household_reached(frozen_today, reached_dossier, preventiewerker):
    actions.outreach_refresh(reached_dossier, actor=preventiewerker)
    _phone(reached_dossier, preventiewerker, result=ContactAttempt.Result.NO_RESPONSE)
    reached_dossier.refresh_from_db()
    assert reached_dossier.reached_on == D(2026, 11, 20)
    assert reached_dossier.status == Dossier.Status.REACHED
    assert reached_dossier.next_step.startswith("Hulp")


def test_the_bulk_refresh_keeps_the_household_reached(
    frozen_today, reached_dossier, preventiewerker
):
    steps.refresh([reached_dossier], actor=preventiewerker)
    reached_dossier.refresh_from_db()
    assert reached_dossier.reached_on == D(2026, 11, 20)
    assert reached_dossier.status == Dossier.Status.REACHED
    assert reached_dossier.next_step.startswith("Hulp")
    assert not reached_dossier.events.filter(kind="status").exists()


def test_striking_a_later_reach_keeps_the_earlier_one_from_elsewhere(
    frozen_today, reached_dossier, preventiewerker
):
    attempt = _phone(reached_dossier, preventiewerker)
    actions.attempt_withdraw(attempt, reason="Verkeerd dossier", actor=preventiewerker)
    reached_dossier.refresh_from_db()
    assert reached_dossier.reached_on == D(2026, 11, 20)
    assert reached_dossier.status == Dossier.Status.REACHED


def test_striking_the_only_reaching_attempt_un_reaches(
    frozen_today, route_c_dossier, preventiewerker
):
    attempt = _phone(route_c_dossier, preventiewerker, day=D(2026, 11, 26))
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.reached_on == D(2026, 11, 26)
    actions.attempt_withdraw(attempt, reason="Verkeerd dossier", actor=preventiewerker)
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.reached_on is None
    assert route_c_dossier.status == Dossier.Status.IN_PROGRESS
    assert not route_c_dossier.next_step.startswith("Hulp")
    back = route_c_dossier.events.filter(kind="status").latest("id")
    assert back.summary == "Status: Bereikt → In behandeling"
    assert back.text.startswith("Na een correctie")


def test_correcting_the_date_of_the_reach_moves_it(frozen_today, route_c_dossier, preventiewerker):
    attempt = _phone(route_c_dossier, preventiewerker, day=D(2026, 11, 26))
    actions.attempt_correct(
        attempt, reason="Datum verkeerd", date=D(2026, 11, 27), actor=preventiewerker
    )
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.reached_on == D(2026, 11, 27)
