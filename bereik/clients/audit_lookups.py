"""How the trail's person search finds the register's clients a list read showed."""

from bereik.audit import subjects
from bereik.clients.models import Client
from bereik.dossiers.audit_lookups import words_q


def clients_named(text: str):
    if not text.split():
        return Client.objects.none().values("pk")
    return Client.objects.filter(words_q(text, "last_name", "first_name")).values("pk")


subjects.register_lookup("clients.client", clients_named)
