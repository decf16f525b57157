"""Writes on dossiers. Every function takes `actor=`, runs in a transaction and leaves an audit
event; those that matter to the people following the dossier also leave a timeline event."""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import grouped_mails, notify
from bereik.accounts.models import Notification
from bereik.dossiers import alerts
from bereik.dossiers.models import Dossier, DossierEvent, Task


def next_dossier_numbers(count: int) -> list[str]:
    """`count` new dossier numbers of this year: YYYY-000001. Call inside a transaction."""
    year = timezone.localdate().year
    prefix = f"{year}-"
    last = (
        Dossier.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    start = int(last.split("-")[1]) + 1 if last else 1
    return [f"{prefix}{n:06d}" for n in range(start, start + count)]


def dossier_log(
    dossier: Dossier,
    kind: str,
    summary: str,
    *,
    actor,
    text: str = "",
    data: dict | None = None,
    restricted_to_team=None,
    at=None,
) -> DossierEvent:
    """Add an entry to the dossier's timeline. Used by the actions of every app."""
    return DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        summary=summary[:300],
        text=text,
        data=data or {},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        restricted_to_team=restricted_to_team,
        at=at or timezone.now(),
    )


@transaction.atomic
def dossier_set_status(dossier: Dossier, status: str, *, actor, reason: str = "") -> Dossier:
    """Move a dossier along its pipeline; other moves are refused with a clear message."""
    if status == dossier.status:
        return dossier
    if not dossier.can_move_to(status):
        raise ValidationError(
            _("Een dossier met status '%(old)s' kan niet naar '%(new)s'.")
            % {"old": dossier.get_status_display(), "new": dict(Dossier.Status.choices)[status]}
        )
    if dossier.status == Dossier.Status.CLOSED and not reason.strip():
        raise ValidationError(_("Geef een reden om het dossier te heropenen."))
    old = dossier.get_status_display()
    dossier.status = status
    dossier.closed_at = timezone.now() if status == Dossier.Status.CLOSED else None
    dossier.save(update_fields=["status", "closed_at", "updated_at"])
    summary = _("Status: %(old)s → %(new)s") % {"old": old, "new": dossier.get_status_display()}
    dossier_log(dossier, "status", summary, actor=actor, text=reason)
    audit.record("dossier.status", actor=actor, obj=dossier, details={"status": status})
    return dossier


@transaction.atomic
def task_create(
    dossier: Dossier,
    *,
    description: str,
    assignee,
    due_date=None,
    source: str = "",
    actor,
) -> Task:
    task = Task.objects.create(
        dossier=dossier,
        description=description,
        assignee=assignee,
        due_date=due_date,
        source=source,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    summary = _("Taak: %(description)s") % {"description": description}
    dossier_log(dossier, "task", summary, actor=actor, data={"task": task.pk})
    audit.record("task.create", actor=actor, obj=task, subject=dossier.audit_subject())
    return task


@transaction.atomic
def task_complete(task: Task, *, actor) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        summary = _("Taak afgewerkt: %(description)s") % {"description": task.description}
        dossier_log(task.dossier, "task", summary, actor=actor, data={"task": task.pk})
        audit.record("task.complete", actor=actor, obj=task, subject=task.dossier.audit_subject())
    return task


@transaction.atomic
def dossier_alerts_send(*, today: datetime.date | None = None, actor=None) -> dict[str, int]:
    """The morning's alerts (`alerts.py`): deadline near and not reached, volgende stap overdue,
    task due. Each alert is made once (its reference is kept on the notification), so running
    this twice makes nothing twice; a user who wants them by mail at once gets one mail per kind.
    Returns the number made per kind."""
    today = today or timezone.localdate()
    candidates = alerts.due_alerts(today)
    refs = {alert.ref for alert in candidates}
    made = set(Notification.objects.filter(ref__in=refs).values_list("user_id", "ref"))
    counts: Counter = Counter()
    with grouped_mails():
        for alert in candidates:
            if (alert.user.pk, alert.ref) in made:
                continue
            made.add((alert.user.pk, alert.ref))
            notification = notify(
                alert.user,
                alert.text,
                kind=alert.kind,
                url=alert.url,
                dossier=alert.dossier,
                ref=alert.ref,
            )
            if notification is not None:
                counts[alert.kind] += 1
    if counts:
        audit.record("dossiers.alerts", actor=actor, details={"day": str(today), **counts})
    return dict(counts)
