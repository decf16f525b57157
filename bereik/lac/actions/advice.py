"""The session itself: attendance and advice per dossier, closing (locking) the session with the
follow-up tasks its advice asks for, and corrections after closing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification
from bereik.dossiers.actions import dossier_log, task_create
from bereik.dossiers.models import Task
from bereik.lac.actions.corrections import apply_changes, keep_corrections
from bereik.lac.models import AgendaItem, Session
from bereik.lac.queries import missing_for_closing
from bereik.lac.rules import (
    advice_summary,
    advice_too_early,
    advice_values,
    close_too_early,
    followup_tasks_wanted,
)
from bereik.lib import locking
from bereik.outreach import actions as outreach_actions
from bereik.outreach.models import ContactAttempt, PartOfDay


@transaction.atomic
def agenda_item_record(
    item: AgendaItem, *, actor, version: str | None = None, **fields
) -> AgendaItem:
    """Record attendance and advice during or right after the session (before it is closed);
    not before the session's day. `version`: the one the form was loaded from (locking)."""
    locking.check(item, version)
    item = AgendaItem.objects.select_related("session", "dossier").get(pk=item.pk)
    if item.session.is_closed:
        raise ValidationError(
            _("De zitting is afgesloten: een wijziging is een correctie met een reden.")
        )
    if not item.session.has_started:
        raise ValidationError(advice_too_early(item.session))
    values = advice_values(item, fields)
    advice_before = (item.advice, item.advice_other, item.conditional, item.unanimous)
    changes = apply_changes(item, values)
    if not changes:
        return item
    item.recorded_at = timezone.now()
    item.save()
    _reached_at_the_session(item, actor=actor)
    if advice_before != (item.advice, item.advice_other, item.conditional, item.unanimous):
        dossier_log(
            item.dossier,
            "lac.advice",
            advice_summary(item),
            actor=actor,
            text=item.conditions,
            data={"item": item.pk, "advice": item.advice},
        )
    audit.record(
        "lac.advice.record",
        actor=actor,
        obj=item,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return item


def _reached_at_the_session(item: AgendaItem, *, actor) -> None:
    """A household present at the session was reached there, face to face: when nothing reached
    it before, that is recorded as a contact (a conversation at the OCMW), so it leaves the
    "not reached" lists and its volgende stap moves on to the help."""
    dossier = item.dossier
    dossier.refresh_from_db(fields=["reached_on", "status"])
    if item.attendance != AgendaItem.Attendance.PRESENT or dossier.reached_on is not None:
        return
    if not dossier.is_open:
        return
    session = item.session
    evening = session.time is not None and session.time.hour >= 17
    afternoon = session.time is not None and session.time.hour >= 12
    part = PartOfDay.EVENING if evening else PartOfDay.AFTERNOON if afternoon else PartOfDay.MORNING
    outreach_actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.OFFICE,
        date=session.date,
        part_of_day=part,
        result=ContactAttempt.Result.REACHED,
        note=_("Aanwezig op de LAC-zitting van %(date)s.") % {"date": f"{session.date:%d/%m/%Y}"},
        actor=actor,
    )


@transaction.atomic
def agenda_item_correct(
    item: AgendaItem, *, reason: str, actor, version: str | None = None, **fields
) -> AgendaItem:
    """Correct the record of a closed session: needs a reason; both values are kept."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor de correctie.")})
    locking.check(item, version)
    item = AgendaItem.objects.select_related("session", "dossier").get(pk=item.pk)
    if not item.session.is_closed:
        return agenda_item_record(item, actor=actor, **fields)
    values = advice_values(item, fields)
    changes = apply_changes(item, values)
    if not changes:
        return item
    item.save()
    _reached_at_the_session(item, actor=actor)
    keep_corrections(item.session, item, changes, reason=reason, actor=actor)
    summary = _("Correctie LAC-advies: %(fields)s") % {
        "fields": ", ".join(f"{old or '—'} → {new or '—'}" for _name, old, new in changes)
    }
    dossier_log(
        item.dossier,
        "lac.correction",
        summary,
        actor=actor,
        text=reason,
        data={"item": item.pk, "fields": [name for name, _old, _new in changes]},
    )
    _create_followup_tasks(item, actor=actor)
    audit.record(
        "lac.advice.correct",
        actor=actor,
        obj=item,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return item


@transaction.atomic
def session_close(session: Session, *, actor) -> Session:
    """Close (lock) the session once every dossier has an attendance and an advice, and create the
    follow-up tasks of conditional advice."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_closed:
        raise ValidationError(_("De zitting is al afgesloten."))
    if not session.has_started:
        raise ValidationError(close_too_early(session))
    missing = missing_for_closing(session)
    if missing:
        names = ", ".join(item.dossier.household_name for item in missing[:10])
        raise ValidationError(
            ngettext(
                "Nog geen aanwezigheid of advies voor %(count)d dossier: %(names)s.",
                "Nog geen aanwezigheid of advies voor %(count)d dossiers: %(names)s.",
                len(missing),
            )
            % {"count": len(missing), "names": names}
        )
    session.closed_at = timezone.now()
    session.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    session.save(update_fields=["closed_at", "closed_by"])
    tasks = 0
    for item in session.items.select_related("dossier", "dossier__assigned_to", "preparer"):
        item.session = session
        tasks += len(_create_followup_tasks(item, actor=actor))
    audit.record("lac.session.close", actor=actor, obj=session, details={"tasks": tasks})
    return session


def _create_followup_tasks(item: AgendaItem, *, actor) -> list[Task]:
    """Create the tasks the advice asks for on the dossier's worker; never twice (the key of each
    task is kept in Task.source)."""
    if not item.session.is_closed:
        return []
    wanted = followup_tasks_wanted(item)
    if not wanted:
        return []
    prefix = f"lac:{item.pk}:"
    existing = set(
        Task.objects.filter(dossier_id=item.dossier_id, source__startswith=prefix).values_list(
            "source", flat=True
        )
    )
    assignee = item.dossier.assigned_to or item.preparer
    created = []
    for key, description, due in wanted:
        source = f"{prefix}{key}"
        if source in existing:
            continue
        created.append(
            task_create(
                item.dossier,
                description=description,
                assignee=assignee,
                due_date=due,
                source=source[:40],
                actor=actor,
            )
        )
    if created and assignee is not None and assignee != actor:
        notify(
            assignee,
            ngettext(
                "LAC-advies voor %(dossier)s: %(count)d opvolgtaak voor jou",
                "LAC-advies voor %(dossier)s: %(count)d opvolgtaken voor jou",
                len(created),
            )
            % {"dossier": item.dossier, "count": len(created)},
            kind=Notification.Kind.ADVICE_CONDITIONS,
            url=item.dossier.get_absolute_url() + "#sectie-taken",
            dossier=item.dossier,
        )
    return created
