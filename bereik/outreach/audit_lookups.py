"""How the trail's person search finds the letters a list read showed (a batch's page): by the
household of their dossier."""

from bereik.audit import subjects
from bereik.dossiers.audit_lookups import dossiers_named
from bereik.outreach.models import Letter


def letters_named(text: str):
    return Letter.objects.filter(dossier__in=dossiers_named(text)).values("pk")


subjects.register_lookup("outreach.letter", letters_named)
