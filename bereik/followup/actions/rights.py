"""The algemeen rechtenonderzoek and the support requests (steunaanvragen): the Onthaalteam's own
help."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.followup.models import RightCheck, RightItem, SupportRequest
from bereik.followup.rules import limited_to_onthaal_tasks
from bereik.lib import locking
from bereik.lib.documents import format_amount as euro

# --- Algemeen rechtenonderzoek -----------------------------------------------------------------


@transaction.atomic
def rights_update(
    dossier: Dossier,
    changes: dict,
    *,
    actor,
    rest_to_check: bool = False,
    loaded: dict | None = None,
) -> list[RightCheck]:
    """Set the status and note of rights: `changes` maps RightItem id -> (status, note). A right
    without status is left out of the investigation; unchanged rights are not touched. With
    `rest_to_check`, every right of the checklist the dossier has no status for afterwards is set
    to "na te gaan". One timeline entry and one audit event for all of it."""
    valid = dict(RightCheck.Status.choices)
    # One writer per dossier at a time: two workers saving at once don't both create a right.
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True))
    existing = {check.item_id: check for check in dossier.right_checks.all()}
    items = RightItem.objects.in_bulk(list(changes))
    # `loaded`: what the worker's page showed of each right she changed. A right someone else
    # changed since then is not overwritten: StaleEdit with both versions (bereik.lib.locking).
    stale = []
    for item_id, shown in (loaded or {}).items():
        check = existing.get(item_id)
        stored = (check.status, check.note) if check else ("", "")
        if item_id in changes and item_id in items and tuple(shown) != stored:
            stale.append((items[item_id], stored, changes[item_id]))
    if stale:
        raise locking.StaleEdit(stale)
    changed = []
    for item_id, (status, note) in changes.items():
        item = items.get(item_id)
        if item is None:
            raise ValidationError(_("Onbekend recht."))
        note = (note or "").strip()
        check = existing.get(item_id)
        if not status:
            if check is not None:
                check.delete()
                del existing[item_id]
                changed.append(check)
            continue
        if status not in valid:
            raise ValidationError(_("Onbekende status voor %(right)s.") % {"right": item.name})
        if check is None:
            if not item.active:
                raise ValidationError(
                    _("'%(right)s' wordt niet meer gebruikt.") % {"right": item.name}
                )
            check = RightCheck(dossier=dossier, item=item)
        elif check.status == status and check.note == note:
            continue
        check.status, check.note = status, note
        check.updated_at, check.updated_by = timezone.now(), actor
        check.save()
        existing[item_id] = check
        changed.append(check)
    marked = _mark_rest_to_check(dossier, set(existing), actor) if rest_to_check else []
    if marked:  # a right cleared here and marked "na te gaan" counts once, as marked
        marked_ids = {check.item_id for check in marked}
        changed = [check for check in changed if check.pk or check.item_id not in marked_ids]
    if changed or marked:
        _log_rights(dossier, changed, marked, actor=actor)
    steps.refresh_one(dossier)
    return changed + marked


def _mark_rest_to_check(dossier: Dossier, checked_ids: set, actor) -> list[RightCheck]:
    now = timezone.now()
    rest = RightItem.objects.filter(active=True, group__active=True).exclude(pk__in=checked_ids)
    return RightCheck.objects.bulk_create(
        RightCheck(
            dossier=dossier,
            item=item,
            status=RightCheck.Status.TO_CHECK,
            updated_at=now,
            updated_by=actor,
        )
        for item in rest.select_related("group")
    )


def _log_rights(dossier: Dossier, changed: list, marked: list, *, actor) -> None:
    applied = [c.item.name for c in changed if c.pk and c.status == RightCheck.Status.APPLIED]
    count = len(changed) + len(marked)
    summary = ngettext(
        "Rechtenonderzoek bijgewerkt: %(count)s recht",
        "Rechtenonderzoek bijgewerkt: %(count)s rechten",
        count,
    ) % {"count": count}
    lines = [
        f"{check.item.name}: {check.get_status_display() if check.pk else '—'}"
        + (f" ({check.note})" if check.note and check.pk else "")
        for check in changed
    ]
    if marked:
        lines.append(
            ngettext(
                "%(count)s nog niet bekeken recht op 'na te gaan' gezet",
                "%(count)s nog niet bekeken rechten op 'na te gaan' gezet",
                len(marked),
            )
            % {"count": len(marked)}
        )
    dossier_log(
        dossier, "rights", summary, actor=actor, text="\n".join(lines), data={"applied": applied}
    )
    audit.record(
        "rights.update",
        actor=actor,
        obj=dossier,
        details={"items": [check.item_id for check in changed + marked]},
    )


# --- Support requests --------------------------------------------------------------------------


@transaction.atomic
def support_request_create(
    dossier: Dossier,
    *,
    amount,
    purpose: str,
    submitted_on: datetime.date,
    in_trajectory: bool = False,
    actor,
) -> SupportRequest:
    if in_trajectory and limited_to_onthaal_tasks(actor):
        raise ValidationError(
            {
                "in_trajectory": _(
                    "Een steunaanvraag binnen een traject hoort niet bij de opvolging door de "
                    "preventiewerker: verwijs het dossier intern door naar Trajectbegeleiding."
                )
            }
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Geef een bedrag groter dan nul.")})
    support = SupportRequest.objects.create(
        dossier=dossier,
        amount=amount,
        purpose=purpose,
        submitted_on=submitted_on,
        in_trajectory=in_trajectory,
        created_by=actor,
    )
    dossier_log(
        dossier,
        "support",
        _("Steunaanvraag ingediend: %(amount)s voor %(purpose)s")
        % {"amount": euro(amount), "purpose": purpose},
        actor=actor,
        data={"support": support.pk},
    )
    audit.record("support.create", actor=actor, obj=support)
    steps.refresh_one(dossier)
    return support


@transaction.atomic
def support_request_decide(
    support: SupportRequest,
    *,
    decision: str,
    decision_date: datetime.date | None,
    note: str = "",
    actor,
    version: str | None = None,
) -> SupportRequest:
    locking.check(support, version)
    if decision not in dict(SupportRequest.Decision.choices):
        raise ValidationError({"decision": _("Onbekende beslissing.")})
    if decision != SupportRequest.Decision.PENDING and decision_date is None:
        raise ValidationError({"decision_date": _("Geef de datum van de beslissing.")})
    support.decision = decision
    support.decision_date = decision_date if decision != SupportRequest.Decision.PENDING else None
    support.decision_note = note
    support.save(update_fields=["decision", "decision_date", "decision_note"])
    dossier_log(
        support.dossier,
        "support",
        _("Steunaanvraag %(decision)s: %(amount)s voor %(purpose)s")
        % {
            "decision": support.get_decision_display(),
            "amount": euro(support.amount),
            "purpose": support.purpose,
        },
        actor=actor,
        text=note,
        data={"support": support.pk, "decision": decision},
    )
    audit.record("support.decide", actor=actor, obj=support, details={"decision": decision})
    steps.refresh_one(support.dossier)
    return support
