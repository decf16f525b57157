"""Each kind of notification reaches the right person, with its kind and the dossier it is
about (docs/notifications.md). The daily kinds (deadline, volgende stap, task) are in
dossiers/tests/test_alerts.py; the weekly report's producer comes with issue 13."""

import datetime

import pytest
from django.utils import timezone

from bereik.accounts.models import Mail, Notification, Role
from bereik.conftest import make_user
from bereik.dossiers.actions import dossier_alerts_send
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions as followup
from bereik.followup.models import InternalReferral, Proposal
from bereik.followup.tests.factories import organisation, reached_dossier
from bereik.lac import actions as lac
from bereik.lac.models import AgendaItem, LacPerson
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.lac.tests.test_deadlines import energy_signal
from bereik.organisation.models import Company
from bereik.outreach import actions as outreach
from bereik.outreach.models import ContactAttempt, PartOfDay
from bereik.triage.actions.assignment import dossier_assign, dossiers_assign
from bereik.triage.actions.routes import consultation_start

Kind = Notification.Kind
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.django_db


def only(user) -> Notification:
    (notification,) = Notification.objects.filter(user=user)
    return notification


def test_assigned_to_you_reaches_the_worker_not_who_assigned(onthaal, mw):
    dossier = DossierFactory()
    dossier_assign(dossier, mw, reason="Vaste cliënt", actor=onthaal)
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.ASSIGNED, dossier.pk)
    assert not Notification.objects.filter(user=onthaal).exists()
    assert Mail.objects.get(user=mw).kind == Kind.ASSIGNED  # at once, by default


def test_a_batch_assigned_by_hand_is_one_notification_with_its_count(onthaal, mw):
    dossiers_assign([DossierFactory() for _n in range(3)], mw, reason="Verdeling", actor=onthaal)
    notification = only(mw)
    assert notification.kind == Kind.ASSIGNED and notification.dossier_pk is None
    assert notification.mail_text == "3 dossiers zijn aan jou toegewezen."


def test_a_route_b_overleg_reaches_the_former_social_worker(preventiewerker, mw):
    dossier = DossierFactory(route=Dossier.Route.B)
    consultation_start(
        dossier, former_worker=mw, preventiewerker=preventiewerker, actor=preventiewerker
    )
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.CONSULTATION, dossier.pk)
    assert notification.url.endswith("#sectie-overleg")


def test_a_referral_reaches_the_team_and_its_answer_the_referrer(mw, cel, team):
    dossier = reached_dossier(worker=mw, team=team["sociale_dienst"])
    referral = followup.referral_create(
        dossier,
        to_team=team["energiecel"],
        help_kind=InternalReferral.HelpKind.ENERGY,
        reason="Budgetmeter",
        actor=mw,
    )
    assert only(cel).kind == Kind.REFERRAL_RECEIVED
    assert only(cel).dossier_pk == dossier.pk
    assert not Notification.objects.filter(user=mw).exists()

    followup.referral_accept(referral, actor=cel)
    assert only(mw).kind == Kind.REFERRAL_ACCEPTED
    assert only(mw).url.endswith("#sectie-doorverwijzingen")


def test_a_returned_referral_reaches_the_referrer(mw, cel, team):
    dossier = reached_dossier(worker=mw, team=team["sociale_dienst"])
    referral = followup.referral_create(
        dossier,
        to_team=team["energiecel"],
        help_kind=InternalReferral.HelpKind.ENERGY,
        reason="Budgetmeter",
        actor=mw,
    )
    followup.referral_return(referral, reason="Hoort bij de Sociale Dienst", actor=cel)
    assert only(mw).kind == Kind.REFERRAL_RETURNED


def test_an_unconfirmed_warm_handover_reaches_the_referrer_once(mw, team):
    dossier = reached_dossier(worker=mw, team=team["sociale_dienst"])
    followup.handover_create(
        dossier,
        organisation=organisation(),
        contact_person="An",
        referred_on=TODAY - 30 * DAY,
        actor=mw,
    )
    followup.handover_reminders_create(actor=None)
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.HANDOVER_CONFIRM, dossier.pk)
    # The morning's "task due" alert does not tell it again.
    dossier_alerts_send(today=TODAY + DAY)
    assert not Notification.objects.filter(user=mw, kind=Kind.TASK_DUE).exists()


