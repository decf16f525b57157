"""Contact attempts: recorded, corrected (a new version replaces the old one) or struck. Nothing
is deleted."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import locking
from bereik.outreach import queries
from bereik.outreach.actions.reach import outreach_refresh
from bereik.outreach.actions.shared import attempt_summary, user_or_none
from bereik.outreach.actions.visits import complete_planned_visit
from bereik.outreach.models import ContactAttempt, Letter, PlannedVisit


@transaction.atomic
def attempt_record(
    dossier: Dossier,
    *,
    kind: str,
    date: datetime.date,
    part_of_day: str,
    result: str,
    note: str = "",
    performed_by=None,
    letter: Letter | None = None,
    actor,
) -> ContactAttempt:
    if kind not in dict(ContactAttempt.Kind.choices) or result not in dict(
        ContactAttempt.Result.choices
    ):
        raise ValidationError(_("Onbekende soort contact of onbekend resultaat."))
    now = timezone.now()
    attempt = ContactAttempt.objects.create(
        dossier=dossier,
        kind=kind,
        date=date,
        part_of_day=part_of_day,
        result=result,
        note=note.strip(),
        performed_by=performed_by,
        letter=letter,
        recorded_at=now,
        created_at=now,
        created_by=user_or_none(actor),
    )
    complete_planned_visit(attempt)
    dossier_log(
        dossier,
        "contact",
        attempt_summary(attempt),
        actor=actor,
        text=attempt.note,
        data={"attempt": attempt.pk, "kind": kind, "result": result},
    )
    audit.record(
        "contact_attempt.create", actor=actor, obj=attempt, details={"kind": kind, "result": result}
    )
    outreach_refresh(dossier, actor=actor)
    return attempt


@transaction.atomic
def attempt_correct(attempt: ContactAttempt, *, reason: str, actor, **fields) -> ContactAttempt:
    """Replace an attempt by a corrected version; the old one stays in the history."""
    attempt = ContactAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_current:
        # Someone corrected it since the form was loaded: the correction is refused, with the
        # version that is current now (none when it was struck).
        current = queries.current_version(attempt)
        if current is not None:
            raise locking.StaleEdit(current)
        raise ValidationError(_("Deze contactpoging werd al gecorrigeerd of geschrapt."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor de correctie.")})
    allowed = {"kind", "date", "part_of_day", "result", "note", "performed_by"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"attempt_correct: unknown fields {sorted(unknown)}")
    attempt.is_current = False
    attempt.save(update_fields=["is_current"])
    values = {name: getattr(attempt, name) for name in allowed}
    values.update(fields)
    corrected = ContactAttempt.objects.create(
        dossier=attempt.dossier,
        letter=attempt.letter,
        replaces=attempt,
        correction_reason=reason,
        recorded_at=attempt.recorded_at,
        created_at=timezone.now(),
        created_by=user_or_none(actor),
        **values,
    )
    PlannedVisit.objects.filter(attempt=attempt).update(attempt=corrected)
    dossier_log(
        attempt.dossier,
        "contact",
        _("Contactpoging gecorrigeerd: %(summary)s") % {"summary": attempt_summary(corrected)},
        actor=actor,
        text=reason,
        data={"attempt": corrected.pk, "replaces": attempt.pk},
    )
    audit.record(
        "contact_attempt.correct",
        actor=actor,
        obj=corrected,
        details={"replaces": attempt.pk, "fields": sorted(fields)},
    )
    outreach_refresh(attempt.dossier, actor=actor)
    return corrected


@transaction.atomic
def attempt_withdraw(attempt: ContactAttempt, *, reason: str, actor) -> ContactAttempt:
    """Strike an attempt entered by mistake. It stays visible in the history, with the reason."""
    attempt = ContactAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_current:
        raise ValidationError(_("Deze contactpoging werd al gecorrigeerd of geschrapt."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden om de contactpoging te schrappen.")})
    attempt.is_current = False
    attempt.withdrawn_reason = reason
    attempt.withdrawn_at = timezone.now()
    attempt.save(update_fields=["is_current", "withdrawn_reason", "withdrawn_at"])
    PlannedVisit.objects.filter(attempt=attempt).update(
        attempt=None, status=PlannedVisit.Status.PLANNED
    )
    if attempt.letter_id:
        # The letter's sending was the attempt: it counts as not sent any more.
        Letter.objects.filter(pk=attempt.letter_id).update(sent_on=None, sent_by=None)
    dossier_log(
        attempt.dossier,
        "contact",
        _("Contactpoging geschrapt: %(summary)s") % {"summary": attempt_summary(attempt)},
        actor=actor,
        text=reason,
        data={"attempt": attempt.pk},
    )
    audit.record("contact_attempt.withdraw", actor=actor, obj=attempt)
    outreach_refresh(attempt.dossier, actor=actor)
    return attempt
