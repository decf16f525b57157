"""The LAC's home panels: the items a user prepares and a member's next session, each item with
its missing pieces. The items are read with the columns the panels show
(`home_panels.ITEM_FIELDS`): the home page names the households, their preparers and what is
missing, and asks the same queries whatever the number of items (a column left out would be
read item by item)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.lac import home_panels
from bereik.lac.models import AgendaItem, LacPerson
from bereik.lac.preparation import missing_for, preparation_for
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _place(session, numbers, *, mw, preventiewerker):
    """Items prepared by `mw` in each of the three ways: as the client's own social worker on
    route A, as the dossier's worker, and set by hand."""
    for number in numbers:
        client = ClientFactory(guidance_status=Client.Guidance.ACTIVE, social_worker=mw)
        AgendaItemFactory(
            session=session,
            dossier__last_name=f"Eigen{number}",
            dossier__route=Dossier.Route.A,
            dossier__client=client,
            dossier__assigned_to=preventiewerker,
            preparer=preventiewerker,
        )
        AgendaItemFactory(
            session=session, dossier__last_name=f"Gevolgd{number}", dossier__assigned_to=mw
        )
        AgendaItemFactory(
            session=session,
            dossier__last_name=f"Gekozen{number}",
            dossier__assigned_to=preventiewerker,
            preparer=mw,
            preparer_set_by_hand=True,
        )


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    return len(captured), page


@pytest.fixture
def session(voorzitter):
    chair = LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter)
    return SessionFactory(chair=chair)


@pytest.mark.parametrize("who", ["mw", "voorzitter"])
def test_the_lac_panels_ask_the_same_queries_whatever_their_items(
    request, who, session, mw, preventiewerker, login
):
    client = login(request.getfixturevalue(who))
    _place(session, [0], mw=mw, preventiewerker=preventiewerker)
    client.get("/")
    few, page = _queries(client)
    for name in ("Eigen0", "Gevolgd0", "Gekozen0"):
        assert name in page
    assert "geen sociaal verslag" in page  # a missing piece, named
    if who == "voorzitter":  # the next session names each item's preparer
        assert page.count(f"({mw.get_full_name()})") == 3

    _place(session, [1, 2], mw=mw, preventiewerker=preventiewerker)  # three times as many
    many, page = _queries(client)
    if who == "mw":
        assert "Alle 9 dossiers" in page  # eight shown, all counted
    else:
        assert "9 dossiers op de agenda" in page
        assert page.count(f"({mw.get_full_name()})") == 8  # the eight it lists
    # A full panel of items to prepare also counts them (and only then).
    assert many == few + (who == "mw")


def test_the_panels_name_the_missing_pieces_as_the_agenda_does(
    session, mw, preventiewerker, django_assert_num_queries
):
    """Read as the panels read their items (the columns they show), in three queries whatever
    the items: the proposals, the reports and the rights' counts."""
    _place(session, [0, 1], mw=mw, preventiewerker=preventiewerker)
    AgendaItemFactory(session=session, dossier__reached_on=session.date, preparer=None)
    related = AgendaItem.objects.select_related(*AgendaItem.PREPARER_RELATED)
    listed = list(related.only(*home_panels.ITEM_FIELDS))
    with django_assert_num_queries(3):
        missing = missing_for(listed)
    full = preparation_for(list(related.select_related("session")))
    assert missing == {pk: prep.missing for pk, prep in full.items()}
    pieces = list(missing.values())
    assert sum("geen voorbereider" in named for named in pieces) == 1
    assert sum("niet bereikt" in named for named in pieces) == 6
