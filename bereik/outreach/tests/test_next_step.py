"""The practice's rules, without a database."""

import datetime

from bereik.outreach import next_step as ns
from bereik.outreach.next_step import Attempt, PendingLetter, Situation, Visit

D = datetime.date
TODAY = D(2026, 11, 27)  # Friday
OPENED = D(2026, 11, 20)
INVITED_ON = D(2026, 11, 21)
FIRST_VISIT_ON = D(2026, 11, 24)
APPOINTMENT_ON = D(2026, 12, 1)


def situation(*attempts, **kwargs) -> Situation:
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("opened_on", OPENED)
    kwargs.setdefault("route", "C")
    return Situation(attempts=tuple(attempts), **kwargs)


def invitation(day=INVITED_ON):
    return Attempt(ns.LETTER, day, "geen_reactie", "voormiddag", letter_type=ns.INVITATION_WATER)


def unannounced(day=FIRST_VISIT_ON, result="niet_thuis", part="namiddag"):
    return Attempt(ns.UNANNOUNCED_VISIT, day, result, part)


def not_at_home_letter(day=FIRST_VISIT_ON, appointment=APPOINTMENT_ON, part="namiddag"):
    return Attempt(
        ns.LETTER,
        day,
        "geen_reactie",
        "namiddag",
        letter_type=ns.NOT_AT_HOME,
        appointment_date=appointment,
        appointment_part=part,
    )


def announced(day=APPOINTMENT_ON, result="niet_thuis"):
    return Attempt(ns.ANNOUNCED_VISIT, day, result, "namiddag")


def last_letter(day=APPOINTMENT_ON):
    return Attempt(ns.LETTER, day, "geen_reactie", "namiddag", letter_type=ns.LAST_LETTER)


def test_a_closed_dossier_has_no_next_step():
    assert ns.decide(situation(closed=True)) is None


def test_without_attempts_an_lac_dossier_first_gets_its_invitation():
    step = ns.decide(situation(lac_session=True, dossier_kind="energie"))
    assert step.code == ns.INVITE
    assert step.letter_type == ns.INVITATION_ENERGY
    assert step.date == OPENED
    assert step.is_overdue(TODAY)


def test_a_generated_but_unsent_invitation_is_to_be_sent():
    step = ns.decide(
        situation(
            lac_session=True,
            pending_letters=(PendingLetter(ns.INVITATION_WATER, D(2026, 11, 26), 7),),
        )
    )
    assert (step.code, step.letter_id, step.date) == (ns.SEND_LETTER, 7, D(2026, 11, 26))


def test_without_an_lac_session_the_first_step_is_the_unannounced_visit():
    step = ns.decide(situation(lac_session=False))
    assert step.code == ns.FIRST_VISIT
    assert step.visit_kind == ns.UNANNOUNCED_VISIT
    assert step.date == OPENED + datetime.timedelta(days=ns.FIRST_VISIT_AFTER)


def test_after_the_invitation_comes_the_unannounced_visit_a_few_days_later():
    step = ns.decide(situation(invitation(D(2026, 11, 21)), lac_session=True))
    assert step.code == ns.FIRST_VISIT
    assert step.date == D(2026, 11, 24)


def test_a_planned_visit_sets_the_date_of_the_visit_step():
    step = ns.decide(
        situation(
            invitation(),
            planned_visits=(Visit(ns.UNANNOUNCED_VISIT, D(2026, 12, 2), "voormiddag"),),
        )
    )
    assert (step.code, step.date, step.part_of_day) == (
        ns.FIRST_VISIT,
        D(2026, 12, 2),
        "voormiddag",
    )


def test_route_a_is_contacted_by_the_own_worker_instead_of_a_visit():
    step = ns.decide(situation(invitation(), route="A"))
    assert step.code == ns.CONTACT


def test_unannounced_visit_not_at_home_proposes_the_not_at_home_letter_with_an_appointment():
    step = ns.decide(situation(invitation(), unannounced(D(2026, 11, 24), part="namiddag")))
    assert step.code == ns.LEAVE_NOT_AT_HOME_LETTER
    assert step.letter_type == ns.NOT_AT_HOME
    assert step.date == D(2026, 11, 24)
    assert step.visit_date == D(2026, 11, 24)
    assert (step.appointment_date, step.appointment_part) == (D(2026, 12, 1), "namiddag")


def test_the_proposed_appointment_falls_on_a_working_day_in_the_morning_or_afternoon():
    # A Saturday visit in the evening: a week later is a Saturday → Monday, in the morning.
    assert ns.propose_appointment(D(2026, 11, 28), "avond") == (D(2026, 12, 7), "voormiddag")
    assert ns.propose_appointment(D(2026, 11, 24), "voormiddag") == (D(2026, 12, 1), "voormiddag")


def test_a_generated_not_at_home_letter_is_to_be_left_behind():
    step = ns.decide(
        situation(
            unannounced(D(2026, 11, 24)),
            pending_letters=(PendingLetter(ns.NOT_AT_HOME, D(2026, 11, 24), 3),),
        )
    )
    assert (step.code, step.letter_id) == (ns.SEND_LETTER, 3)


