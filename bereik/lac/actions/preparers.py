"""Who prepares each dossier on the agenda: set by hand, refreshed from the dossiers' current
worker, or following a dossier that changed hands or route. A new preparer hears of it once per
session and batch."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.lac.actions.notices import notify_preparers
from bereik.lac.models import AgendaItem, Session
from bereik.lac.rules import PreparerRules, assert_open
from bereik.lib import locking
from bereik.lib.idlists import Ids


@transaction.atomic
def agenda_item_set_preparer(
    item: AgendaItem, preparer, *, actor, version: str | None = None
) -> AgendaItem:
    """Set the preparer by hand; automatic updates leave such an item alone from then on.
    `version`: the item as the picker showed it; StaleEdit when its preparer changed in between
    (someone else chose one, or the agenda's update followed the dossier) (ADR 0025)."""
    if version:
        item = locking.check(item, version)
    return agenda_items_set_preparer([item], preparer, actor=actor)[0]


@transaction.atomic
def agenda_items_set_preparer(items, preparer, *, actor) -> list[AgendaItem]:
    """Set the preparer of several items by hand at once (dividing a session's dossiers): the
    preparer hears of them in one notification per session, not one per dossier."""
    items = list(items)
    for session in {item.session for item in items}:
        assert_open(session)
    changed = []
    for item in items:
        old = item.preparer
        item.preparer = preparer
        item.preparer_set_by_hand = True
        item.save(update_fields=["preparer", "preparer_set_by_hand"])
        if preparer != old:
            summary = _("Voorbereiding LAC: %(name)s") % {"name": preparer or _("niemand")}
            dossier_log(item.dossier, "lac.preparer", summary, actor=actor, data={"item": item.pk})
            changed.append(item)
        audit.record(
            "lac.agenda.preparer",
            actor=actor,
            obj=item,
            details={"preparer": getattr(preparer, "pk", None)},
        )
    notify_preparers(changed, added_by=actor)
    return items


@transaction.atomic
def agenda_refresh_preparers(session: Session, *, actor) -> int:
    """Follow the dossiers' current assignment for the preparers not set by hand ("bijwerken").
    The new preparers hear of it while the session is still to come."""
    assert_open(session)
    rules = PreparerRules.load()
    changed = []
    items = session.items.filter(preparer_set_by_hand=False).select_related(
        "session", *AgendaItem.PREPARER_RELATED
    )
    for item in items:
        preparer = rules.preparer_for(item.dossier)
        if preparer != item.preparer:
            item.preparer = preparer
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["preparer"])
    if changed:
        if not session.is_past:
            notify_preparers(changed, added_by=actor)
        audit.record(
            "lac.agenda.preparers",
            actor=actor,
            obj=session,
            details={"items": [item.pk for item in changed]},
        )
    return len(changed)


@transaction.atomic
def agenda_preparers_follow(dossier_ids=None, *, actor) -> list[AgendaItem]:
    """After dossiers changed hands or route (a reassignment, the register showing route A): the
    items of open sessions still to come whose preparer was not set by hand get the preparer
    `AgendaItem.current_preparer` names, and each new preparer hears of them in one notification
    per session. The former preparer hears nothing; locked and past sessions are left as they
    are. Idempotent: the stored preparer is the current one afterwards, so nobody hears twice.

    `dossier_ids`: only the items of these dossiers (None: every coming session). The import's
    placement and `agenda_fill_from_imports` (`lac_fill_agenda`, daily) call it, and the dossiers
    app calls it through `bereik.dossiers.handover` when a worker or route changes."""
    items = AgendaItem.objects.filter(
        preparer_set_by_hand=False,
        session__closed_at__isnull=True,
        session__date__gte=timezone.localdate(),
    )
    if dossier_ids is not None:
        items = items.filter(dossier_id__in=Ids(dossier_ids))
    changed = []
    for item in items.select_related("session", "session__company", *AgendaItem.PREPARER_RELATED):
        preparer = item.current_preparer
        if preparer != item.preparer:
            item.preparer = preparer
            changed.append(item)
    if not changed:
        return []
    AgendaItem.objects.bulk_update(changed, ["preparer"])
    notify_preparers(changed, added_by=actor)
    audit.record(
        "lac.agenda.preparers",
        actor=actor,
        details={
            "items": [item.pk for item in changed],
            "preparers": [item.preparer_id for item in changed],
        },
    )
    return changed
