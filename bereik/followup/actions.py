"""Writes of the follow-up: every function takes `actor=`, runs in one transaction, records an audit
event and, when the people on the dossier should see it, a timeline entry (DossierEvent)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Role, Team, User
from bereik.dossiers import access
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log, dossier_set_status, task_complete, task_create
from bereik.dossiers.models import Dossier
from bereik.followup.models import (
    AftercareRule,
    AftercareTask,
    CellChecklistItem,
    Closure,
    Document,
    ExternalReferral,
    InternalReferral,
    OutcomeCode,
    Proposal,
    RightCheck,
    RightItem,
    SocialReport,
    SupportRequest,
    WaterScan,
)
from bereik.followup.rules import limited_to_onthaal_tasks, months_before
from bereik.lib import filecheck
from bereik.lib.documents import format_amount as euro
from bereik.organisation.models import Organisation

# --- Configurable lists ------------------------------------------------------------------------


@transaction.atomic
def config_item_save(item, *, actor, outcomes=None):
    """Create or update an item of one of the beheerder's lists. A new outcome code gets a fixed
    `code` made from its name; `outcomes` sets the outcomes of an aftercare rule."""
    created = item.pk is None
    if isinstance(item, OutcomeCode) and not item.code:
        item.code = _unique_outcome_code(item.name)
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


def _unique_outcome_code(name: str) -> str:
    base = slugify(name).replace("-", "_")[:50] or "uitkomst"
    code, n = base, 2
    while OutcomeCode.objects.filter(code=code).exists():
        code, n = f"{base}_{n}", n + 1
    return code


# --- Conversation, proposal and sociaal verslag ------------------------------------------------


def _proposal_summary(proposal: Proposal) -> str:
    if proposal.arrangement == Proposal.Arrangement.PLAN:
        what = _("afbetalingsplan %(amount)s × %(months)s maanden") % {
            "amount": euro(proposal.amount_per_month),
            "months": proposal.months,
        }
    elif proposal.arrangement == Proposal.Arrangement.OTHER:
        what = _("andere regeling")
    else:
        what = _("nog geen voorstel")
    return _("Gesprek en voorstel: %(what)s (akkoord cliënt: %(agrees)s)") % {
        "what": what,
        "agrees": proposal.get_client_agrees_display().lower(),
    }


@transaction.atomic
def proposal_create(dossier: Dossier, *, actor, **fields) -> Proposal:
    """Record a conversation and the proposal worked out. It is the terugkoppeling to the LAC
    chair: chairs who can see the dossier get a notification."""
    proposal = Proposal(dossier=dossier, author=actor, **fields)
    proposal.full_clean()
    proposal.save()
    lines = []
    if proposal.lac_options_discussed:
        lines.append(_("Mogelijkheden van de LAC besproken."))
    if proposal.brochure_discussed:
        lines.append(_("Brochure 'Goed geregeld is geld gespaard' overlopen."))
    if proposal.arrangement_text:
        lines.append(proposal.arrangement_text)
    if proposal.intensive_help_needed:
        lines.append(_("Intensievere hulp nodig."))
    if proposal.feedback:
        lines.append(_("Terugkoppeling: %(text)s") % {"text": proposal.feedback})
    dossier_log(
        dossier,
        "proposal",
        _proposal_summary(proposal),
        actor=actor,
        text="\n".join(lines),
        data={"proposal": proposal.pk},
    )
    audit.record("proposal.create", actor=actor, obj=proposal)
    if proposal.brochure_discussed:  # gone through with the household: handed over (once)
        from bereik.outreach.actions import brochure_hand_over_once

        brochure_hand_over_once(
            dossier,
            date=proposal.conversation_date,
            note=_("Overlopen tijdens het gesprek."),
            actor=actor,
        )
    chairs = User.objects.filter(is_active=True, roles__code=Role.Code.LAC_VOORZITTER).exclude(
        pk=getattr(actor, "pk", None)
    )
    for chair in chairs.distinct():
        if access.can_view_dossier(chair, dossier):
            notify(
                chair,
                _("Terugkoppeling voor de LAC: %(dossier)s") % {"dossier": dossier},
                url=dossier.get_absolute_url() + "#sectie-gesprek",
            )
    steps.refresh_one(dossier)
    return proposal


@transaction.atomic
def report_save(dossier: Dossier, *, text: str, actor) -> SocialReport:
    """Save the sociaal verslag as a new version; an unchanged text adds nothing."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Het verslag is leeg.")})
    latest = dossier.social_reports.order_by("-version").first()
    if latest is not None and latest.text == text:
        return latest
    version = (latest.version if latest else 0) + 1
    report = SocialReport.objects.create(dossier=dossier, version=version, text=text, author=actor)
    dossier_log(
        dossier,
        "report",
        _("Sociaal verslag bijgewerkt (versie %(version)s)") % {"version": version},
        actor=actor,
        data={"report": report.pk},
    )
    audit.record("social_report.save", actor=actor, obj=report)
    steps.refresh_one(dossier)
    return report