def test_an_old_unsent_letter_does_not_count_for_a_later_failed_visit():
    step = ns.decide(
        situation(
            unannounced(D(2026, 11, 24)),
            pending_letters=(PendingLetter(ns.NOT_AT_HOME, D(2026, 11, 2), 3),),
        )
    )
    assert step.code == ns.LEAVE_NOT_AT_HOME_LETTER


def test_after_the_not_at_home_letter_the_announced_visit_is_on_the_appointment():
    step = ns.decide(
        situation(unannounced(), not_at_home_letter(appointment=D(2026, 12, 2), part="voormiddag"))
    )
    assert step.code == ns.SECOND_VISIT
    assert step.visit_kind == ns.ANNOUNCED_VISIT
    assert (step.date, step.part_of_day) == (D(2026, 12, 2), "voormiddag")


def test_a_planned_announced_visit_wins_over_the_letters_appointment():
    step = ns.decide(
        situation(
            unannounced(),
            not_at_home_letter(appointment=D(2026, 12, 2)),
            planned_visits=(Visit(ns.ANNOUNCED_VISIT, D(2026, 12, 3), "namiddag"),),
        )
    )
    assert (step.date, step.part_of_day) == (D(2026, 12, 3), "namiddag")


def test_announced_visit_not_at_home_proposes_the_last_letter():
    step = ns.decide(situation(unannounced(), not_at_home_letter(), announced(D(2026, 12, 1))))
    assert step.code == ns.LEAVE_LAST_LETTER
    assert step.letter_type == ns.LAST_LETTER
    assert step.date == D(2026, 12, 1)


def test_after_the_last_letter_we_wait_then_call_or_close():
    step = ns.decide(
        situation(unannounced(), not_at_home_letter(), announced(), last_letter(D(2026, 12, 1)))
    )
    assert step.code == ns.WAIT
    assert step.date == D(2026, 12, 1) + datetime.timedelta(days=ns.WAIT_AFTER_LAST_LETTER)


def test_an_unanswered_call_after_the_last_letter_keeps_waiting():
    call = Attempt("telefoon", D(2026, 12, 3), "geen_reactie", "voormiddag")
    step = ns.decide(situation(unannounced(), announced(), last_letter(), call))
    assert step.code == ns.WAIT


def test_the_deadline_pulls_a_flexible_step_forward():
    step = ns.decide(
        situation(
            unannounced(),
            announced(),
            last_letter(D(2026, 12, 1)),
            today=D(2026, 12, 2),
            deadline=D(2026, 12, 5),
        )
    )
    assert step.date == D(2026, 12, 5)


def test_a_passed_deadline_does_not_move_the_step():
    step = ns.decide(
        situation(last_letter(D(2026, 12, 1)), today=D(2026, 12, 2), deadline=D(2026, 11, 30))
    )
    assert step.date == D(2026, 12, 11)


def test_reached_at_any_point_leads_to_help():
    phone = Attempt("telefoon", D(2026, 12, 10), "bereikt", "voormiddag")
    step = ns.decide(situation(unannounced(), announced(), last_letter(), phone))
    assert step.code == ns.HELP
    assert step.date == D(2026, 12, 10) + datetime.timedelta(days=ns.HELP_WITHIN)
    assert ns.reached_on((unannounced(), phone)) == D(2026, 12, 10)


def test_an_unanswered_attempt_after_reaching_does_not_undo_it():
    reached = unannounced(D(2026, 11, 24), result="bereikt")
    later = Attempt("telefoon", D(2026, 11, 26), "geen_reactie", "voormiddag")
    assert ns.decide(situation(reached, later)).code == ns.HELP


def test_moved_deceased_or_refused_propose_closing():
    for result in ("verhuisd", "overleden", "geweigerd"):
        step = ns.decide(situation(unannounced(D(2026, 11, 24), result=result)))
        assert step.code == ns.CLOSE
        assert step.date == D(2026, 11, 24)


def test_an_unanswered_call_before_any_visit_retries_with_a_visit():
    call = Attempt("telefoon", D(2026, 11, 24), "geen_reactie", "voormiddag")
    step = ns.decide(situation(call))
    assert step.code == ns.FIRST_VISIT
    assert step.date == D(2026, 11, 24) + datetime.timedelta(days=ns.RETRY_AFTER)


def test_a_computed_date_falls_on_a_working_day():
    call = Attempt("telefoon", D(2026, 11, 25), "geen_reactie", "voormiddag")
    assert ns.decide(situation(call)).date == D(2026, 11, 30)  # Saturday 28th → Monday


def test_the_invitation_sent_late_does_not_reset_the_procedure():
    step = ns.decide(situation(unannounced(), invitation(D(2026, 11, 25))))
    assert step.code == ns.LEAVE_NOT_AT_HOME_LETTER
