"""Closing a dossier with an outcome, reopening it, and the aftercare tasks after a closing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log, dossier_set_status, task_create
from bereik.dossiers.models import Dossier
from bereik.followup.models import AftercareRule, AftercareTask, Closure, OutcomeCode
from bereik.followup.rules import months_before
from bereik.triage.actions.routes import consultations_end


@transaction.atomic
def dossier_close(dossier: Dossier, *, outcome: OutcomeCode, note: str = "", actor) -> Closure:
    """Close the dossier with an outcome code (stored in Dossier.outcome) and a note."""
    if not dossier.is_open:
        raise ValidationError(_("Dit dossier is al afgesloten."))
    if not outcome.active:
        raise ValidationError({"outcome": _("Deze uitkomst wordt niet meer gebruikt.")})
    note = note.strip()
    if outcome.note_required and not note:
        raise ValidationError({"note": _("Bij deze uitkomst is een toelichting verplicht.")})
    dossier.outcome = outcome.code
    dossier.save(update_fields=["outcome", "updated_at"])
    dossier_set_status(dossier, Dossier.Status.CLOSED, actor=actor)
    # A closed dossier needs no overleg on who makes contact (and the former worker's access
    # ends with it: ADR 0031).
    consultations_end(dossier, actor=actor, reason=_("Het dossier is afgesloten."))
    closure = Closure.objects.create(
        dossier=dossier,
        outcome=outcome,
        note=note,
        closed_at=dossier.closed_at,
        closed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    dossier_log(
        dossier,
        "closure",
        _("Afgesloten met uitkomst: %(outcome)s") % {"outcome": outcome.name},
        actor=actor,
        text=note,
        data={"outcome": outcome.code, "closure": closure.pk},
    )
    audit.record("dossier.close", actor=actor, obj=dossier, details={"outcome": outcome.code})
    return closure


@transaction.atomic
def dossier_reopen(dossier: Dossier, *, reason: str, actor) -> Dossier:
    """Reopen a closed dossier, with a reason; the closing stays in the history."""
    if dossier.is_open:
        raise ValidationError(_("Dit dossier is niet afgesloten."))
    if dossier.anonymised_at is not None:
        raise ValidationError(
            _("Dit dossier is geanonimiseerd na zijn bewaartermijn: open een nieuw dossier.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden om het dossier te heropenen.")})
    status = Dossier.Status.REACHED if dossier.reached_on else Dossier.Status.IN_PROGRESS
    dossier_set_status(dossier, status, actor=actor, reason=reason)
    dossier.outcome = ""
    dossier.save(update_fields=["outcome", "updated_at"])
    dossier.closures.filter(reopened_at=None).update(
        reopened_at=timezone.now(),
        reopened_by=actor if getattr(actor, "is_authenticated", False) else None,
        reopen_reason=reason,
    )
    audit.record("dossier.reopen", actor=actor, obj=dossier)
    steps.refresh_one(dossier)
    return dossier


@transaction.atomic
def aftercare_tasks_create(*, actor=None, today: datetime.date | None = None) -> list:
    """For each active aftercare rule: a 'contact again' task for the worker of every dossier
    closed with one of the rule's outcomes at least `months` months ago and not reopened since.
    Each closing gets one task per rule, however often this runs."""
    today = today or timezone.localdate()
    tasks = []
    for rule in AftercareRule.objects.filter(active=True).prefetch_related("outcomes"):
        outcome_ids = [outcome.pk for outcome in rule.outcomes.all()]
        if not outcome_ids:
            continue
        cutoff = months_before(today, rule.months)
        closures = (
            Closure.objects.filter(
                outcome_id__in=outcome_ids,
                reopened_at=None,
                closed_at__date__lte=cutoff,
                dossier__status=Dossier.Status.CLOSED,
            )
            .exclude(aftercare__rule=rule)
            .select_related("dossier", "dossier__assigned_to", "closed_by", "outcome")
        )
        for closure in closures:
            dossier = closure.dossier
            assignee = dossier.assigned_to
            if assignee is None or not assignee.is_active:
                assignee = closure.closed_by
            task = task_create(
                dossier,
                description=rule.task_description,
                assignee=assignee,
                due_date=today,
                source="nazorg",
                actor=actor,
            )
            AftercareTask.objects.create(closure=closure, rule=rule, task=task)
            tasks.append(task)
    if tasks:
        audit.record("aftercare.tasks", actor=actor, details={"tasks": len(tasks)})
    return tasks