# --- Algemeen rechtenonderzoek -----------------------------------------------------------------


@transaction.atomic
def rights_update(dossier: Dossier, changes: dict, *, actor) -> list[RightCheck]:
    """Set the status and note of rights: `changes` maps RightItem id -> (status, note). A right
    without status is left out of the investigation; unchanged rights are not touched."""
    valid = dict(RightCheck.Status.choices)
    existing = {check.item_id: check for check in dossier.right_checks.all()}
    items = RightItem.objects.in_bulk(list(changes))
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
        changed.append(check)
    if changed:
        applied = [c.item.name for c in changed if c.pk and c.status == RightCheck.Status.APPLIED]
        summary = ngettext(
            "Rechtenonderzoek bijgewerkt: %(count)s recht",
            "Rechtenonderzoek bijgewerkt: %(count)s rechten",
            len(changed),
        ) % {"count": len(changed)}
        text = "\n".join(
            f"{check.item.name}: {check.get_status_display() if check.pk else '—'}"
            + (f" ({check.note})" if check.note and check.pk else "")
            for check in changed
        )
        dossier_log(
            dossier,
            "rights",
            summary,
            actor=actor,
            text=text,
            data={"applied": applied},
        )
        audit.record(
            "rights.update",
            actor=actor,
            obj=dossier,
            details={"items": [check.item_id for check in changed]},
        )
    steps.refresh_one(dossier)
    return changed


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
) -> SupportRequest:
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


# --- Internal referrals ------------------------------------------------------------------------


def _team_members(team: Team, *, exclude=None):
    members = team.members.filter(is_active=True)
    if exclude is not None and getattr(exclude, "pk", None):
        members = members.exclude(pk=exclude.pk)
    return members


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
        from_team = actor.teams.order_by("name").first()
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
    for member in _team_members(to_team, exclude=actor):
        notify(
            member,
            _("Doorverwijzing ontvangen voor %(team)s: %(dossier)s")
            % {"team": to_team, "dossier": dossier},
            url=_queue_url(),
        )
    steps.refresh_one(dossier)
    return referral


def _queue_url() -> str:
    return reverse("followup:queue")


def cell_team() -> Team | None:
    return Team.objects.filter(code=Team.ENERGIECEL).first()


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


def _check_decider(referral: InternalReferral, actor) -> None:
    referral.refresh_from_db(fields=["status"])
    if referral.status != InternalReferral.Status.OPEN:
        raise ValidationError(_("Over deze doorverwijzing is al beslist."))
    if referral.to_team_id not in actor.team_ids:
        raise ValidationError(_("Alleen het ontvangende team kan hierover beslissen."))


@transaction.atomic
def referral_accept(referral: InternalReferral, *, actor) -> InternalReferral:
    _check_decider(referral, actor)
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
        url=referral.dossier.get_absolute_url() + "#sectie-doorverwijzingen",
    )
    steps.refresh_one(referral.dossier)
    return referral


@transaction.atomic
def referral_return(referral: InternalReferral, *, reason: str, actor) -> InternalReferral:
    _check_decider(referral, actor)
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
        url=referral.dossier.get_absolute_url() + "#sectie-doorverwijzingen",
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
    if tasks:
        audit.record("handover.reminders", actor=actor, details={"tasks": len(tasks)})
    return tasks


# --- Water scan --------------------------------------------------------------------------------


@transaction.atomic
def water_scan_request(dossier: Dossier, *, requested_on: datetime.date, actor) -> WaterScan:
    if dossier.water_scans.filter(status=WaterScan.Status.REQUESTED).exists():
        raise ValidationError(_("Er is al een waterscan aangevraagd die nog niet uitgevoerd is."))
    scan = WaterScan.objects.create(dossier=dossier, requested_on=requested_on, requested_by=actor)
    dossier_log(
        dossier,
        "waterscan",
        _("Waterscan aangevraagd (%(date)s)") % {"date": f"{requested_on:%d/%m/%Y}"},
        actor=actor,
        data={"waterscan": scan.pk},
    )
    audit.record("waterscan.request", actor=actor, obj=scan)
    return scan


