"""Writes of the beheerder's lists: rights and their groups, outcome codes, external
organisations, the Energie- en Watercel checklist and the aftercare rules."""

from django.db import transaction

from bereik import audit
from bereik.followup.models import OutcomeCode
from bereik.followup.queries import free_outcome_code
from bereik.lib import locking


@transaction.atomic
def config_item_save(item, *, actor, outcomes=None, version: str | None = None):
    """Create or update an item of one of the beheerder's lists. A new outcome code gets a fixed
    `code` made from its name; `outcomes` sets the outcomes of an aftercare rule."""
    created = item.pk is None
    if not created:
        locking.check(item, version)
    if isinstance(item, OutcomeCode) and not item.code:
        item.code = free_outcome_code(item.name)
    item.save()
    if outcomes is not None:
        item.outcomes.set(outcomes)
    verb = "create" if created else "update"
    audit.record(
        f"followup.{item._meta.model_name}.{verb}",
        actor=actor,
        obj=item,
        details={"active": item.active},
    )
    return item
