"""`TrigramIndex`: its names go into SQL as written, so only plain identifiers are taken; a
search names only the index's own columns; the phrase quotes the user's word."""

import pytest

from bereik.lib.sqlite_fts import TrigramIndex


@pytest.mark.parametrize(
    ("name", "table", "columns"),
    [
        ("x; DROP TABLE y", "t", ("a",)),
        ("x", "t t", ("a",)),
        ("x", "t", ("a", 'b"')),
        ("X", "t", ("a",)),
    ],
)
def test_only_plain_identifiers(name, table, columns):
    with pytest.raises(ValueError, match="identifier"):
        TrigramIndex(name, table, columns)


def test_a_search_names_only_the_index_columns_and_quotes_the_word():
    index = TrigramIndex("people_search", "people", ("last_name", "first_name"))
    assert index.phrase('a"b') == '{last_name first_name} : "a""b"'
    assert index.phrase("jan", ("first_name",)) == '{first_name} : "jan"'
    with pytest.raises(ValueError, match="not a column"):
        index.phrase("jan", ("insz",))
    assert index.triggers == (
        "people_search_insert",
        "people_search_delete",
        "people_search_update",
    )
    assert index.pg_indexes == ("people_search_last_name", "people_search_first_name")


def test_the_migration_operation_makes_and_removes_the_index(monkeypatch):
    from types import SimpleNamespace

    from bereik.lib import sqlite_fts

    index = TrigramIndex("people_search", "people", ("last_name",))
    operation = index.operation()
    assert operation.reversible and not operation.elidable
    executed = []
    editor = SimpleNamespace(
        connection=SimpleNamespace(vendor="sqlite", alias="default"), execute=executed.append
    )
    monkeypatch.setattr(sqlite_fts, "trigram_available", lambda: True)
    operation.code(None, editor)
    assert executed[0].startswith("CREATE VIRTUAL TABLE people_search USING fts5(last_name")
    assert sum(sql.startswith("CREATE TRIGGER") for sql in executed) == 3
    executed.clear()
    operation.reverse_code(None, editor)
    assert executed[-1] == "DROP TABLE IF EXISTS people_search"
    assert sum(sql.startswith("DROP TRIGGER") for sql in executed) == 3
