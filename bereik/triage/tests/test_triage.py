import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from bereik.accounts import notifications
from bereik.accounts.models import Notification
from bereik.clients import actions as client_actions
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup.actions.closing import dossier_close
from bereik.followup.models import OutcomeCode
from bereik.triage.actions import matching
from bereik.triage.actions import routes as triage
from bereik.triage.models import Consultation

INSZ_ACTIVE = "79102614033"
INSZ_PAST = "60122008577"
INSZ_NEVER = "93051822361"


@pytest.fixture
def clients(mw, mw_other):
    return {
        "active": ClientFactory(
            insz=INSZ_ACTIVE, guidance_status=Client.Guidance.ACTIVE, intensive_guidance=True,
            social_worker=mw,
        ),
        "past": ClientFactory(
            insz=INSZ_PAST, guidance_status=Client.Guidance.CLOSED, intensive_guidance=True,
            social_worker=mw_other,
        ),
        "never": ClientFactory(
            insz=INSZ_NEVER, guidance_status=Client.Guidance.CLOSED, intensive_guidance=False,
            social_worker=mw,
        ),
    }  # fmt: skip


def decided(dossier, outcome, actor):
    """The dossier's overleg decided with `outcome`, without notes."""
    triage.consultation_record(dossier.consultations.get(), outcome, notes="", actor=actor)


def matched(insz, actor):
    dossier = DossierFactory(insz=insz)
    matching.match_dossiers([dossier.pk], actor)
    dossier.refresh_from_db()
    return dossier


def test_active_guidance_is_route_a_to_the_social_worker_on_the_case(clients, mw, preventiewerker):
    dossier = matched(INSZ_ACTIVE, preventiewerker)

    assert dossier.route == Dossier.Route.A
    assert dossier.assigned_to == mw
    assert dossier.status == Dossier.Status.ASSIGNED
    assert Notification.objects.filter(user=mw, url=dossier.get_absolute_url()).exists()
    assert dossier.events.filter(kind="route", text__contains="Actieve begeleiding").exists()


def test_past_intensive_guidance_is_route_b_with_an_overleg(clients, mw_other, preventiewerker):
    dossier = matched(INSZ_PAST, preventiewerker)

    assert dossier.route == Dossier.Route.B
    assert dossier.assigned_to == preventiewerker
    consultation = dossier.consultations.get()
    assert consultation.former_worker == mw_other
    assert consultation.is_open
    assert Notification.objects.filter(user=mw_other, text__contains="Overleg").exists()
    # The former worker may open the dossier to take part in the overleg.
    assert access.can_view_dossier(mw_other, dossier)


def test_never_intensive_guidance_is_route_c_to_the_preventiewerker(clients, preventiewerker):
    dossier = matched(INSZ_NEVER, preventiewerker)

    assert dossier.route == Dossier.Route.C
    assert dossier.assigned_to == preventiewerker


def test_the_overleg_outcome_can_hand_the_dossier_to_the_former_worker(
    clients, mw_other, preventiewerker
):
    dossier = matched(INSZ_PAST, preventiewerker)
    consultation = dossier.consultations.get()

    triage.consultation_record(
        consultation,
        Consultation.Outcome.FORMER_WORKER,
        notes="Kent het gezin goed",
        actor=preventiewerker,
    )

    dossier.refresh_from_db()
    consultation.refresh_from_db()
    assert dossier.assigned_to == mw_other
    assert dossier.route == Dossier.Route.B
    assert consultation.outcome == Consultation.Outcome.FORMER_WORKER
    assert consultation.decided_by == preventiewerker
    assert dossier.events.filter(kind="overleg", text="Kent het gezin goed").exists()
    with pytest.raises(ValidationError):
        triage.consultation_record(
            consultation, Consultation.Outcome.PREVENTIEWERKER, notes="", actor=preventiewerker
        )


def test_the_overleg_outcome_can_keep_the_dossier_with_the_preventiewerker(
    clients, preventiewerker
):
    dossier = matched(INSZ_PAST, preventiewerker)

    decided(dossier, Consultation.Outcome.PREVENTIEWERKER, preventiewerker)

    dossier.refresh_from_db()
    assert dossier.assigned_to == preventiewerker
    assert not dossier.consultations.filter(decided_at=None).exists()


