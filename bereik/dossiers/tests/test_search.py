"""The worklists' search: what it finds (any part of a name or number, any case, every word),
that it stays right after changes, bulk inserts and erasure, that no character of the search
text is read as syntax, and that on SQLite it reads its index, not every dossier."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import bulk, search
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import sqlite_fts

pytestmark = pytest.mark.django_db


def found(text: str) -> set[str]:
    return set(Dossier.objects.filter(search.search_q(text)).values_list("number", flat=True))


@pytest.fixture
def households():
    return {
        "janssens": DossierFactory(
            last_name="Vandenbroucke-Janssens", first_name="Élise", customer_number="FA-778812"
        ),
        "peeters": DossierFactory(last_name="Peeters", first_name="Jan", customer_number="K1"),
        "de": DossierFactory(last_name="De Smet", first_name="Ann", customer_number=""),
    }


def test_any_part_of_a_name_or_number_in_any_case(households):
    j, p, d = households["janssens"], households["peeters"], households["de"]
    assert found("janssens") == {j.number}
    assert found("BROUCKE") == {j.number}
    assert found("Élise") == {j.number}
    assert found("778812") == {j.number}
    assert found(p.number[-4:]) == {p.number}
    assert found("smet ann") == {d.number}  # every word, each in any column
    assert found("smet jan") == set()
    assert found("De") >= {d.number}  # two letters: matched without the index, as before
    assert found("zzz") == set()


def test_the_linked_clients_number_finds_the_dossier(households):
    client = ClientFactory(client_number="Gent-42a")
    households["peeters"].client = client
    households["peeters"].save()
    assert found("gent-42A") == found("GENT-42A") == {households["peeters"].number}


def test_the_search_follows_changes_bulk_inserts_and_erasure(households):
    peeters = households["peeters"]
    Dossier.objects.filter(pk=peeters.pk).update(last_name="Wouters")
    assert found("peeters") == set() and found("wouters") == {peeters.number}

    values = Dossier.objects.filter(pk=peeters.pk).values()[0]
    del values["id"]
    values.update(number="2026-999999", last_name="Bulkinvoeg", customer_number="K99")
    (pk,) = bulk.insert(Dossier, [values], returning=True)
    assert found("bulkinvoeg") == {"2026-999999"}

    Dossier.objects.filter(pk=pk).delete()
    assert found("bulkinvoeg") == set()


@pytest.mark.parametrize(
    "text", ['"', 'a"b', "NEAR(x y)", "last_name:abc", "*", "abc*", "^abc", "-abc", "{x}:y", "OR"]
)
def test_no_character_of_the_text_is_syntax(households, text):
    assert found(text) == set()


def test_the_worklist_search_is_the_same_search(login, preventiewerker, households):
    url = reverse("dossiers:worklist", args=["alle"]) + "?" + urlencode({"q": "vandenbroucke"})
    page = login(preventiewerker).get(url)
    assert [d.number for d in page.context["page"].object_list] == [households["janssens"].number]


with_fts = pytest.mark.skipif(
    connection.vendor != "sqlite" or not sqlite_fts.trigram_available(),
    reason="SQLite's FTS5 trigram table",
)


@with_fts
def test_on_sqlite_the_search_reads_its_index_not_every_dossier(households):
    plan = Dossier.objects.filter(search.search_q("janssens")).values("pk").explain()
    assert "VIRTUAL TABLE INDEX" in plan
    assert not [line for line in plan.splitlines() if "SCAN dossiers_dossier" in line]


@with_fts
def test_on_sqlite_a_number_is_looked_up_in_both_indexes(households):
    """A word with a digit may also be a client's number: the ids of the search table and of
    the client's index, in a union. ORed, SQLite scanned every dossier at 100,000 (with a few
    rows and no statistics it reads both indexes either way, so the SQL is what is checked)."""
    rows = Dossier.objects.filter(search.search_q("778812")).values("pk")
    assert "UNION ALL" in str(rows.query)
    plan = rows.explain()
    assert "VIRTUAL TABLE INDEX" in plan and "client_id" in plan
    assert not [line for line in plan.splitlines() if "SCAN dossiers_dossier" in line]
    client = ClientFactory(client_number="778812")
    households["de"].client = client
    households["de"].save()
    assert found("778812") == {households["janssens"].number, households["de"].number}


def every_index():
    from bereik.clients import search as register_search

    indexes = sqlite_fts.declared()
    assert {search.DOSSIERS, search.SIGNALS, register_search.NAMES} <= set(indexes)
    return indexes


@with_fts
def test_the_triggers_are_there_after_every_migration():
    """SQLite remakes a table for some schema changes and drops its triggers with the old one: a
    later migration of the table must create them again (see migration dossiers 0010)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    for index in every_index():
        assert set(index.triggers) <= names, index.name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_on_postgresql_the_columns_have_trigram_indexes():
    for index in every_index():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE '%%gin_trgm_ops%%'",
                [index.table],
            )
            names = {row[0] for row in cursor.fetchall()}
        assert names == {f"{index.name}_{c}" for c in index.columns}
    assert search.DOSSIERS.pg_indexes == tuple(f"dossier_search_{c}" for c in search.COLUMNS)