@transaction.atomic
def water_scan_record(
    scan: WaterScan, *, status: str, done_on: datetime.date | None, result: str = "", actor
) -> WaterScan:
    if status == WaterScan.Status.DONE and done_on is None:
        raise ValidationError({"done_on": _("Geef de datum waarop de scan uitgevoerd werd.")})
    if status not in (WaterScan.Status.DONE, WaterScan.Status.CANCELLED):
        raise ValidationError({"status": _("Kies 'uitgevoerd' of 'geannuleerd'.")})
    scan.status, scan.done_on, scan.result = status, done_on, result
    scan.save(update_fields=["status", "done_on", "result"])
    dossier_log(
        scan.dossier,
        "waterscan",
        _("Waterscan %(status)s") % {"status": scan.get_status_display()},
        actor=actor,
        text=result,
        data={"waterscan": scan.pk},
    )
    audit.record("waterscan.record", actor=actor, obj=scan, details={"status": status})
    return scan


# --- Notes and documents -----------------------------------------------------------------------


def _check_restriction(team, actor) -> None:
    if team is not None and team.pk not in actor.team_ids:
        raise ValidationError(
            {"restricted_to_team": _("Je kan alleen beperken tot een team waar je zelf in zit.")}
        )


@transaction.atomic
def note_add(dossier: Dossier, *, text: str, restricted_to_team=None, actor):
    """A note on the timeline, optionally visible only to the writer's team."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("De notitie is leeg.")})
    _check_restriction(restricted_to_team, actor)
    first_line = text.splitlines()[0]
    summary = first_line if len(first_line) <= 120 else first_line[:119] + "…"
    event = dossier_log(
        dossier,
        "note",
        summary,
        actor=actor,
        text=text,
        restricted_to_team=restricted_to_team,
    )
    audit.record(
        "note.add",
        actor=actor,
        obj=dossier,
        details={"event": event.pk, "restricted": bool(restricted_to_team)},
    )
    return event


def check_upload(upload) -> str:
    """The document kind of an upload, or a ValidationError in Dutch naming the file and the
    problem (size, type, content that does not match the name)."""
    from django.conf import settings

    name = upload.name
    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "upload": _("'%(name)s' is te groot (%(size)s MB; maximum %(max)s MB).")
                % {
                    "name": name,
                    "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                    "max": f"{limit / 1048576:.0f}",
                }
            }
        )
    if upload.size == 0:
        raise ValidationError({"upload": _("'%(name)s' is leeg.") % {"name": name}})
    try:
        kind = filecheck.sniff(upload)
    except filecheck.UnsafeFile:
        kind = None
    if kind is None:
        raise ValidationError(
            {
                "upload": _(
                    "'%(name)s' is geen PDF, PNG, JPEG, Word- (DOCX) of Excel-bestand (XLSX), of "
                    "het bestand is beschadigd."
                )
                % {"name": name}
            }
        )
    if not filecheck.extension_matches(name, kind):
        raise ValidationError(
            {
                "upload": _(
                    "De naam van '%(name)s' past niet bij de inhoud (%(kind)s). Geef het bestand "
                    "de juiste extensie."
                )
                % {"name": name, "kind": dict(Document.Kind.choices)[kind]}
            }
        )
    return kind


@transaction.atomic
def document_add(
    dossier: Dossier, *, upload, description: str = "", restricted_to_team=None, actor
) -> Document:
    kind = check_upload(upload)
    _check_restriction(restricted_to_team, actor)
    original = upload.name.replace("\\", "/").rsplit("/", 1)[-1][:255]
    document = Document(
        dossier=dossier,
        original_name=original,
        kind=kind,
        size=upload.size,
        description=description,
        restricted_to_team=restricted_to_team,
        uploaded_by=actor,
    )
    document.file.save(original, upload, save=False)
    try:
        document.save()
        dossier_log(
            dossier,
            "document",
            _("Document toegevoegd: %(name)s") % {"name": original},
            actor=actor,
            text=description,
            restricted_to_team=restricted_to_team,
            data={"document": document.pk},
        )
        audit.record("document.add", actor=actor, obj=document, details={"kind": kind})
    except Exception:
        # Nothing half-stored: no file on disk without its row.
        document.file.delete(save=False)
        raise
    return document


# --- Closing, reopening and aftercare ----------------------------------------------------------


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
