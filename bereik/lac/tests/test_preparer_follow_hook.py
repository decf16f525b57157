"""The preparer follows the dossier the moment it changes hands: the dossiers app sends
`flow.changed_hands` (dossiers/flow.py), where the LAC connected `agenda_preparers_follow`
(lac/apps.py).
One notification per preparer and session; past sessions and hand-picked preparers stay."""

import datetime

import pytest

from bereik.accounts.models import Notification
from bereik.clients.actions import client_update
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import flow
from bereik.dossiers.models import Dossier
from bereik.lac import actions
from bereik.lac.models import AgendaItem
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.lac.tests.test_placement import lac_dossier
from bereik.triage.actions.assignment import dossier_assign, dossiers_assign
from bereik.triage.actions.routes import consultation_record, dossier_change_route
from bereik.triage.models import Consultation

pytestmark = pytest.mark.django_db

INSZ = "79102614033"


def _to_prepare(user) -> list[str]:
    """The LAC's notifications (not the assignment's own "aan jou toegewezen")."""
    return list(
        Notification.objects.filter(user=user, text__contains="voor te bereiden").values_list(
            "text", flat=True
        )
    )


def _item(preparer, **fields):
    return AgendaItemFactory(preparer=preparer, dossier__assigned_to=preparer, **fields)


def test_the_lac_registers_its_follow_up():
    assert actions.agenda_preparers_follow in [s.func for s in flow.changed_hands.subscribers()]


def test_reassigning_a_dossier_hands_its_coming_item_to_the_new_worker(
    onthaal, mw, preventiewerker
):
    item = _item(preventiewerker)

    dossier_assign(item.dossier, mw, reason="Actieve begeleiding bij Mia.", actor=onthaal)

    item.refresh_from_db()
    assert item.preparer == mw and not item.preparer_set_by_hand
    (text,) = _to_prepare(mw)
    assert text.startswith("1 dossier voor te bereiden voor")
    assert _to_prepare(preventiewerker) == []
    # The daily command and the button find nothing left to do: nobody hears twice.
    assert actions.agenda_preparers_follow(actor=None) == []
    assert len(_to_prepare(mw)) == 1


def test_a_bulk_reassignment_on_one_session_sends_one_notification(onthaal, mw, preventiewerker):
    session = SessionFactory()
    items = [_item(preventiewerker, session=session) for _n in range(3)]

    dossiers_assign([item.dossier for item in items], mw, reason="Naar Mia.", actor=onthaal)

    assert {item.preparer for item in AgendaItem.objects.all()} == {mw}
    (text,) = _to_prepare(mw)
    assert text.startswith("3 dossiers voor te bereiden voor")


def test_an_item_of_a_past_session_keeps_its_preparer(onthaal, mw, preventiewerker):
    item = _item(preventiewerker, session=SessionFactory(date=datetime.date(2026, 11, 20)))

    dossier_assign(item.dossier, mw, reason="Naar Mia.", actor=onthaal)

    item.refresh_from_db()
    assert item.preparer == preventiewerker
    assert _to_prepare(mw) == []


def test_a_preparer_set_by_hand_stays(onthaal, mw, mw_other, preventiewerker):
    item = _item(preventiewerker)
    actions.agenda_item_set_preparer(item, mw_other, actor=onthaal)
    Notification.objects.all().delete()

    dossier_assign(item.dossier, mw, reason="Naar Mia.", actor=onthaal)

    item.refresh_from_db()
    assert item.preparer == mw_other and item.preparer_set_by_hand
    assert _to_prepare(mw) == [] and _to_prepare(mw_other) == []


def test_the_outcome_of_the_overleg_hands_the_item_to_the_former_worker(mw, preventiewerker):
    item = _item(preventiewerker)
    consultation = Consultation.objects.create(
        dossier=item.dossier, former_worker=mw, preventiewerker=preventiewerker
    )

    consultation_record(
        consultation, Consultation.Outcome.FORMER_WORKER, notes="", actor=preventiewerker
    )

    item.refresh_from_db()
    assert item.preparer == mw
    assert len(_to_prepare(mw)) == 1


def test_a_route_changed_by_hand_to_a_hands_it_to_the_own_social_worker(mw, preventiewerker):
    """Only the route changes (no reassignment): on route A the client's social worker prepares."""
    item = _item(preventiewerker)
    dossier = item.dossier
    dossier.client = ClientFactory(guidance_status=Client.Guidance.ACTIVE, social_worker=mw)
    dossier.save(update_fields=["client"])

    dossier_change_route(
        dossier, Dossier.Route.A, reason="Actief bij Mia.", actor=preventiewerker, reassign=False
    )

    item.refresh_from_db()
    assert dossier.assigned_to == preventiewerker
    assert item.preparer == mw
    assert len(_to_prepare(mw)) == 1


def test_a_new_social_worker_in_the_register_takes_over_a_dossier_in_progress(
    onthaal, mw, mw_other
):
    client = ClientFactory(guidance_status=Client.Guidance.ACTIVE, social_worker=mw)
    item = _item(
        mw,
        dossier__client=client,
        dossier__route=Dossier.Route.A,
        dossier__status=Dossier.Status.IN_PROGRESS,
    )
    assert item.dossier.status == Dossier.Status.IN_PROGRESS  # beyond automatic reassignment

    client_update(client, social_worker=mw_other, actor=onthaal)

    item.refresh_from_db()
    assert item.preparer == mw_other
    assert len(_to_prepare(mw_other)) == 1


def test_an_import_that_reassigns_a_dossier_on_the_agenda_notifies_once(
    onthaal, mw, preventiewerker
):
    """The import's matching reassigns (the hook), then its placement lets preparers follow:
    the new preparer hears of it once."""
    dossier = lac_dossier(assigned_to=preventiewerker, insz=INSZ)
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == preventiewerker
    ClientFactory(insz=INSZ, guidance_status=Client.Guidance.ACTIVE, social_worker=mw)
    Notification.objects.all().delete()

    _results, problems = flow.arrived.send_guarded(
        [dossier.pk], actor=None, signal_kinds=["lac-water"]
    )
    assert problems == []

    item.refresh_from_db()
    dossier.refresh_from_db()
    assert (dossier.route, dossier.assigned_to) == (Dossier.Route.A, mw)
    assert item.preparer == mw
    (text,) = _to_prepare(mw)
    assert text.startswith("1 dossier voor te bereiden voor")
