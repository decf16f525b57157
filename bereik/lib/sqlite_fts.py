"""Substring search through an index (ADR 0029): what `icontains` on a name means, without
reading every row.

A `TrigramIndex` names a table's text columns. On SQLite it is an FTS5 table with the trigram
tokenizer, kept in step with the table by three triggers (inserts, bulk inserts and erasure
included), and a word of three characters or more is looked up in it (`MATCH`), which finds
exactly the rows that contain it. On PostgreSQL it is one trigram GIN index (pg_trgm) per
column on `UPPER(column)`, which serves Django's `icontains` as it is written. A word of one or
two characters, or a SQLite without the trigram tokenizer, is matched by scanning, as before.

The apps declare theirs (`dossiers.search`, `clients.search`); a migration makes it with
`forwards` and `backwards`, given the same name, table and columns.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL


@functools.cache
def trigram_available() -> bool:
    """Whether this machine's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 and
    later, as built by most systems). Without it the migrations make no search table and the
    search matches as before. Asked of an in-memory database: no query of Bereik's."""
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
        finally:
            probe.close()
    except sqlite3.OperationalError:
        return False
    return True


_declared: dict[str, TrigramIndex] = {}
_erased_by_retention: set[str] = set()
_tables_made: set[tuple[str, str]] = set()
# The shortest word a trigram index finds: a shorter one is matched on every row.
TRIGRAM = 3

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class TrigramIndex:
    name: str  # the FTS5 table, prefix of its triggers and of the PostgreSQL indexes
    table: str
    columns: tuple[str, ...]

    def __post_init__(self):
        # The names go into SQL as written (identifiers cannot be parameters): code's own
        # constants, checked to be plain identifiers.
        for identifier in (self.name, self.table, *self.columns):
            if not IDENTIFIER.fullmatch(identifier):
                raise ValueError(f"not a plain SQL identifier: {identifier!r}")

    def declare(self, *, erased_by_retention: bool = True) -> TrigramIndex:
        """Made known to the test that the triggers outlive every migration, and, when the
        retention run erases names in its table, to `optimize_all`."""
        _declared[self.name] = self
        if erased_by_retention:
            _erased_by_retention.add(self.name)
        return self

    @property
    def triggers(self) -> tuple[str, ...]:
        return tuple(f"{self.name}_{event}" for event in ("insert", "delete", "update"))

    @property
    def pg_indexes(self) -> tuple[str, ...]:
        return tuple(f"{self.name}_{column}" for column in self.columns)

    def words_q(self, text: str, columns: tuple[str, ...] | None = None) -> Q:
        """Every word of `text` in one of `columns` (default: all), any part, any case."""
        q = Q()
        for word in text.split():
            q &= self.word_q(word, columns)
        return q

    def word_q(self, word: str, columns: tuple[str, ...] | None = None) -> Q:
        rowids = self.word_rowids(word, columns)
        if rowids is not None:
            return Q(pk__in=rowids)
        either = Q()
        columns = columns or self.columns
        for column in columns:
            either |= Q(**{f"{column}__icontains": word})
        return either

    def word_rowids(self, word: str, columns: tuple[str, ...] | None = None) -> RawSQL | None:
        """The ids of the rows with `word` in one of `columns`, as a subquery of the SQLite
        table; None where that table does not serve (PostgreSQL, a word under three characters,
        no trigram tokenizer): `word_q` then filters the columns themselves."""
        if connection.vendor == "sqlite" and len(word) >= TRIGRAM and self._table_made():
            return RawSQL(  # noqa: S611 - checked identifiers; the user's word is a parameter
                f"SELECT rowid FROM {self.name} WHERE {self.name} MATCH %s",  # noqa: S608
                [self.phrase(word, columns)],
            )
        return None

    def phrase(self, word: str, columns: tuple[str, ...] | None = None) -> str:
        """An FTS5 query for `word` as a string in any of `columns`: a quoted phrase (quotes
        doubled), so no character of the user's text is read as FTS5 syntax."""
        columns = columns or self.columns
        if not set(columns) <= set(self.columns):
            raise ValueError(f"not a column of {self.name}: {columns}")
        quoted = word.replace('"', '""')
        return "{" + " ".join(columns) + '} : "' + quoted + '"'

    def _table_made(self) -> bool:
        """Whether this SQLite database has the table: its migration made none where SQLite
        had no trigram tokenizer, and SQLite may have been upgraded since. Asked once a process
        and database (only a "yes" is kept), on the driver's connection: not one of the page's
        queries."""
        if not trigram_available():
            return False
        key = (connection.settings_dict["NAME"], self.name)
        if key in _tables_made:
            return True
        connection.ensure_connection()
        found = connection.connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (self.name,)
        ).fetchone()
        if found:
            _tables_made.add(key)
        return found is not None

    def optimize(self) -> None:
        """After names were erased: merge the SQLite table's segments, so the trigrams of
        erased names leave the index at once, not kept as deleted entries until a later merge.
        PostgreSQL's indexes drop dead entries with the table's own vacuum."""
        if connection.vendor == "sqlite" and self._table_made():
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {self.name}({self.name}) VALUES ('optimize')")  # noqa: S608

    # The migration's two steps (RunPython), the SQL made from the name, table and columns.

    def operation(self):
        """The migration's operation: `operations = [INDEX.operation()]`, with the index's
        name, table and columns written out in the migration (not the app's, which may change)."""
        from django.db import migrations

        return migrations.RunPython(
            lambda apps, schema_editor: self.forwards(schema_editor),
            lambda apps, schema_editor: self.backwards(schema_editor),
            elidable=False,
        )

    def forwards(self, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            if not trigram_available():
                print(  # noqa: T201 - shown by migrate
                    f"\n  This SQLite has no FTS5 trigram tokenizer (SQLite 3.34 or later has "
                    f"it): the search in {self.table} works without its index."
                )
                return
            for sql in self._sqlite_forwards():
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            try:
                with transaction.atomic(using=schema_editor.connection.alias):
                    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as error:  # noqa: BLE001 - a missing right, reported, not fatal
                print(  # noqa: T201 - shown by migrate
                    f"\n  The search in {self.table} works without its index: this database "
                    f"user may not create the extension pg_trgm ({error}). Ask the database "
                    "administrator to run CREATE EXTENSION pg_trgm;, then migrate this app "
                    "back one migration and forward again."
                )
                return
            for column, index in zip(self.columns, self.pg_indexes, strict=True):
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {index} ON {self.table} "
                    f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
                )

    def backwards(self, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for trigger in self.triggers:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {self.name}")
        elif vendor == "postgresql":
            for index in self.pg_indexes:
                schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    def _sqlite_forwards(self) -> list[str]:
        name, table = self.name, self.table
        columns = ", ".join(self.columns)
        new = ", ".join(f"new.{column}" for column in self.columns)
        old = ", ".join(f"old.{column}" for column in self.columns)
        insert, delete, update = self.triggers
        # Checked identifiers only (__post_init__), no value: nothing here comes from a user.
        add = f"INSERT INTO {name}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
        remove = (
            f"INSERT INTO {name}({name}, rowid, {columns}) "  # noqa: S608
            f"VALUES ('delete', old.id, {old});"
        )
        return [
            f"CREATE VIRTUAL TABLE {name} USING fts5({columns}, "
            f"content='{table}', content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER {insert} AFTER INSERT ON {table} BEGIN {add} END",
            f"CREATE TRIGGER {delete} AFTER DELETE ON {table} BEGIN {remove} END",
            f"CREATE TRIGGER {update} AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {remove} {add} END",
            f"INSERT INTO {name}({name}) VALUES ('rebuild')",  # noqa: S608
        ]


def declared() -> list[TrigramIndex]:
    return list(_declared.values())


def erased_by_retention() -> list[TrigramIndex]:
    return [index for name, index in _declared.items() if name in _erased_by_retention]


def optimize_all() -> None:
    """After erasure (retention): every index of a table the retention erases names in, merged
    (`TrigramIndex.optimize`)."""
    for index in erased_by_retention():
        index.optimize()
