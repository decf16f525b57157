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

from django.db.models import Q, Value
from django.db.models.functions import Upper
from django.db.models.lookups import Exact

from bereik.dossiers.models import Dossier
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
        either = DOSSIERS.word_q(word)
        # A register number has digits; a word without one (a name) is not looked up there, so
        # the name's indexes are the whole condition (an OR with a subquery is a scan on
        # PostgreSQL).
        if any(char.isdigit() for char in word):
            # In any case, through the register's index on the number in upper case (as the
            # register's own search, `clients.search.number_q`).
            number = Exact(Upper("client_number"), Upper(Value(word)))
            either |= Q(client__in=clients.filter(number).values("pk"))
        q &= either
    return q
