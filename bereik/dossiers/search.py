"""The worklists' search (`?q=`): every word must be in the household's last or first name,
the dossier number or the customer number (any part of them, any case), or, when it has a
digit, be the linked client's number.

A substring match cannot use an ordinary index, and at 100,000 dossiers reading all of them
twice a page (the bounded count, then the page) cost 60–90 ms. So the four columns have a
trigram index (`bereik.lib.sqlite_fts.TrigramIndex`, ADR 0029): on SQLite the FTS5 table
`dossier_search` kept by triggers (migration dossiers 0010), on PostgreSQL trigram GIN indexes.
The signals' names have one too (`SIGNALS`, migration dossiers 0011), for the trail's person
search (`audit_lookups`).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django.db.models.lookups import Exact

from bereik.dossiers.models import Dossier
from bereik.lib import sqlite_fts
from bereik.lib.idlists import AnyOf
from bereik.lib.sqlite_fts import TrigramIndex

COLUMNS = ("last_name", "first_name", "number", "customer_number")
MAX_WORDS = 5

# Made by migration dossiers 0010 (its SQL written out there) and 0011; their triggers are
# checked by a test after every migration, since SQLite remakes a table for some schema changes
# and its triggers go with the old one.
DOSSIERS = TrigramIndex("dossier_search", "dossiers_dossier", COLUMNS).declare()
SIGNALS = TrigramIndex("signal_search", "dossiers_signal", ("last_name", "first_name")).declare()


def search_q(text: str) -> Q:
    clients = Dossier._meta.get_field("client").related_model.objects
    q = Q()
    for word in text.split()[:MAX_WORDS]:
        # A register number has digits; a word without one (a name) is not looked up there, so
        # the name's indexes are the whole condition.
        if any(char.isdigit() for char in word):
            # In any case, through the register's index on the number in upper case (as the
            # register's own search, `clients.search.number_q`).
            number = Exact(Upper("client_number"), Upper(Value(word)))
            q &= _in_columns_or_client(word, clients.filter(number).values("pk"))
        else:
            q &= DOSSIERS.word_q(word)
    return q


def _in_columns_or_client(word: str, client_ids: QuerySet) -> Q:
    """The dossiers with `word` in their columns or as their client's number, each way read
    through its index where the word is long enough for the trigram index. ORed with
    `client_id IN (subquery)`, both databases tested every dossier against both ways (at
    100,000 dossiers a number's search 37-40 ms on SQLite and 110-116 ms on PostgreSQL, a
    name's 23 and 30):
    - on SQLite, a union of the ids the search table and the client's index give;
    - elsewhere (PostgreSQL, or SQLite without the trigram tokenizer), the client's part as an
      array (`AnyOf`), which PostgreSQL's bitmap ORs with the columns' trigram indexes; it
      still reads the table in order instead when the word is in most rows (a year), where a
      union would gather them all before the page's limit.
    A shorter word is matched on every row whichever way it is said."""
    if len(word) < sqlite_fts.TRIGRAM:
        return DOSSIERS.word_q(word) | Q(client__in=client_ids)
    rowids = DOSSIERS.word_rowids(word)
    if rowids is None:
        return DOSSIERS.word_q(word) | Q(AnyOf(F("client_id"), client_ids.order_by()))
    by_client = Dossier.objects.filter(client__in=client_ids).values("pk").order_by()
    sql, params = by_client.query.get_compiler(using=by_client.db).as_sql()
    return Q(pk__in=RawSQL(f"{rowids.sql} UNION ALL {sql}", (*rowids.params, *params)))  # noqa: S611 - SQL made here and by the ORM, the word a parameter
