"""The dossier's reached date, status and volgende stap, kept in line with the attempts; and what
follows from being reached: the home visits planned to reach the household are cancelled."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log, dossier_set_status
from bereik.dossiers.models import Dossier
from bereik.outreach import next_step, rules
from bereik.outreach.actions.shared import user_or_none
from bereik.outreach.models import PlannedVisit


def _cancel_visits_once_reached(dossier: Dossier, reached: datetime.date, *, actor) -> None:
    """The household was just reached (by an attempt, or elsewhere): the visits planned to reach
    it from that day on are moot. Each is cancelled with a note on the timeline, and its worker
    is told when someone else's reach took it from their planning. A visit from before that day
    stays (what happened there is still to be recorded), and so does a visit planned after the
    reach (this runs only when the dossier becomes reached)."""
    visits = PlannedVisit.objects.filter(
        dossier=dossier, status=PlannedVisit.Status.PLANNED, date__gte=reached
    ).select_related("worker")
    reason = _("Het gezin is bereikt op %(date)s.") % {"date": reached.strftime("%d/%m/%Y")}
    for visit in visits:
        visit.status = PlannedVisit.Status.CANCELLED
        visit.cancel_reason = reason
        visit.save(update_fields=["status", "cancel_reason"])
        summary = _("Huisbezoek van %(date)s geannuleerd: het gezin is bereikt") % {
            "date": visit.date.strftime("%d/%m/%Y")
        }
        dossier_log(dossier, "visit", summary, actor=actor, text=reason, data={"visit": visit.pk})
        audit.record("planned_visit.cancel", actor=actor, obj=visit, details={"because": "reached"})
        user = user_or_none(actor)
        if user is None or visit.worker_id != user.pk:
            notify(
                visit.worker,
                f"{summary} · {dossier.number}",
                kind=Notification.Kind.VISIT_CANCELLED,
                url=dossier.get_absolute_url() + "#sectie-contacten",
                dossier=dossier,
            )


def reached_and_status_sync(dossier: Dossier, situation: next_step.Situation, *, actor) -> bool:
    """Store what the attempts say of reached_on and the status, when they differ (the status
    moves with a timeline entry); when the dossier becomes reached, cancel the visits planned to
    reach the household. Returns whether anything changed."""
    reached, status, reason = rules.reached_and_status(dossier, situation)
    if dossier.reached_on != reached:
        dossier.reached_on = reached
        dossier.save(update_fields=["reached_on", "updated_at"])
    if status is not None:
        dossier_set_status(dossier, status, actor=actor, reason=reason)
        if status == Dossier.Status.REACHED:
            _cancel_visits_once_reached(dossier, reached, actor=actor)
    return dossier.reached_on != reached or status is not None


@transaction.atomic
def outreach_refresh(dossier: Dossier, *, actor) -> None:
    """Bring reached_on, the status and the volgende stap in line with the attempts, letters and
    visits (`bereik.dossiers.next_step` asks the contact rule, which reads the same facts)."""
    # Callers may hold an instance another action already changed: start from the database.
    steps.refresh_one(dossier, actor=actor)
