"""How the trail's person search finds the register's clients a list read showed: every word in
the name or first name, through the register's search index (`search.NAMES`)."""

from bereik.audit import subjects
from bereik.clients import search
from bereik.clients.models import Client


def clients_named(text: str):
    if not text.split():
        return Client.objects.none().values("pk")
    return Client.objects.filter(search.NAMES.words_q(text)).values("pk")


subjects.register_lookup("clients.client", clients_named)
