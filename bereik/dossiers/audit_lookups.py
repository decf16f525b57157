"""How the trail's person search finds the dossiers and signals a list read showed
(`bereik.audit.subjects`): every word of the search in the name, first name or number (of a
dossier: through the worklists' search index)."""

from django.db.models import Q

from bereik.audit import subjects
from bereik.dossiers import search
from bereik.dossiers.models import Dossier, Signal


def words_q(text: str, *fields: str) -> Q:
    """Every word of `text` in one of `fields` (case-insensitive), as a substring scan: for the
    tables without a search index (signals, the register's clients). The dossiers have one:
    `search.indexed_words_q`."""
    q = Q()
    for word in text.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        q &= either
    return q


def dossiers_named(text: str):
    """Through the worklists' search index (`search.indexed_words_q`): at 100,000 dossiers a
    substring match read every dossier (150 ms), twice a page."""
    if not text.split():
        return Dossier.objects.none().values("pk")
    return Dossier.objects.filter(
        search.indexed_words_q(text, ("last_name", "first_name", "number"))
    ).values("pk")


def signals_named(text: str):
    if not text.split():
        return Signal.objects.none().values("pk")
    return Signal.objects.filter(words_q(text, "last_name", "first_name")).values("pk")


subjects.register_lookup("dossiers.dossier", dossiers_named)
subjects.register_lookup("dossiers.signal", signals_named)
