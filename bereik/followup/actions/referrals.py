"""Referrals: internal ones to another team of the OCMW (the Energie- en Watercel after its
checklist), and warm handovers to an external service with their reminders."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification, Team
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log, task_complete, task_create
from bereik.dossiers.alerts import task_due_ref
from bereik.dossiers.models import Dossier
from bereik.followup.models import CellChecklistItem, ExternalReferral, InternalReferral
from bereik.followup.queries import active_team_members, cell_team
from bereik.followup.rules import check_referral_decider
from bereik.organisation.models import Organisation

# --- Internal referrals ------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    dossier: Dossier,
    *,
    to_team: Team,
    help_kind: str,
    reason: str,
    checklist: list | None = None,
    actor,
) -> InternalReferral:
    """Refer the dossier to another team. The team sees it in its queue and the dossier is shared
    with it (it keeps the same timeline)."""
    if to_team.pk in actor.team_ids:
        raise ValidationError({"to_team": _("Je kan niet naar je eigen team doorverwijzen.")})
    if dossier.internal_referrals.filter(
        to_team=to_team, status__in=InternalReferral.ACTIVE_STATUSES
    ).exists():
        raise ValidationError(
            {"to_team": _("Er loopt al een doorverwijzing naar %(team)s.") % {"team": to_team}}
        )
    if dossier.team_id and dossier.team_id in actor.team_ids:
        from_team = dossier.team
    else:
        from_team = next(iter(actor.teams_by_name), None)
    shared = (
        dossier.team_id != to_team.pk and not dossier.shared_with.filter(pk=to_team.pk).exists()
    )
    referral = InternalReferral.objects.create(
        dossier=dossier,
        to_team=to_team,
        from_team=from_team,
        referred_by=actor,
        help_kind=help_kind,
        reason=reason,
        checklist=checklist or [],
        shared_by_referral=shared,
    )
    if shared:
        dossier.shared_with.add(to_team)
    dossier_log(
        dossier,
        "referral",
        _("Doorverwezen naar %(team)s (%(kind)s)")
        % {"team": to_team, "kind": referral.get_help_kind_display()},
        actor=actor,
        text=reason,
        data={"referral": referral.pk, "to_team": to_team.pk},
    )
    audit.record("referral.create", actor=actor, obj=referral, details={"to_team": to_team.code})
    for member in active_team_members(to_team, exclude=actor):
        notify(
            member,
            _("Doorverwijzing ontvangen voor %(team)s: %(dossier)s")
            % {"team": to_team, "dossier": dossier},
            kind=Notification.Kind.REFERRAL_RECEIVED,
            url=reverse("followup:queue"),
            dossier=dossier,
        )
    steps.refresh_one(dossier)
    return referral


@transaction.atomic
def referral_to_cell(dossier: Dossier, *, checked, reason: str, actor) -> InternalReferral:
    """Refer the dossier to the Energie- en Watercel once every active checklist item is done."""
    team = cell_team()
    if team is None:
        raise ValidationError(_("Er is geen team 'Energie- en Watercel'."))
    required = list(CellChecklistItem.objects.filter(active=True))
    checked_ids = {item.pk for item in checked}
    missing = [item.name for item in required if item.pk not in checked_ids]
    if missing:
        raise ValidationError(
            {"checked": _("Nog niet nagekeken: %(items)s.") % {"items": "; ".join(missing)}}
        )
    return referral_create(
        dossier,
        to_team=team,
        help_kind=InternalReferral.HelpKind.ENERGY,
        reason=reason,
        checklist=[item.name for item in required],
        actor=actor,
    )


@transaction.atomic
def referral_accept(referral: InternalReferral, *, actor) -> InternalReferral:
    # Decide on the stored state, not on what the caller loaded earlier.
    referral.refresh_from_db(fields=["status"])
    check_referral_decider(referral, actor)
    referral.status = InternalReferral.Status.ACCEPTED
    referral.decided_at, referral.decided_by = timezone.now(), actor
    referral.save(update_fields=["status", "decided_at", "decided_by"])
    dossier_log(
        referral.dossier,
        "referral",
        _("Doorverwijzing aanvaard door %(team)s (%(who)s)")
        % {"team": referral.to_team, "who": actor},
        actor=actor,
        data={"referral": referral.pk},
    )
    audit.record("referral.accept", actor=actor, obj=referral)
    notify(
        referral.referred_by,
        _("%(team)s aanvaardde je doorverwijzing: %(dossier)s")
        % {"team": referral.to_team, "dossier": referral.dossier},
        kind=Notification.Kind.REFERRAL_ACCEPTED,
        url=referral.dossier.get_absolute_url() + "#sectie-doorverwijzingen",
        dossier=referral.dossier,
    )
    steps.refresh_one(referral.dossier)
    return referral


@transaction.atomic
def referral_return(referral: InternalReferral, *, reason: str, actor) -> InternalReferral:
    # Decide on the stored state, not on what the caller loaded earlier.
    referral.refresh_from_db(fields=["status"])
    check_referral_decider(referral, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden om terug te sturen.")})
    referral.status = InternalReferral.Status.RETURNED
    referral.decided_at, referral.decided_by = timezone.now(), actor
    referral.return_reason = reason.strip()
    referral.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    if referral.shared_by_referral:
        referral.dossier.shared_with.remove(referral.to_team)
    dossier_log(
        referral.dossier,
        "referral",
        _("Doorverwijzing teruggestuurd door %(team)s (%(who)s)")
        % {"team": referral.to_team, "who": actor},
        actor=actor,
        text=referral.return_reason,
        data={"referral": referral.pk},
    )
    audit.record("referral.return", actor=actor, obj=referral)
    notify(
        referral.referred_by,
        _("%(team)s stuurde je doorverwijzing terug: %(dossier)s")
        % {"team": referral.to_team, "dossier": referral.dossier},
        kind=Notification.Kind.REFERRAL_RETURNED,
        url=referral.dossier.get_absolute_url() + "#sectie-doorverwijzingen",
        dossier=referral.dossier,
    )
    steps.refresh_one(referral.dossier)
    return referral


# --- External referrals (warm handover) --------------------------------------------------------


@transaction.atomic
def handover_create(
    dossier: Dossier,
    *,
    organisation,
    contact_person: str,
    contact_details: str = "",
    referred_on: datetime.date,
    meeting_date: datetime.date | None = None,
    reason: str = "",
    actor,
) -> ExternalReferral:
    if not organisation.active:
        raise ValidationError({"organisation": _("Deze organisatie wordt niet meer gebruikt.")})
    handover = ExternalReferral.objects.create(
        dossier=dossier,
        organisation=organisation,
        contact_person=contact_person,
        contact_details=contact_details,
        referred_on=referred_on,
        meeting_date=meeting_date,
        reason=reason,
        referred_by=actor,
    )
    summary = _("Warme overdracht naar %(organisation)s (contactpersoon %(person)s)") % {
        "organisation": organisation,
        "person": contact_person,
    }
    if meeting_date:
        summary += _(", gezamenlijk gesprek op %(date)s") % {"date": f"{meeting_date:%d/%m/%Y}"}
    dossier_log(
        dossier, "handover", summary, actor=actor, text=reason, data={"handover": handover.pk}
    )
    audit.record("handover.create", actor=actor, obj=handover)
    steps.refresh_one(dossier)
    return handover


def _close_handover(handover: ExternalReferral, status, confirmed_on, note, actor):
    # Decide on the stored state, not on what the caller loaded earlier.
    handover.refresh_from_db(fields=["status", "reminder_task"])
    if handover.status != ExternalReferral.Status.OPEN:
        raise ValidationError(_("Deze overdracht is al afgerond."))
    handover.status = status
    handover.confirmed_on = confirmed_on
    handover.confirmation_note = note
    handover.save(update_fields=["status", "confirmed_on", "confirmation_note"])
    if handover.reminder_task_id and handover.reminder_task.done_at is None:
        task_complete(handover.reminder_task, actor=actor)


@transaction.atomic
def handover_confirm(
    handover: ExternalReferral, *, confirmed_on: datetime.date, note: str = "", actor
) -> ExternalReferral:
    """The service confirmed it took the client up."""
    _close_handover(handover, ExternalReferral.Status.CONFIRMED, confirmed_on, note, actor)
    dossier_log(
        handover.dossier,
        "handover",
        _("Warme overdracht bevestigd: %(organisation)s nam de cliënt op (%(date)s)")
        % {"organisation": handover.organisation, "date": f"{confirmed_on:%d/%m/%Y}"},
        actor=actor,
        text=note,
        data={"handover": handover.pk},
    )
    audit.record("handover.confirm", actor=actor, obj=handover)
    steps.refresh_one(handover.dossier)
    return handover


@transaction.atomic
def handover_cancel(
    handover: ExternalReferral, *, confirmed_on: datetime.date, note: str, actor
) -> ExternalReferral:
    """The handover did not happen (client did not go, service refused, ...)."""
    if not note.strip():
        raise ValidationError({"note": _("Geef aan waarom de overdracht niet lukte.")})
    _close_handover(handover, ExternalReferral.Status.CANCELLED, confirmed_on, note, actor)
    dossier_log(
        handover.dossier,
        "handover",
        _("Warme overdracht niet opgenomen: %(organisation)s")
        % {"organisation": handover.organisation},
        actor=actor,
        text=note,
        data={"handover": handover.pk},
    )
    audit.record("handover.cancel", actor=actor, obj=handover)
    steps.refresh_one(handover.dossier)
    return handover


@transaction.atomic
def handover_reminders_create(*, actor=None, today: datetime.date | None = None) -> list:
    """A task for the referrer for each warm handover still unconfirmed
    `Organisation.handover_confirmation_days` after the referral (or the joint meeting, if later).
    One task per handover, however often this runs."""
    today = today or timezone.localdate()
    days = Organisation.get().handover_confirmation_days
    limit = today - datetime.timedelta(days=days)
    candidates = ExternalReferral.objects.filter(
        status=ExternalReferral.Status.OPEN, reminder_task=None, referred_on__lte=limit
    ).select_related("dossier", "dossier__assigned_to", "organisation", "referred_by")
    tasks = []
    for handover in candidates:
        if handover.reminder_from > limit:
            continue
        assignee = handover.referred_by
        if not assignee.is_active:
            assignee = handover.dossier.assigned_to
        task = task_create(
            handover.dossier,
            description=_("Warme overdracht naar %(organisation)s nog niet bevestigd: navragen")
            % {"organisation": handover.organisation},
            assignee=assignee,
            due_date=today,
            source="warme_overdracht",
            actor=actor,
        )
        handover.reminder_task = task
        handover.save(update_fields=["reminder_task"])
        tasks.append(task)
        notify(
            assignee,
            _("Warme overdracht naar %(organisation)s nog niet bevestigd: navragen · %(dossier)s")
            % {"organisation": handover.organisation, "dossier": handover.dossier.number},
            kind=Notification.Kind.HANDOVER_CONFIRM,
            url=handover.dossier.get_absolute_url() + "#sectie-doorverwijzingen",
            dossier=handover.dossier,
            # The same reference as the daily "task due" alert: one notification for the task.
            ref=task_due_ref(task),
        )
    if tasks:
        audit.record("handover.reminders", actor=actor, details={"tasks": len(tasks)})
    return tasks
