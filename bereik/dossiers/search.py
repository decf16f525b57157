"""The worklists' search (`?q=`): every word must be in the household's last or first name,
the dossier number or the customer number (any part of them, any case), or, when it has a
digit, be the linked client's number.

A substring match cannot use an ordinary index, and at 100,000 dossiers reading all of them
twice a page (the bounded count, then the page) cost 60–90 ms. So (ADR 0029):
- on SQLite an FTS5 table with the trigram tokenizer, `dossier_search`, holds those four
  columns; triggers on `dossiers_dossier` keep it in step with every insert, change and delete
  (bulk inserts and anonymisation included), and a word of three characters or more is looked
  up in it (`MATCH`), which finds exactly the rows that contain it;
- on PostgreSQL trigram GIN indexes (pg_trgm) on the same four columns serve Django's
  `icontains` as it is written.
A word of one or two characters is matched as before (no trigram to look up).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from bereik.dossiers.models import Dossier
from bereik.lib import sqlite_fts

COLUMNS = ("last_name", "first_name", "number", "customer_number")
MAX_WORDS = 5

# Kept by migration dossiers 0010; `TRIGGERS` are checked by a test after every migration, since
# SQLite remakes a table for some schema changes and its triggers go with the old one.
TRIGGERS = ("dossier_search_insert", "dossier_search_delete", "dossier_search_update")


def search_q(text: str) -> Q:
    clients = Dossier._meta.get_field("client").related_model.objects
    q = Q()
    for word in text.split()[:MAX_WORDS]:
        either = _word_q(word)
        # A register number has digits; a word without one (a name) is not looked up there, so
        # the name's indexes are the whole condition (an OR with a subquery is a scan on
        # PostgreSQL).
        if any(char.isdigit() for char in word):
            numbers = sorted({word, word.upper()})
            either |= Q(client__in=clients.filter(client_number__in=numbers).values("pk"))
        q &= either
    return q


def indexed_words_q(text: str, columns: tuple[str, ...]) -> Q:
    """Every word of `text` in one of `columns` (some of COLUMNS), through the same index: the
    trail's person search (`audit_lookups`) finds the dossiers by name and number with it."""
    q = Q()
    for word in text.split():
        q &= _word_q(word, columns)
    return q


def _word_q(word: str, columns: tuple[str, ...] = COLUMNS) -> Q:
    if connection.vendor == "sqlite" and len(word) >= 3 and sqlite_fts.trigram_available():
        return Q(
            pk__in=RawSQL(  # noqa: S611 - fixed SQL; the user's word is a parameter
                "SELECT rowid FROM dossier_search WHERE dossier_search MATCH %s",
                [fts_phrase(word, columns)],
            )
        )
    either = Q()
    for column in columns:
        either |= Q(**{f"{column}__icontains": word})
    return either


def fts_phrase(word: str, columns: tuple[str, ...] = COLUMNS) -> str:
    """An FTS5 query for `word` as a string in any of the columns: a quoted phrase (quotes
    doubled), so no character of the user's text is read as FTS5 syntax."""
    if not set(columns) <= set(COLUMNS):
        raise ValueError(f"not a column of the search table: {columns}")
    quoted = word.replace('"', '""')
    return "{" + " ".join(columns) + '} : "' + quoted + '"'


def purge_erased() -> None:
    """After names were erased (retention): merge the SQLite search table's segments, so the
    trigrams of erased names are gone from the index at once, not kept as deleted entries until
    a later merge. PostgreSQL's indexes drop dead entries with the table's own vacuum."""
    if connection.vendor == "sqlite" and sqlite_fts.trigram_available():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')")