def test_a_lac_preparer_hears_of_the_dossiers_to_prepare(onthaal, mw):
    item = AgendaItemFactory(session=SessionFactory())
    lac.agenda_items_set_preparer([item], mw, actor=onthaal)
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.LAC_PREPARATION, item.dossier_id)


def test_a_conditional_advice_reaches_the_dossiers_worker_when_the_session_closes(onthaal, mw):
    session = SessionFactory(date=TODAY - 3 * DAY)
    item = AgendaItemFactory(session=session, dossier__assigned_to=mw)
    lac.agenda_item_record(
        item,
        actor=onthaal,
        attendance=AgendaItem.Attendance.PRESENT,
        advice=AgendaItem.Advice.PLAN,
        conditional=True,
        conditions="Elke maand € 50 betalen.",
        condition_deadline=TODAY + 30 * DAY,
        unanimous=True,
    )
    lac.session_close(session, actor=onthaal)
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.ADVICE_CONDITIONS, item.dossier_id)
    assert notification.url.endswith("#sectie-taken")
    assert "€" not in notification.mail_text


def test_a_visit_planned_by_someone_else_reaches_its_worker(preventiewerker, mw):
    dossier = DossierFactory(assigned_to=mw)
    outreach.visit_plan(
        dossier,
        worker=mw,
        date=TODAY + 2 * DAY,
        part_of_day=PartOfDay.MORNING,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        actor=preventiewerker,
    )
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.VISIT_PLANNED, dossier.pk)
    assert notification.url.endswith("#sectie-contacten")


def test_a_visit_cancelled_because_someone_else_reached_the_household(preventiewerker, mw):
    dossier = DossierFactory(assigned_to=mw, status=Dossier.Status.ASSIGNED)
    outreach.visit_plan(
        dossier,
        worker=mw,
        date=TODAY + 2 * DAY,
        part_of_day=PartOfDay.MORNING,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        actor=mw,
    )
    outreach.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=TODAY,
        part_of_day=PartOfDay.MORNING,
        result=ContactAttempt.Result.REACHED,
        actor=preventiewerker,
    )
    notification = only(mw)
    assert (notification.kind, notification.dossier_pk) == (Kind.VISIT_CANCELLED, dossier.pk)


def test_feedback_for_the_lac_reaches_the_chair_who_sees_the_dossier(mw, team):
    chair = make_user("vic", [Role.Code.LAC_VOORZITTER], ["sociale_dienst"])
    dossier = reached_dossier(worker=mw, team=team["sociale_dienst"])
    followup.proposal_create(
        dossier,
        conversation_date=TODAY,
        lac_options_discussed=True,
        brochure_discussed=False,
        arrangement=Proposal.Arrangement.NONE,
        client_agrees=Proposal.Agreement.PENDING,
        feedback="Nog geen voorstel.",
        actor=mw,
    )
    notification = only(chair)
    assert (notification.kind, notification.dossier_pk) == (Kind.LAC_FEEDBACK, dossier.pk)


def test_a_late_session_reaches_its_chair_and_secretary(voorzitter, onthaal, mw):
    session_date = TODAY + 20 * DAY
    SessionFactory(
        kind=Dossier.Kind.ENERGIE,
        company=Company.objects.get(name="Fluvius"),
        date=session_date,
        chair=LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter),
        secretary=LacPersonFactory(function=LacPerson.Function.SECRETARY, user=onthaal),
    )
    late = energy_signal(requested=TODAY - 30 * DAY, session_date=session_date)
    lac.agenda_place_imported([late.dossier_id], actor=mw)
    for user in (voorzitter, onthaal):
        notification = Notification.objects.get(user=user, kind=Kind.LAC_LATE)
        assert notification.dossier_pk is None and notification.mail_text.endswith("voor 1 gezin.")
