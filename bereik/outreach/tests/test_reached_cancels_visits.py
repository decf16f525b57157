"""Once the household is reached, the home visits planned to reach it are moot: those from the day
it was reached on are cancelled, each with a note on the timeline, so they leave the dossier, the
worker's planning and the route sheet. A recorded visit used to close only the planned visits
dated on or before it, and a reach by phone closed none.

Visits planned *after* the household was reached (a visit agreed to help) stay; so does a visit
from before the reach that nobody recorded (what happened there is still to be told)."""

import datetime

from bereik.accounts.models import Notification
from bereik.audit.models import AuditEvent
from bereik.dossiers.models import Dossier
from bereik.organisation.models import Organisation
from bereik.outreach import actions, next_step, queries, route_sheet
from bereik.outreach.models import ContactAttempt, PartOfDay, PlannedVisit

D = datetime.date
TODAY = D(2026, 11, 27)
ANNOUNCED = ContactAttempt.Kind.ANNOUNCED_VISIT
UNANNOUNCED = ContactAttempt.Kind.UNANNOUNCED_VISIT


def _not_at_home_with_appointment(dossier, worker):
    """Not at home on 20/11; the letter left proposes Friday 4/12 in the morning (planned)."""
    actions.attempt_record(
        dossier,
        kind=UNANNOUNCED,
        date=D(2026, 11, 20),
        part_of_day=PartOfDay.MORNING,
        result=ContactAttempt.Result.NOT_HOME,
        actor=worker,
    )
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=D(2026, 11, 20),
        sent_on=D(2026, 11, 20),
        visit_date=D(2026, 11, 20),
        appointment_date=D(2026, 12, 4),
        appointment_part=PartOfDay.MORNING,
        plan_visit=True,
    )
    return PlannedVisit.objects.get(dossier=dossier, status=PlannedVisit.Status.PLANNED)


def _phone(dossier, worker, day=TODAY, result=ContactAttempt.Result.REACHED):
    return actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=day,
        part_of_day=PartOfDay.MORNING,
        result=result,
        actor=worker,
    )


def test_a_reach_by_phone_cancels_the_announced_visit_still_to_come(
    frozen_today, route_c_dossier, preventiewerker, login
):
    visit = _not_at_home_with_appointment(route_c_dossier, preventiewerker)

    _phone(route_c_dossier, preventiewerker)

    visit.refresh_from_db()
    assert visit.status == PlannedVisit.Status.CANCELLED
    assert visit.cancel_reason == "Het gezin is bereikt op 27/11/2026."
    note = route_c_dossier.events.filter(kind="visit").latest("id")
    assert note.summary == "Huisbezoek van 04/12/2026 geannuleerd: het gezin is bereikt"
    assert note.text == "Het gezin is bereikt op 27/11/2026."
    assert AuditEvent.objects.filter(
        action="planned_visit.cancel", object_id=str(visit.pk)
    ).exists()
    # Gone from the worker's planning of that day, from its route sheet and from the dossier.
    assert not list(
        queries.visits_of(preventiewerker, preventiewerker, D(2026, 12, 4), D(2026, 12, 4))
    )
    planning = login(preventiewerker).get("/contacten/huisbezoeken/?datum=2026-12-04")
    assert route_c_dossier.household_name not in planning.content.decode()
    html = route_sheet.render_html(
        worker=preventiewerker,
        day=D(2026, 12, 4),
        visits=list(
            queries.visits_of(preventiewerker, preventiewerker, D(2026, 12, 4), D(2026, 12, 4))
        ),
        organisation=Organisation.get(),
    )
    assert "Geen huisbezoeken gepland op deze dag." in html
    page = login(preventiewerker).get(route_c_dossier.get_absolute_url()).content.decode()
    assert "Geplande huisbezoeken" not in page


def test_a_visit_that_reaches_the_household_cancels_the_later_ones(
    frozen_today, route_c_dossier, preventiewerker
):
    later = _not_at_home_with_appointment(route_c_dossier, preventiewerker)

    # The worker happened to pass by today and found them at home.
    actions.attempt_record(
        route_c_dossier,
        kind=UNANNOUNCED,
        date=D(2026, 11, 27),
        part_of_day=PartOfDay.MORNING,
        result=ContactAttempt.Result.REACHED,
        actor=preventiewerker,
    )

    later.refresh_from_db()
    assert later.status == PlannedVisit.Status.CANCELLED


def test_a_household_reached_elsewhere_loses_its_visits_still_to_come(
    frozen_today, route_c_dossier, preventiewerker
):
    visit = _not_at_home_with_appointment(route_c_dossier, preventiewerker)
    # Reached outside the contact attempts (an earlier system, the LAC): only reached_on is set.
    Dossier.objects.filter(pk=route_c_dossier.pk).update(reached_on=D(2026, 11, 26))

    actions.outreach_refresh(route_c_dossier, actor=preventiewerker)

    visit.refresh_from_db()
    assert visit.status == PlannedVisit.Status.CANCELLED
    assert visit.cancel_reason == "Het gezin is bereikt op 26/11/2026."
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.status == Dossier.Status.REACHED


def test_the_worker_whose_visit_is_cancelled_is_told(
    frozen_today, route_c_dossier, preventiewerker, mw
):
    visit = _not_at_home_with_appointment(route_c_dossier, preventiewerker)
    PlannedVisit.objects.filter(pk=visit.pk).update(worker=mw)

    _phone(route_c_dossier, preventiewerker)

    told = Notification.objects.filter(user=mw).latest("id")
    assert "04/12/2026" in told.text and "bereikt" in told.text


def test_a_visit_planned_to_help_after_the_reach_stays(
    frozen_today, route_c_dossier, preventiewerker
):
    _phone(route_c_dossier, preventiewerker)
    help_visit = actions.visit_plan(
        route_c_dossier,
        worker=preventiewerker,
        date=D(2026, 12, 2),
        part_of_day=PartOfDay.AFTERNOON,
        kind=ANNOUNCED,
        note="Samen het afbetalingsplan opmaken",
        actor=preventiewerker,
    )

    # Later contacts and refreshes leave it alone.
    _phone(route_c_dossier, preventiewerker, result=ContactAttempt.Result.NO_RESPONSE)
    actions.outreach_refresh(route_c_dossier, actor=preventiewerker)

    help_visit.refresh_from_db()
    assert help_visit.status == PlannedVisit.Status.PLANNED


def test_a_visit_before_the_reach_that_nobody_recorded_stays(
    frozen_today, route_c_dossier, preventiewerker
):
    earlier = actions.visit_plan(
        route_c_dossier,
        worker=preventiewerker,
        date=D(2026, 11, 24),
        part_of_day=PartOfDay.MORNING,
        kind=UNANNOUNCED,
        actor=preventiewerker,
    )

    _phone(route_c_dossier, preventiewerker)

    earlier.refresh_from_db()
    assert earlier.status == PlannedVisit.Status.PLANNED