def test_the_index_makes_the_sql_migration_0010_wrote_out():
    """Migration dossiers 0010 holds its SQL written out; the later ones are made by
    `TrigramIndex` from a name, table and columns, which must give the same."""
    import importlib
    import re

    migration = importlib.import_module("bereik.dossiers.migrations.0010_search_index")

    def tidy(sql: str) -> str:
        return re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", sql)).strip()

    made = search.DOSSIERS._sqlite_forwards()
    assert [tidy(sql) for sql in made] == [tidy(sql) for sql in migration.SQLITE_FORWARD]


def _postgresql_plan(text: str) -> str:
    with connection.cursor() as cursor:
        # With a few rows a scan is cheapest; what matters is that the index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return Dossier.objects.filter(search.search_q(text)).order_by().values("pk").explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_on_postgresql_a_name_is_looked_up_in_the_indexes(households):
    plan = _postgresql_plan("janssens")
    assert "Bitmap Index Scan on dossier_search_last_name" in plan and "Seq Scan" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_on_postgresql_a_number_is_looked_up_in_the_indexes(households):
    """The client's number as an array, one branch of the bitmap OR with the columns'."""
    plan = _postgresql_plan("778812")
    assert "Bitmap Index Scan on dossier_search_number" in plan and "Seq Scan" not in plan
    assert "client_id" in plan


def test_without_the_trigram_tokenizer_the_search_matches_as_before(households, monkeypatch):
    monkeypatch.setattr(sqlite_fts, "trigram_available", lambda: False)
    assert "dossier_search" not in str(Dossier.objects.filter(search.search_q("janssens")).query)
    assert found("janssens") == {households["janssens"].number}
    households["de"].client = ClientFactory(client_number="778812")
    households["de"].save()
    assert found("778812") == {households["janssens"].number, households["de"].number}
    assert found("12") >= {households["janssens"].number}  # shorter than a trigram


@pytest.mark.skipif(connection.vendor != "sqlite", reason="this machine's SQLite")
def test_the_probe_finds_the_tokenizer_of_this_sqlite():
    import sqlite3

    assert sqlite_fts.trigram_available() == (sqlite3.sqlite_version_info >= (3, 34))


def test_the_migration_makes_no_search_table_where_sqlite_cannot(monkeypatch, capsys):
    import importlib
    from types import SimpleNamespace

    migration = importlib.import_module("bereik.dossiers.migrations.0010_search_index")
    executed = []
    editor = SimpleNamespace(
        connection=SimpleNamespace(vendor="sqlite", alias="default"), execute=executed.append
    )
    monkeypatch.setattr(sqlite_fts, "trigram_available", lambda: False)
    migration.forwards(None, editor)
    assert executed == [] and "without its index" in capsys.readouterr().out

    monkeypatch.setattr(sqlite_fts, "trigram_available", lambda: True)
    migration.forwards(None, editor)
    assert any("CREATE VIRTUAL TABLE dossier_search" in sql for sql in executed)
