"""Route A: the client's own social worker prepares the dossier for the LAC (issue 7), also when
someone else follows the dossier up (the preventiewerker kept it because the work had started
before the register showed the guidance, or took it while the worker was away)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.accounts import actions as account_actions
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.lac import actions, home_panels, queries
from bereik.lac.models import AgendaItem
from bereik.lac.tests.factories import (
    SessionFactory,
    placed_for_then_route_a,
)
from bereik.lac.tests.test_placement import lac_dossier

pytestmark = pytest.mark.django_db


def route_a_dossier(worker, *, assigned_to, **fields):
    client = ClientFactory(guidance_status=Client.Guidance.ACTIVE, social_worker=worker)
    return lac_dossier(route=Dossier.Route.A, client=client, assigned_to=assigned_to, **fields)


def test_the_own_social_worker_prepares_a_route_a_dossier_someone_else_follows_up(
    onthaal, mw, preventiewerker
):
    dossier = route_a_dossier(mw, assigned_to=preventiewerker)

    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed

    assert item.preparer == mw
    assert item.current_preparer == mw
    assert list(queries.items_to_prepare(mw)) == [item]
    assert list(queries.items_to_prepare(preventiewerker)) == []


def test_the_home_panel_names_the_own_social_worker(onthaal, mw, preventiewerker):
    dossier = route_a_dossier(mw, assigned_to=preventiewerker)
    actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert home_panels.items_to_prepare(preventiewerker) is None
    panel = home_panels.items_to_prepare(mw)
    assert [row["item"].dossier for row in panel["rows"]] == [dossier]


def test_an_item_placed_before_the_register_showed_the_guidance_follows_the_own_worker(
    onthaal, mw, preventiewerker
):
    """Placed for the preventiewerker (route C then); the register later shows route A."""
    item = placed_for_then_route_a(preventiewerker, mw)
    item = AgendaItem.objects.select_related(*AgendaItem.PREPARER_RELATED).get(pk=item.pk)

    assert item.current_preparer == mw
    assert list(queries.items_to_prepare(mw)) == [item]
    assert list(queries.items_to_prepare(preventiewerker)) == []
    # "Bijwerken" stores it too.
    assert actions.agenda_refresh_preparers(item.session, actor=onthaal) == 1
    item.refresh_from_db()
    assert item.preparer == mw


def test_an_absent_own_worker_leaves_it_to_the_dossiers_worker(onthaal, mw, preventiewerker):
    account_actions.user_set_absent(mw, True, actor=onthaal)
    dossier = route_a_dossier(mw, assigned_to=preventiewerker)

    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed

    assert item.preparer == preventiewerker
    assert list(queries.items_to_prepare(preventiewerker)) == [item]
    assert list(queries.items_to_prepare(mw)) == []


def test_other_routes_follow_the_dossiers_worker_whoever_the_clients_worker_is(
    onthaal, mw, preventiewerker
):
    client = ClientFactory(guidance_status=Client.Guidance.CLOSED, social_worker=mw)
    route_b = lac_dossier(route=Dossier.Route.B, client=client, assigned_to=preventiewerker)
    unknown = lac_dossier(route=Dossier.Route.C, assigned_to=preventiewerker)

    placed = actions.agenda_place_imported([route_b.pk, unknown.pk], actor=onthaal).placed

    assert {item.preparer for item in placed} == {preventiewerker}
    assert set(queries.items_to_prepare(preventiewerker)) == set(placed)
    assert list(queries.items_to_prepare(mw)) == []


def test_a_route_a_client_without_a_worker_in_bereik_goes_to_the_dossiers_worker(
    onthaal, preventiewerker
):
    dossier = route_a_dossier(None, assigned_to=preventiewerker)
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == preventiewerker
    assert list(queries.items_to_prepare(preventiewerker)) == [item]


def test_the_session_list_needs_no_query_per_route_a_item(
    onthaal, mw, preventiewerker, login, django_assert_max_num_queries
):
    session = SessionFactory()
    client = login(onthaal)
    dossier = route_a_dossier(mw, assigned_to=preventiewerker)
    actions.agenda_add(session, dossier, actor=onthaal)
    client.get(f"/lac/zitting/{session.pk}/")
    with django_assert_max_num_queries(40) as captured:
        client.get(f"/lac/zitting/{session.pk}/")
    for _n in range(3):
        actions.agenda_add(session, route_a_dossier(mw, assigned_to=preventiewerker), actor=onthaal)
    with django_assert_max_num_queries(len(captured)):
        page = client.get(f"/lac/zitting/{session.pk}/").content.decode()
    assert page.count(mw.get_full_name()) >= 4


@pytest.mark.parametrize("placed", [1, home_panels.SHOWN, home_panels.SHOWN + 3])
def test_the_home_panel_counts_the_items_only_when_it_shows_as_many_as_it_can(
    onthaal, mw, preventiewerker, placed
):
    """The panel shows the first items and "Alle n dossiers": fewer than it can show, it knows
    n from what it read (no count query); as many as it can show, it counts them."""
    dossiers = [route_a_dossier(mw, assigned_to=preventiewerker) for _ in range(placed)]
    actions.agenda_place_imported([d.pk for d in dossiers], actor=onthaal)

    with CaptureQueriesContext(connection) as captured:
        panel = home_panels.items_to_prepare(mw)
    counts = [q for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert panel["total"] == placed
    assert len(panel["rows"]) == min(placed, home_panels.SHOWN)
    assert len(counts) == (1 if placed >= home_panels.SHOWN else 0)
