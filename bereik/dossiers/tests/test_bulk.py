import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers import bulk
from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory


def _dossiers(count):
    return Dossier.objects.bulk_create(DossierFactory.build_batch(count))


def test_update_many_groups_shared_values_into_few_statements(db):
    dossiers = _dossiers(bulk.BATCH + 100)
    for n, dossier in enumerate(dossiers):
        dossier.route = Dossier.Route.A if n % 2 else Dossier.Route.B
    with CaptureQueriesContext(connection) as queries:
        bulk.update_many(dossiers, ["route"])
    # Two values (300 dossiers each, under BATCH): not one UPDATE per dossier.
    assert len(queries) == 2
    assert all("IN (" in query["sql"] for query in queries.captured_queries)
    stored = dict(Dossier.objects.values_list("pk", "route"))
    assert all(stored[d.pk] == d.route for d in dossiers)


def test_update_many_with_different_values_writes_each_its_own(db):
    dossiers = _dossiers(bulk.BATCH + 10)
    for n, dossier in enumerate(dossiers):
        dossier.next_step = f"stap {n}"
    bulk.update_many(dossiers, ["next_step"])
    stored = dict(Dossier.objects.values_list("pk", "next_step"))
    assert all(stored[d.pk] == d.next_step for d in dossiers)


def test_update_many_of_a_few_is_one_query_whatever_the_values(db):
    dossiers = _dossiers(5)
    for n, dossier in enumerate(dossiers):
        dossier.route = Dossier.Route.A if n % 2 else Dossier.Route.B
    with CaptureQueriesContext(connection) as queries:
        bulk.update_many(dossiers, ["route"])
    assert len(queries) == 1


def test_insert_returns_the_ids_in_order_and_fills_defaults(db):
    company = DossierFactory().company
    rows = [
        {
            "number": f"2026-8{n:05d}",
            "kind": Dossier.Kind.WATER,
            "company_id": company.pk,
            "customer_number": f"K{n}",
            "amount_due": Decimal("12.50") + n,
            "deadline": datetime.date(2027, 1, 1 + n % 28),
        }
        for n in range(900)  # 28,800 parameters: one statement (Django sends 999 at most)
    ]
    with CaptureQueriesContext(connection) as queries:
        ids = bulk.insert(Dossier, iter(rows), returning=True)
    assert len(queries) == 1
    stored = {d.pk: d for d in Dossier.objects.filter(pk__in=ids)}
    for row, pk in zip(rows, ids, strict=True):
        dossier = stored[pk]
        assert (dossier.customer_number, dossier.amount_due, dossier.deadline) == (
            row["customer_number"],
            row["amount_due"],
            row["deadline"],
        )
        # The defaults: a new dossier's status, empty texts, the timestamps.
        assert dossier.status == Dossier.Status.NEW and dossier.last_name == ""
        assert dossier.updated_at is not None and dossier.opened_at is not None
    entries = [bulk.entry(stored[ids[0]], "note", "Een", actor=None, data={"a": [1, "é"]})] * 3
    with CaptureQueriesContext(connection) as queries:
        assert bulk.insert(DossierEvent, entries) == []
    assert len(queries) == 1
    assert [e.data for e in DossierEvent.objects.filter(dossier_id=ids[0])] == [{"a": [1, "é"]}] * 3


def test_update_many_keeps_json_values_apart_that_look_alike(db):
    # Same length, same first 40 characters: a driver's shortened repr of the two is the same.
    dossier = DossierFactory()
    events = DossierEvent.objects.bulk_create(
        DossierEvent(dossier=dossier, kind="test", summary=str(n)) for n in range(bulk.BATCH + 4)
    )
    for n, event in enumerate(events):
        event.data = {"name": 0.75, "breakdown": "a" * 40 + ("address" if n % 2 else "insz___")}
    bulk.update_many(events, ["data"])
    stored = dict(DossierEvent.objects.filter(dossier=dossier).values_list("pk", "data"))
    assert all(stored[event.pk] == event.data for event in events)
    few = events[:2]
    few[0].data, few[1].data = {"x": "a" * 50 + "1"}, {"x": "a" * 50 + "2"}
    bulk.update_many(few, ["data"])
    assert [DossierEvent.objects.get(pk=e.pk).data for e in few] == [e.data for e in few]


def test_insert_copies_says_every_column(db):
    """`insert_copies` fills in no defaults: a column it is not told about (a field added later)
    is refused before anything is written."""
    import pytest

    from bereik.clients.models import Client, GuidanceChange
    from bereik.clients.tests.factories import ClientFactory

    client = ClientFactory()
    with pytest.raises(ValueError, match="previous"):
        bulk.insert_copies(
            GuidanceChange,
            Client,
            [client.pk],
            copied={"client_id": "id", "guidance_status": "guidance_status"},
            fixed={"at": client.created_at, "actor_id": None, "source": "x"},
        )
    assert not GuidanceChange.objects.exists()


def test_insert_adapts_an_empty_json_value_once(db, monkeypatch):
    """An import's row results and timeline details are mostly empty: the backend adapts `{}`
    and `[]` once per insert, and each other value on its own."""
    dossier = DossierFactory()
    adapted = []
    adapt = connection.ops.adapt_json_value

    def counted(value, encoder):
        adapted.append(value)
        return adapt(value, encoder)

    monkeypatch.setattr(connection.ops, "adapt_json_value", counted)
    datas = [{}, {"a": 1}, {}, [], {"b": [2]}, [], {}] * 10
    bulk.insert(
        DossierEvent,
        (
            {"dossier_id": dossier.pk, "kind": "note", "summary": str(n), "data": data}
            for n, data in enumerate(datas)
        ),
    )

    assert len(adapted) == 2 + 20  # `{}` and `[]` once, the 20 others each
    stored = DossierEvent.objects.filter(dossier=dossier).order_by("pk")
    assert [event.data for event in stored] == datas
