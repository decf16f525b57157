"""Which actions of a company's weekly report open a dossier for a household without one
(Beheer → Acties van het weekrapport; the rule is in `bereik.intake.weekly`)."""

from __future__ import annotations

from django.db import transaction

from bereik import audit
from bereik.intake.actions.common import user_or_none
from bereik.intake.models import WeeklyAction
from bereik.intake.rules import action_key


@transaction.atomic
def weekly_actions_save(choices: dict[str, bool], *, actor) -> list[str]:
    """`choices`: action (as the report writes it) -> opens a dossier. Returns the actions whose
    choice changed."""
    existing = {action.key: action for action in WeeklyAction.objects.select_for_update()}
    changed = []
    for label, opens in choices.items():
        key = action_key(label)
        if not key:
            continue
        action = existing.get(key)
        if action is None:
            WeeklyAction.objects.create(
                key=key,
                label=label.strip()[:200],
                opens_dossier=opens,
                updated_by=user_or_none(actor),
            )
            changed.append(label)
        elif action.opens_dossier != opens:
            action.opens_dossier, action.updated_by = opens, user_or_none(actor)
            action.save(update_fields=["opens_dossier", "updated_by", "updated_at"])
            changed.append(label)
    if changed:
        audit.record(
            "weekly_actions.save",
            actor=actor,
            details={"changed": {label: choices[label] for label in changed}},
        )
    return changed
