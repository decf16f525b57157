"""How the trail's person search finds the dossiers and signals a list read showed
(`bereik.audit.subjects`): every word of the search in the name, first name or number, through
the search indexes (`search.DOSSIERS`, `search.SIGNALS`). At 100,000 rows each a substring
match read every row (50–150 ms), twice a page."""

from bereik.audit import subjects
from bereik.dossiers import search
from bereik.dossiers.models import Dossier, Signal


def dossiers_named(text: str):
    if not text.split():
        return Dossier.objects.none().values("pk")
    return Dossier.objects.filter(
        search.DOSSIERS.words_q(text, ("last_name", "first_name", "number"))
    ).values("pk")


def signals_named(text: str):
    if not text.split():
        return Signal.objects.none().values("pk")
    return Signal.objects.filter(search.SIGNALS.words_q(text)).values("pk")


subjects.register_lookup("dossiers.dossier", dossiers_named)
subjects.register_lookup("dossiers.signal", signals_named)
