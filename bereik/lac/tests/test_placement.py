import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from bereik.accounts.models import Notification
from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.lac import actions, queries
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.organisation.models import Company, Organisation

SESSION_DATE = datetime.date(2026, 12, 17)


def lac_dossier(session_date=SESSION_DATE, **dossier_fields):
    signal = SignalFactory(
        kind=Signal.Kind.LAC_WATER,
        session_date=session_date,
        dossier=DossierFactory(**dossier_fields),
    )
    return signal.dossier


def test_it_creates_the_session_of_the_list_date_and_places_the_dossiers(db, onthaal):
    first, second = lac_dossier(), lac_dossier()

    result = actions.agenda_place_imported([first.pk, second.pk], actor=onthaal)

    (session,) = result.sessions_created
    assert (session.kind, session.company.name, session.date) == (
        Session.Kind.WATER,
        "De Watergroep",
        SESSION_DATE,
    )
    assert {item.dossier for item in session.items.all()} == {first, second}
    assert [item.position for item in session.items.order_by("position")] == [1, 2]
    assert DossierEvent.objects.filter(dossier=first, kind="lac.agenda").count() == 1


def test_placing_again_changes_nothing(db, onthaal):
    dossier = lac_dossier()
    actions.agenda_place_imported([dossier.pk], actor=onthaal)

    result = actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert result.placed == [] and result.already == 1
    assert Session.objects.count() == 1
    assert AgendaItem.objects.count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, kind="lac.agenda").count() == 1


def test_it_uses_an_existing_open_session_of_that_date(db, onthaal):
    session = SessionFactory(date=SESSION_DATE)
    dossier = lac_dossier()

    result = actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert result.sessions_created == []
    assert result.placed[0].session == session


def test_a_new_session_takes_the_members_of_the_previous_one(db, onthaal):
    chair = LacPersonFactory(function=LacPerson.Function.CHAIR)
    previous = SessionFactory(
        date=datetime.date(2026, 10, 15), chair=chair, place="Zaal 2", time=datetime.time(14, 0)
    )
    dossier = lac_dossier()

    (session,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).sessions_created

    assert session.pk != previous.pk
    assert (session.chair, session.place, session.time) == (chair, "Zaal 2", datetime.time(14, 0))


def test_a_moved_dossier_is_not_put_back_by_a_new_run(db, onthaal):
    dossier = lac_dossier()
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    later = SessionFactory(date=datetime.date(2027, 1, 14))
    actions.agenda_item_move(item, later, reason="Cliënt vraagt uitstel", actor=onthaal)

    actions.agenda_fill_from_imports(actor=onthaal)

    assert list(AgendaItem.objects.values_list("session", flat=True)) == [later.pk]


def test_a_dossier_added_by_hand_before_the_list_is_not_added_twice(db, onthaal):
    session = SessionFactory(date=SESSION_DATE)
    dossier = lac_dossier()
    actions.agenda_add(session, dossier, actor=onthaal)

    result = actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert result.placed == []
    assert AgendaItem.objects.get().requested_date == SESSION_DATE


def test_it_does_not_add_to_a_closed_session(db, onthaal):
    SessionFactory(
        date=SESSION_DATE, closed_at=datetime.datetime(2026, 12, 17, tzinfo=datetime.UTC)
    )
    dossier = lac_dossier()

    result = actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert result.placed == []
    assert result.skipped[0][0] == dossier
    assert not AgendaItem.objects.exists()


def test_an_energy_list_goes_to_an_energy_session_of_fluvius(db, onthaal):
    fluvius = Company.objects.get(name="Fluvius")
    signal = SignalFactory(
        kind=Signal.Kind.LAC_ENERGIE,
        session_date=SESSION_DATE,
        dossier=DossierFactory(kind=Dossier.Kind.ENERGIE, company=fluvius),
    )
    (item,) = actions.agenda_place_imported([signal.dossier_id], actor=onthaal).placed
    assert (item.session.kind, item.session.company) == (Session.Kind.ENERGIE, fluvius)


def test_the_fill_command_places_every_unplaced_dossier(db):
    lac_dossier()
    lac_dossier(session_date=datetime.date(2027, 1, 14))
    assert len(queries.unplaced_dossier_ids()) == 2

    call_command("lac_fill_agenda")

    assert Session.objects.count() == 2
    assert queries.unplaced_dossier_ids() == []


# --- preparer ----------------------------------------------------------------------------------


def test_the_dossier_worker_prepares(db, onthaal, mw):
    dossier = lac_dossier(assigned_to=mw)
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == mw
    assert Notification.objects.filter(user=mw).count() == 1


def test_route_a_goes_to_the_clients_own_social_worker(db, onthaal, mw):
    client = Client.objects.create(client_number="C1", last_name="Peeters", social_worker=mw)
    dossier = lac_dossier(route=Dossier.Route.A, client=client)
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == mw


def test_the_specialist_prepares_in_the_specialist_model(db, onthaal, cel, preventiewerker):
    organisation = Organisation.get()
    organisation.assignment_model = Organisation.AssignmentModel.SPECIALIST
    organisation.specialist = cel
    organisation.save()
    dossier = lac_dossier()
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == cel


def test_otherwise_the_preventiewerker_prepares(db, onthaal, preventiewerker):
    dossier = lac_dossier()
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == preventiewerker


def test_refreshing_follows_a_reassignment_but_keeps_a_preparer_set_by_hand(
    db, onthaal, preventiewerker, mw, mw_other
):
    session = SessionFactory()
    automatic = AgendaItemFactory(session=session, preparer=preventiewerker)
    by_hand = AgendaItemFactory(session=session, preparer=mw_other, preparer_set_by_hand=True)
    Dossier.objects.filter(pk__in=[automatic.dossier_id, by_hand.dossier_id]).update(assigned_to=mw)

    assert actions.agenda_refresh_preparers(session, actor=onthaal) == 1

    automatic.refresh_from_db()
    by_hand.refresh_from_db()
    assert (automatic.preparer, by_hand.preparer) == (mw, mw_other)


def test_a_dossier_of_another_kind_cannot_be_added(db, onthaal):
    session = SessionFactory()
    with pytest.raises(ValidationError):
        actions.agenda_add(session, DossierFactory(kind=Dossier.Kind.ENERGIE), actor=onthaal)


def test_moving_needs_a_reason(db, onthaal):
    item = AgendaItemFactory()
    later = SessionFactory(date=datetime.date(2027, 1, 14))
    with pytest.raises(ValidationError):
        actions.agenda_item_move(item, later, reason=" ", actor=onthaal)
