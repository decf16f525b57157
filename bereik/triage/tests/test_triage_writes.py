"""What a triage writes, and what it costs per dossier: a new dossier gets its route and its
worker with one UPDATE, and the timeline's fixed texts are translated once per batch (ADR 0029,
eleventh round)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.triage.actions import assignment, matching, routes
from bereik.triage.actions.base import ensure_triages
from bereik.triage.models import Triage
from bereik.triage.tests.test_matching_actions import INSZ


def dossier_updates(queries) -> list[str]:
    # A small batch's UPDATE is one executemany, logged as "3 times UPDATE ...".
    return [q["sql"] for q in queries.captured_queries if 'UPDATE "dossiers_dossier"' in q["sql"]]


def test_a_new_dossier_gets_its_route_and_worker_in_one_write(db, preventiewerker):
    Organisation.get()
    dossiers = [DossierFactory(last_name=f"Nieuw{i}", house_number=str(200 + i)) for i in range(3)]
    assert all(d.route == "" and d.assigned_to_id is None for d in dossiers)

    with CaptureQueriesContext(connection) as queries:
        routes.dossiers_triage(dossiers, actor=preventiewerker, next_steps=False)

    assert len(dossier_updates(queries)) == 1  # route and worker together, not one after another
    for stored in Dossier.objects.filter(pk__in=[d.pk for d in dossiers]):
        assert stored.route == Dossier.Route.C
        assert stored.assigned_to == preventiewerker
        assert stored.status == Dossier.Status.ASSIGNED
        assert stored.team is not None and stored.team == preventiewerker.teams.get()
    kinds = sorted(DossierEvent.objects.filter(dossier=dossiers[0]).values_list("kind", flat=True))
    assert kinds == ["assignment", "route", "status"]


def test_a_route_or_a_worker_alone_is_written_with_its_own_fields(db, preventiewerker, mw):
    Organisation.get()
    # Both change: a new dossier.
    both = DossierFactory(last_name="Beide", house_number="301")
    # Only the worker: the route is already what the register says.
    worker_only = DossierFactory(last_name="Werker", house_number="302", route=Dossier.Route.C)
    # Only the route: its worker was given by hand and stays.
    route_only = DossierFactory(
        last_name="Route",
        house_number="303",
        client=ClientFactory(guidance_status=Client.Guidance.CLOSED),
        assigned_to=mw,
        status=Dossier.Status.IN_PROGRESS,
    )
    dossiers = [both, worker_only, route_only]
    ensure_triages(dossiers)
    Triage.objects.filter(dossier=route_only).update(assigned_by_hand=True)
    route_only.triage.assigned_by_hand = True

    with CaptureQueriesContext(connection) as queries:
        counts = routes.dossiers_triage(dossiers, actor=preventiewerker, next_steps=False)

    assert counts["routed"] == 2 and counts["assigned"] == 2
    updates = dossier_updates(queries)
    assert len(updates) == 3
    assert sum('"route" = ' in sql and '"assigned_to_id" = ' in sql for sql in updates) == 1
    both.refresh_from_db()
    worker_only.refresh_from_db()
    route_only.refresh_from_db()
    assert (both.route, both.assigned_to, both.status) == (
        Dossier.Route.C,
        preventiewerker,
        Dossier.Status.ASSIGNED,
    )
    assert (worker_only.route, worker_only.assigned_to) == (Dossier.Route.C, preventiewerker)
    assert (route_only.route, route_only.assigned_to, route_only.status) == (
        Dossier.Route.C,
        mw,
        Dossier.Status.IN_PROGRESS,
    )


def test_a_dossier_matched_for_the_first_time_gets_its_triage_row_in_one_write(db, preventiewerker):
    """An import's dossiers have no Triage row yet: each is inserted with its outcome (new to
    the OCMW, or waiting for a confirmation with its candidates), not inserted empty and then
    updated. A dossier matched again keeps its row, updated."""
    Organisation.get()
    client = ClientFactory(last_name="Janssens", first_name="Maria", street="Kerkstraat")
    unknown = [
        DossierFactory(last_name=f"Onbekend{i}", house_number=str(500 + i)) for i in range(3)
    ]
    doubt = DossierFactory(
        last_name="Janssens",
        first_name="Marie",
        street=client.street,
        house_number=client.house_number,
        postcode="9999",
        city="Elders",
    )
    again = DossierFactory(last_name="Opnieuw", house_number="599")
    ensure_triages([again])
    known = ClientFactory(last_name="Peeters", insz=INSZ)
    linked = DossierFactory(last_name="Anders", house_number="598", insz=INSZ)
    dossiers = [*unknown, doubt, again, linked]

    with CaptureQueriesContext(connection) as queries:
        matching.match_dossiers([d.pk for d in dossiers], preventiewerker, triage=False)

    sql = [q["sql"] for q in queries.captured_queries]
    assert sum(s.startswith('INSERT INTO "triage_triage"') for s in sql) == 1
    # one UPDATE, of the row that was there (an executemany, logged as "1 times: UPDATE ...")
    assert [s.split(":")[0] for s in sql if 'UPDATE "triage_triage"' in s] == ["1 times"]
    triages = {t.dossier_id: t for t in Triage.objects.filter(dossier__in=dossiers)}
    assert len(triages) == 6
    assert (triages[linked.pk].match_status, triages[linked.pk].method) == (
        Triage.MatchStatus.LINKED,
        Triage.Method.BY_INSZ,
    )
    assert Dossier.objects.get(pk=linked.pk).client == known
    for dossier in [*unknown, again]:
        assert triages[dossier.pk].match_status == Triage.MatchStatus.NEW
        assert triages[dossier.pk].matched_at is not None
    waiting = triages[doubt.pk]
    assert waiting.match_status == Triage.MatchStatus.TO_CONFIRM
    assert list(waiting.candidates.values_list("client_id", flat=True)) == [client.pk]
    assert Dossier.objects.get(pk=doubt.pk).to_confirm


@pytest.mark.parametrize("module", [matching, routes, assignment])
def test_the_timeline_texts_are_translated_once_per_batch(db, preventiewerker, module, calls_to):
    """An import matches, triages and assigns thousands of dossiers: the fixed texts of their
    timeline entries are translated per batch, not per dossier."""
    Organisation.get()
    calls = calls_to(module, "_")

    def translations(count: int) -> int:
        calls.clear()
        dossiers = [
            DossierFactory(last_name=f"Onbekend{count}x{i}", house_number=str(400 + i))
            for i in range(count)
        ]
        matching.match_dossiers([d.pk for d in dossiers], preventiewerker, next_steps=False)
        assert DossierEvent.objects.filter(dossier__in=dossiers, kind="assignment").count() == count
        return len(calls)

    # A first batch fills what is kept for a whole process (the status change's text, by pair
    # of statuses), whichever test ran before.
    translations(1)
    assert translations(2) == translations(12)


def test_why_the_register_gives_a_route_is_worked_out_once_per_client(
    db, preventiewerker, calls_to
):
    Organisation.get()
    asked = calls_to(routes, "route_reason")
    client = ClientFactory(guidance_status=Client.Guidance.CLOSED)
    dossiers = [DossierFactory(last_name=f"Reden{i}", house_number=str(500 + i)) for i in range(4)]
    dossiers += [DossierFactory(client=client, house_number=str(510 + i)) for i in range(3)]

    routes.dossiers_triage(dossiers, actor=preventiewerker, next_steps=False)

    assert sorted(c.pk if c else 0 for c in asked) == [0, client.pk]
    texts = set(DossierEvent.objects.filter(kind="route").values_list("text", flat=True))
    assert texts == {"Onbekend bij het OCMW.", "Nooit intensief begeleid."}
