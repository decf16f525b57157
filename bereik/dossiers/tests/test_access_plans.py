"""The access policy's filter is read through indexes for a worker who sees a few dossiers: no
read of every dossier per list (ADR 0029, eleventh round). On PostgreSQL an OR of
`id IN (subquery)` tested every dossier against every way to see one (55-70 ms a query at
100,000 dossiers, the load test's main cost); SQLite's planner says SCAN for a table read from
end to end."""

import re

import pytest
from django.db import connection, transaction

from bereik.accounts.models import Team
from bereik.conftest import make_user
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(db):
    worker = make_user("mia", ["maatschappelijk_werker"], ["sociale_dienst"])
    team = Team.objects.get(code="sociale_dienst")
    DossierFactory(assigned_to=worker, team=team)
    DossierFactory.create_batch(30)
    return worker


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def _assert_read_through_indexes(queryset, table: str, column_condition: str) -> None:
    """On PostgreSQL: the list's own read of `table` (not a subquery's, which PostgreSQL names
    with a suffix) tests the ways to see a row as columns and arrays of ids worked out once, not
    as a subplan run for each row."""
    with transaction.atomic():
        # With few rows a table is cheaper to read whole: make the planner say what it can do.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _plan(queryset).splitlines()
    shown = "\n".join(plan)
    read = next(i for i, line in enumerate(plan) if re.search(rf" on {table} +\(", line))
    conditions = [
        line for line in plan[read + 1 :] if line.strip().startswith(("Filter", "Recheck"))
    ]
    assert conditions, shown
    assert "SubPlan" not in conditions[0], shown
    assert column_condition in "\n".join(plan[read:]), shown


def test_a_workers_list_reads_their_dossiers_through_indexes(worker):
    dossiers = access.visible_dossiers(worker).filter(status__in=Dossier.OPEN_STATUSES)
    page = dossiers.order_by("deadline", "number").values("pk")[:25]
    assert list(page) == list(Dossier.objects.filter(assigned_to=worker).values("pk"))

    if connection.vendor == "postgresql":
        _assert_read_through_indexes(page, "dossiers_dossier", "assigned_to_id = ")
    else:
        # SQLite says "SCAN dossiers_dossier" when it reads the table from end to end (not a
        # table whose name goes on, such as dossiers_dossier_shared_with).
        reads = re.findall(r"SCAN dossiers_dossier\b.*", _plan(page))
        assert reads == [], _plan(page)


def test_a_grants_subqueries_are_ways_of_their_own_only_when_they_select_dossier_ids():
    from django.db.models import Q

    from bereik.lac.models import AgendaItem

    items = AgendaItem.objects.values("dossier_id")
    water = Dossier.objects.filter(kind="water")
    ways = access._ways(Q(pk__in=items) | Q(pk__in=water))
    assert [way.model for way in ways] == [AgendaItem, Dossier]
    assert ways[1].query.values_select in (("pk",), ("id",))

    # Anything else is one way, the dossiers the grant selects: a subquery of dossiers that
    # selects another column, a column that is not a dossier's key, an AND, a negation.
    for grant in (
        Q(pk__in=items) | Q(pk__in=Dossier.objects.values("client_id")),
        Q(pk__in=items) | Q(pk__in=AgendaItem.objects.values("position")),
        Q(pk__in=items) & Q(pk__in=water),
        ~(Q(pk__in=items) | Q(pk__in=water)),
    ):
        (way,) = access._ways(grant)
        assert way.model is Dossier
        assert str(way.query) == str(Dossier.objects.filter(grant).values("pk").query)
