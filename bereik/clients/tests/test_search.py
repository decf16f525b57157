"""The register's search and list order: what the search finds (any part of a name in any case,
every word, the client number in any case), that it follows changes, bulk inserts and
deletions, that no character is syntax, that it works without its table, and that at scale the
list and the search read their indexes, not every client."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from bereik.clients import search
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import bulk
from bereik.lib import sqlite_fts

pytestmark = pytest.mark.django_db

with_fts = pytest.mark.skipif(
    connection.vendor != "sqlite" or not sqlite_fts.trigram_available(),
    reason="SQLite's FTS5 trigram table",
)


def found(text: str) -> set[str]:
    return set(Client.objects.filter(search.search_q(text)).values_list("client_number", flat=True))


@pytest.fixture
def register():
    return {
        "janssens": ClientFactory(
            client_number="C-1001", last_name="Vandenbroucke-Janssens", first_name="Élise"
        ),
        "peeters": ClientFactory(client_number="c-2002", last_name="Peeters", first_name="Jan"),
        "de": ClientFactory(client_number="C-3003", last_name="De Smet", first_name="Ann"),
    }


def test_any_part_of_a_name_in_any_case_and_every_word(register):
    assert found("janssens") == {"C-1001"}
    assert found("BROUCKE") == {"C-1001"}
    assert found("ÉLISE") == {"C-1001"}  # (PostgreSQL in the C locale does not fold "É")
    assert found("smet ann") == {"C-3003"}
    assert found("smet jan") == set()
    assert found("De") >= {"C-3003"}  # two letters: matched without the index
    assert found("zzz") == set()


def test_the_client_number_in_any_case(register):
    ClientFactory(client_number="Gent-12a", last_name="Wouters")
    ClientFactory(client_number="Liège-7é", last_name="Dubois")
    assert found("c-1001") == {"C-1001"}
    assert found("C-2002") == {"c-2002"}
    assert found("GENT-12A") == found("gent-12A") == {"Gent-12a"}
    assert found("Liège-7é") == {"Liège-7é"}  # as typed, also where the database folds only ASCII
    assert found("1001") == set()  # a number is the whole number, not a part of it


@with_fts
def test_without_its_table_the_search_matches_by_scanning(register, monkeypatch):
    """A database migrated where SQLite had no trigram tokenizer has no search table, also
    after SQLite was upgraded: the search then scans, as before, instead of failing."""
    monkeypatch.setattr(sqlite_fts, "_tables_made", set())
    with connection.cursor() as cursor:
        for trigger in search.NAMES.triggers:
            cursor.execute(f"DROP TRIGGER {trigger}")
        cursor.execute("DROP TABLE client_search")
    assert "client_search" not in str(Client.objects.filter(search.search_q("janssens")).query)
    assert found("janssens") == {"C-1001"}


def test_the_search_follows_changes_bulk_inserts_and_deletions(register):
    peeters = register["peeters"]
    Client.objects.filter(pk=peeters.pk).update(last_name="Wouters")
    assert found("peeters") == set() and found("wouters") == {"c-2002"}

    values = Client.objects.filter(pk=peeters.pk).values()[0]
    del values["id"]
    values.update(client_number="C-9999", last_name="Bulkinvoeg")
    (pk,) = bulk.insert(Client, [values], returning=True)
    assert found("bulkinvoeg") == {"C-9999"}

    Client.objects.filter(pk=pk).delete()
    assert found("bulkinvoeg") == set()


@pytest.mark.parametrize("text", ['"', 'a"b', "NEAR(x y)", "last_name:abc", "*", "{x}:y", "OR"])
def test_no_character_of_the_text_is_syntax(register, text):
    assert found(text) == set()


def test_the_register_list_searches_with_it(login, preventiewerker, register):
    url = reverse("clients:list") + "?" + urlencode({"q": "vandenbroucke"})
    page = login(preventiewerker).get(url)
    assert [c.client_number for c in page.context["page"].object_list] == ["C-1001"]
    url = reverse("clients:list") + "?" + urlencode({"q": "c-2002"})
    page = login(preventiewerker).get(url)
    assert [c.client_number for c in page.context["page"].object_list] == ["c-2002"]


@with_fts
def test_on_sqlite_a_name_is_looked_up_in_the_index_not_in_every_client(register):
    plan = Client.objects.filter(search.search_q("c-1001")).values("pk").explain()
    assert "VIRTUAL TABLE INDEX" in plan and "client_number_upper" in plan
    plan = Client.objects.filter(search.search_q("janssens c-1001")).values("pk").explain()
    assert "VIRTUAL TABLE INDEX" in plan
    assert not [line for line in plan.splitlines() if "SCAN clients_client" in line]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_on_postgresql_the_search_says_what_the_trigram_indexes_hold(register):
    """The GIN indexes hold UPPER(column) (migration clients 0005): the search must say the
    same for the planner to use them. (At 100,000 clients it does: a BitmapOr of the two, 4 ms;
    with a test's few rows the planner rightly prefers to read the table.)"""
    sql = str(Client.objects.filter(search.search_q("janssens")).query)
    assert 'UPPER("clients_client"."last_name"::text) LIKE' in sql
    assert 'UPPER("clients_client"."first_name"::text) LIKE' in sql


def test_the_list_reads_its_page_from_the_name_index(login, preventiewerker, register):
    """The list's order has an index: a page is read from it, without sorting every client."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = login(preventiewerker).get(reverse("clients:list") + "?pagina=1")
    assert [c.last_name for c in page.context["page"].object_list] == [
        "De Smet",
        "Peeters",
        "Vandenbroucke-Janssens",
    ]
    (sql,) = [q["sql"] for q in queries if 'ORDER BY "clients_client"."last_name"' in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "client_name_order" in plan and "TEMP B-TREE" not in plan
        else:
            # With a test's few rows a sort is cheapest; what matters is that the index can
            # give the order (at 100,000 clients the planner reads it: 3 ms for page 100).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "client_name_order" in plan and "Sort" not in plan
