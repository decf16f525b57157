"""The triage's part of the flow's `arrived` event (dossiers opened or given a new signal)."""

from __future__ import annotations

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier
from bereik.triage.actions.decisions import match_confirm
from bereik.triage.actions.matching import MatchSummary, match_dossiers


def match_arrived(dossier_ids: list[int], *, actor, clients=None, **_event) -> MatchSummary:
    """Match the new or updated dossiers to the register, which triages and assigns them. A
    register client a person recognised when entering a signal by hand (`clients`: dossier id ->
    client id) is linked by hand first, as if confirmed in the queue. The volgende stap is left
    to the event's last subscriber, which works it out once for every dossier that arrived."""
    if clients and getattr(actor, "is_authenticated", False):
        dossiers = Dossier.objects.filter(pk__in=list(clients), client__isnull=True)
        found = Client.objects.in_bulk(list(clients.values()))
        for dossier in dossiers:
            client = found.get(clients[dossier.pk])
            if client is not None:
                match_confirm(dossier, client, actor=actor)
    return match_dossiers(dossier_ids, actor, next_steps=False)
