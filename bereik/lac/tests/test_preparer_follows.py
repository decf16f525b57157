"""The preparer of an agenda item follows the dossier's worker when the dossier changes hands after
it was put on the agenda (a LAC list often comes in before the register shows an active guidance),
unless someone chose the preparer by hand."""

import pytest
from django.utils.html import escape

from bereik.dossiers import access
from bereik.lac import actions, policy, queries
from bereik.lac.tests.factories import AgendaItemFactory
from bereik.triage.actions.assignment import dossier_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def reassigned(preventiewerker, mw, onthaal):
    """Placed for the preventiewerker (route C), then handed to Mia, the client's own worker."""
    item = AgendaItemFactory(preparer=preventiewerker, dossier__assigned_to=preventiewerker)
    dossier_assign(item.dossier, mw, reason="Actieve begeleiding bij Mia.", actor=onthaal)
    return item


def test_the_new_worker_prepares_the_dossier_after_a_reassignment(reassigned, mw, preventiewerker):
    assert reassigned.current_preparer == mw
    assert list(queries.items_to_prepare(mw)) == [reassigned]
    assert list(queries.items_to_prepare(preventiewerker)) == []


def test_the_new_worker_sees_it_on_their_preparation_page(reassigned, mw, login):
    page = login(mw).get("/lac/voorbereiden/").content.decode()
    assert escape(reassigned.dossier.household_name) in page
    assert reassigned.session in policy.visible_sessions(mw)


def test_the_session_page_names_the_new_worker(reassigned, mw, onthaal, login):
    page = login(onthaal).get(f"/lac/zitting/{reassigned.session.pk}/").content.decode()
    assert mw.get_full_name() in page


def test_a_preparer_chosen_by_hand_stays(reassigned, mw_other, mw, onthaal, preventiewerker):
    actions.agenda_item_set_preparer(reassigned, mw_other, actor=onthaal)
    dossier_assign(reassigned.dossier, preventiewerker, reason="Terug.", actor=onthaal)
    reassigned.refresh_from_db()

    assert reassigned.current_preparer == mw_other
    assert list(queries.items_to_prepare(mw_other)) == [reassigned]
    assert list(queries.items_to_prepare(preventiewerker)) == []
    # The hand-picked preparer keeps access to the dossier while the session is open.
    assert access.can_view_dossier(mw_other, reassigned.dossier)


def test_an_unassigned_dossier_keeps_the_preparer_picked_at_placement(mw):
    item = AgendaItemFactory(preparer=mw, dossier__assigned_to=None)
    assert item.current_preparer == mw
    assert list(queries.items_to_prepare(mw)) == [item]


def test_the_preparation_page_needs_no_query_per_item(mw, login, django_assert_max_num_queries):
    for _ in range(3):
        AgendaItemFactory(dossier__assigned_to=mw)
    client = login(mw)
    client.get("/lac/voorbereiden/")  # warm up (session, permissions)
    with django_assert_max_num_queries(20) as captured:
        client.get("/lac/voorbereiden/")
    baseline = len(captured)
    AgendaItemFactory(dossier__assigned_to=mw)
    AgendaItemFactory(dossier__assigned_to=mw)
    with django_assert_max_num_queries(baseline):
        client.get("/lac/voorbereiden/")


def test_an_agenda_reads_each_person_and_company_once_not_once_an_item(mw, onthaal):
    """Items of one session whose dossiers share a worker and a company: one user, one company
    and the session itself, not a copy of each for every item (`views.shared.items_of`)."""
    from bereik.lac.tests.factories import SessionFactory
    from bereik.lac.views.shared import items_of

    session = SessionFactory()
    for _ in range(3):
        AgendaItemFactory(session=session, preparer=mw, dossier__assigned_to=mw)
    items = list(items_of(onthaal, session))
    assert len(items) == 3
    assert all(item.session is session for item in items)
    assert len({id(item.preparer) for item in items}) == 1
    assert len({id(item.dossier.assigned_to) for item in items}) == 1
    assert len({id(item.dossier.company) for item in items}) == 1
    assert all(item.current_preparer == mw for item in items)
