"""Planned home visits: planned, cancelled, and marked done by the attempt that carried them
out."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.outreach.actions.reach import outreach_refresh
from bereik.outreach.actions.shared import user_or_none
from bereik.outreach.models import ContactAttempt, Letter, PlannedVisit


def complete_planned_visit(attempt: ContactAttempt) -> None:
    """A visit recorded for a dossier closes the planned visit it carried out (same kind first).
    Part of recording the attempt (`attempt_record`), in its transaction."""
    if not attempt.is_visit:
        return
    candidates = PlannedVisit.objects.filter(
        dossier=attempt.dossier, status=PlannedVisit.Status.PLANNED, date__lte=attempt.date
    ).order_by("-date", "-id")
    visit = candidates.filter(kind=attempt.kind).first() or candidates.first()
    if visit is not None:
        visit.status = PlannedVisit.Status.DONE
        visit.attempt = attempt
        visit.save(update_fields=["status", "attempt"])


@transaction.atomic
def visit_plan(
    dossier: Dossier,
    *,
    worker,
    date: datetime.date,
    part_of_day: str,
    kind: str,
    note: str = "",
    letter: Letter | None = None,
    actor,
) -> PlannedVisit:
    if kind not in ContactAttempt.VISIT_KINDS:
        raise ValidationError(_("Een huisbezoek is aangekondigd of onaangekondigd."))
    if worker is None:
        raise ValidationError({"worker": _("Kies wie het huisbezoek doet.")})
    visit = PlannedVisit.objects.create(
        dossier=dossier,
        worker=worker,
        date=date,
        part_of_day=part_of_day,
        kind=kind,
        note=note,
        letter=letter,
        created_by=user_or_none(actor),
    )
    summary = _("%(kind)s gepland op %(date)s (%(part)s) door %(worker)s") % {
        "kind": visit.get_kind_display(),
        "date": date.strftime("%d/%m/%Y"),
        "part": visit.get_part_of_day_display(),
        "worker": worker,
    }
    dossier_log(dossier, "visit", summary, actor=actor, text=note, data={"visit": visit.pk})
    audit.record("planned_visit.create", actor=actor, obj=visit)
    if user_or_none(actor) is None or worker.pk != actor.pk:
        notify(
            worker,
            summary + f" · {dossier.number}",
            kind=Notification.Kind.VISIT_PLANNED,
            url=dossier.get_absolute_url() + "#sectie-contacten",
            dossier=dossier,
        )
    outreach_refresh(dossier, actor=actor)
    return visit


@transaction.atomic
def visit_cancel(visit: PlannedVisit, *, reason: str, actor) -> PlannedVisit:
    if visit.status != PlannedVisit.Status.PLANNED:
        raise ValidationError(_("Dit huisbezoek is niet meer gepland."))
    visit.status = PlannedVisit.Status.CANCELLED
    visit.cancel_reason = reason.strip()
    visit.save(update_fields=["status", "cancel_reason"])
    dossier_log(
        visit.dossier,
        "visit",
        _("Huisbezoek van %(date)s geannuleerd") % {"date": visit.date.strftime("%d/%m/%Y")},
        actor=actor,
        text=visit.cancel_reason,
        data={"visit": visit.pk},
    )
    audit.record("planned_visit.cancel", actor=actor, obj=visit)
    outreach_refresh(visit.dossier, actor=actor)
    return visit
