from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers import bulk
from bereik.dossiers.models import Dossier
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
