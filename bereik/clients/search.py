"""The register's search (`?q=` of the client list): every word must be in the client's last or
first name (any part, any case) or be their client number (in any case).

The names have a trigram index (`bereik.lib.sqlite_fts.TrigramIndex`, migration clients 0005):
at 100,000 clients a substring match read every client, twice a page (the count, then the page).
The trail's person search finds the register's clients with the same index (`audit_lookups`).
"""

from __future__ import annotations

from django.db.models import Q, Value
from django.db.models.functions import Upper
from django.db.models.lookups import Exact

from bereik.lib.sqlite_fts import TrigramIndex

NAMES = TrigramIndex("client_search", "clients_client", ("last_name", "first_name")).declare()
MAX_WORDS = 5


def search_q(text: str) -> Q:
    q = Q()
    for word in text.split()[:MAX_WORDS]:
        either = NAMES.word_q(word)
        # A client number has a digit; a name has none, so for a name the index is the whole
        # condition (an OR with a column that has no such index would read every client).
        if any(char.isdigit() for char in word):
            either |= number_q(word)
        q &= either
    return q


def number_q(word: str) -> Q:
    """The client number `word` in any case ("gent-12a" finds "Gent-12A"), through the index on
    the number in upper case (`client_number_upper`). Both sides upper-cased by the database:
    SQLite's UPPER changes only ASCII letters, Python's every letter ("é")."""
    return Q(Exact(Upper("client_number"), Upper(Value(word))))
