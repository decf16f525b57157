"""The dossier's reached date, status and volgende stap, kept in line with the attempts."""

from __future__ import annotations

from django.db import transaction

from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_set_status
from bereik.dossiers.models import Dossier
from bereik.outreach import next_step, rules


def reached_and_status_sync(dossier: Dossier, situation: next_step.Situation, *, actor) -> bool:
    """Store what the attempts say of reached_on and the status, when they differ (the status
    moves with a timeline entry). Returns whether anything changed."""
    reached, status, reason = rules.reached_and_status(dossier, situation)
    if dossier.reached_on != reached:
        dossier.reached_on = reached
        dossier.save(update_fields=["reached_on", "updated_at"])
    if status is not None:
        dossier_set_status(dossier, status, actor=actor, reason=reason)
    return dossier.reached_on != reached or status is not None


@transaction.atomic
def outreach_refresh(dossier: Dossier, *, actor) -> None:
    """Bring reached_on, the status and the volgende stap in line with the attempts, letters and
    visits (`bereik.dossiers.next_step` asks the contact rule, which reads the same facts)."""
    # Callers may hold an instance another action already changed: start from the database.
    steps.refresh_one(dossier, actor=actor)