def test_the_former_workers_access_ends_with_the_overleg(clients, mw_other, preventiewerker):
    """ADR 0031: the overleg's grant lasts while the overleg is open. Kept with the
    preventiewerker, the dossier leaves the former worker's view, and so does its notice."""
    dossier = matched(INSZ_PAST, preventiewerker)
    notice = notifications.visible(mw_other).filter(dossier_pk=dossier.pk)
    assert access.can_view_dossier(mw_other, dossier) and notice.exists()

    decided(dossier, Consultation.Outcome.PREVENTIEWERKER, preventiewerker)

    assert not access.can_view_dossier(mw_other, dossier)
    assert not access.visible_dossiers(mw_other).filter(pk=dossier.pk).exists()
    assert not notice.exists()


def test_the_former_worker_who_makes_contact_keeps_the_dossier(clients, mw_other, preventiewerker):
    dossier = matched(INSZ_PAST, preventiewerker)

    decided(dossier, Consultation.Outcome.FORMER_WORKER, preventiewerker)

    assert access.can_view_dossier(mw_other, dossier)


def test_closing_the_dossier_ends_its_open_overleg(clients, mw_other, preventiewerker):
    dossier = matched(INSZ_PAST, preventiewerker)
    outcome = OutcomeCode.objects.filter(active=True, note_required=False).first()

    dossier_close(dossier, outcome=outcome, actor=preventiewerker)

    consultation = dossier.consultations.get()
    assert not consultation.is_open and consultation.outcome == ""
    assert dossier.events.filter(kind="overleg", summary="Overleg vervallen").exists()
    assert not access.can_view_dossier(mw_other, dossier)


def test_the_migration_ends_the_open_overleggen_of_closed_dossiers(
    clients, mw_other, preventiewerker
):
    closed, still_open = matched(INSZ_PAST, preventiewerker), matched(INSZ_PAST, preventiewerker)
    Dossier.objects.filter(pk=closed.pk).update(status=Dossier.Status.CLOSED)
    migration = importlib.import_module(
        "bereik.triage.migrations.0005_end_overleggen_of_closed_dossiers"
    )

    migration.end_overleggen(apps, None)

    assert not closed.consultations.get().is_open
    assert closed.events.filter(kind="overleg", summary="Overleg vervallen").count() == 1
    assert still_open.consultations.get().is_open
    assert access.can_view_dossier(mw_other, still_open)
    assert not access.can_view_dossier(mw_other, closed)


def test_leaving_route_b_ends_the_former_workers_access(clients, mw_other, preventiewerker):
    dossier = matched(INSZ_PAST, preventiewerker)

    triage.dossier_change_route(
        dossier, Dossier.Route.C, reason="Vroegere MW met pensioen", actor=preventiewerker
    )

    assert not access.can_view_dossier(mw_other, dossier)


def test_the_preventiewerker_changes_the_route_with_a_reason(clients, mw, preventiewerker):
    dossier = matched(INSZ_NEVER, preventiewerker)

    with pytest.raises(ValidationError):
        triage.dossier_change_route(dossier, Dossier.Route.A, reason=" ", actor=preventiewerker)
    triage.dossier_change_route(
        dossier, Dossier.Route.A, reason="Net opnieuw in begeleiding", actor=preventiewerker
    )

    dossier.refresh_from_db()
    assert dossier.route == Dossier.Route.A
    assert dossier.triage.route_by_hand
    event = dossier.events.filter(kind="route").last()
    assert event.text == "Net opnieuw in begeleiding" and event.actor == preventiewerker


def test_a_route_set_by_hand_survives_a_change_in_the_register(clients, mw, preventiewerker):
    dossier = matched(INSZ_NEVER, preventiewerker)
    triage.dossier_change_route(dossier, Dossier.Route.B, reason="Overleg nodig", actor=mw)

    client_actions.client_update(
        clients["never"], guidance_status=Client.Guidance.ACTIVE, actor=preventiewerker
    )

    dossier.refresh_from_db()
    assert dossier.route == Dossier.Route.B


def test_a_change_in_the_register_triages_untouched_dossiers_again(clients, mw, preventiewerker):
    dossier = matched(INSZ_NEVER, preventiewerker)

    client_actions.client_update(
        clients["never"], guidance_status=Client.Guidance.ACTIVE, actor=preventiewerker
    )

    dossier.refresh_from_db()
    assert dossier.route == Dossier.Route.A
    assert dossier.assigned_to == mw
    assert clients["never"].guidance_changes.count() == 1


def test_leaving_route_b_closes_the_open_overleg(clients, preventiewerker):
    dossier = matched(INSZ_PAST, preventiewerker)

    triage.dossier_change_route(
        dossier, Dossier.Route.C, reason="Vroegere MW met pensioen", actor=preventiewerker
    )

    consultation = dossier.consultations.get()
    assert not consultation.is_open
    assert consultation.outcome == ""
