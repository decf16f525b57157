"""Writes of the weekly digest and the water-scan suggestions; each in a transaction with its
audit event."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions.notifications import grouped_mails, notify
from bereik.accounts.models import Notification
from bereik.clients import protection
from bereik.dossiers import access, flow
from bereik.dossiers.actions import dossier_log, next_dossier_numbers
from bereik.dossiers.models import Dossier
from bereik.followup.actions import water_scan_request
from bereik.lib.idlists import Ids
from bereik.outreach.actions import letter_generate
from bereik.weekly import rules
from bereik.weekly.letters import CODE as LETTER_CODE
from bereik.weekly.models import DigestRead, DigestRun, ScanSuggestion, WaterUsage

TIMELINE_KIND = "waterscan"
SUGGESTION_FIELDS = (
    "client_id", "company_id", "customer_number", "name", "dossier_id", "signal_id", "reasons",
)  # fmt: skip

# --- The digest ------------------------------------------------------------------------------


@transaction.atomic
def digest_send(week: str, *, actor=None) -> DigestRun | None:
    """Tell every recipient that the week's report is there: in the app and, as each chose, by
    mail (a short mail with a link, no names or amounts). Once per week; None when already sent
    or when no report came in that week."""
    if DigestRun.objects.filter(week=week).exists():
        return None
    found = rules.digest(week)
    if not found.lines:
        return None
    try:
        with transaction.atomic():
            run = DigestRun.objects.create(week=week, lines=len(found.lines))
    except IntegrityError:  # sent by a run at the same time
        return None
    suggestions_refresh(actor=actor)
    url = reverse("weekly:week", args=[week])
    sent = 0
    with grouped_mails():
        for user in rules.recipients():
            own, others = found.split(user.pk)
            text = _(
                "Weekrapport %(week)s: %(own)s lijnen over je cliënten, %(others)s andere."
            ) % {"week": week, "own": len(own), "others": len(others)}
            made = notify(
                user,
                text,
                kind=Notification.Kind.WEEKLY_REPORT,
                url=url,
                count=len(own),
                ref=f"weekrapport:{week}",
            )
            sent += made is not None
    run.recipients = sent
    run.save(update_fields=["recipients"])
    audit.record(
        "weekly_digest.send",
        actor=actor,
        obj=run,
        details={"week": week, "lines": len(found.lines), "recipients": sent},
    )
    return run


@transaction.atomic
def digest_mark_read(week: str, *, actor) -> DigestRead:
    """The actor has read the week's report (its page reports it by a POST once it is shown):
    the mark in the history, and the week's notification read."""
    read, created = DigestRead.objects.get_or_create(user=actor, week=week)
    Notification.objects.filter(user=actor, ref=f"weekrapport:{week}", read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if created:
        audit.record("weekly_digest.read", actor=actor, details={"week": week})
    return read


# --- Flow subscribers ------------------------------------------------------------------------


def after_lines(signal_ids, *, actor=None, **_kwargs) -> int:
    """`lines_arrived`, after the triage matched them: the suggestions (the protected flag of the
    clients follows the matching itself)."""
    return suggestions_refresh(actor=actor)


def after_arrived(dossier_ids, *, actor=None, **_kwargs) -> None:
    """`arrived`, after the matching: the protected flag of these dossiers and their clients."""
    clients = Dossier.objects.filter(pk__in=Ids(dossier_ids), client__isnull=False).values_list(
        "client_id", flat=True
    )
    protection.refresh(client_ids=list(clients), dossier_ids=dossier_ids)


# --- Suggestions -----------------------------------------------------------------------------


@transaction.atomic
def suggestions_refresh(*, actor=None, today: datetime.date | None = None) -> int:
    """Bring the list "Waterscan te bekijken" up to date: new households, new grounds (a
    decided suggestion comes back only when its grounds changed), "later" that has come. Returns
    how many are (again) open."""
    today = today or timezone.localdate()
    found = rules.candidates()
    existing = {s.household: s for s in ScanSuggestion.objects.filter(household__in=list(found))}
    new, reopened, updated = [], [], []
    for key, item in found.items():
        current = existing.get(key)
        fields = {
            "client_id": item.client_id,
            "company_id": item.company_id,
            "customer_number": item.customer_number[:60],
            "name": item.name[:250],
            "dossier_id": item.dossier_id,
            "signal_id": item.signal_id,
            "reasons": sorted(item.reasons),
        }
        if current is None:
            new.append(ScanSuggestion(household=key, basis=item.basis, **fields))
            continue
        again = current.status != ScanSuggestion.Status.OPEN and rules.still_to_look_at(
            item, current, today
        )
        for name, value in fields.items():
            setattr(current, name, value)
        if again:
            current.status, current.basis = ScanSuggestion.Status.OPEN, item.basis
            reopened.append(current)
        elif current.status == ScanSuggestion.Status.OPEN:
            current.basis = item.basis
        updated.append(current)
    ScanSuggestion.objects.bulk_create(new)
    ScanSuggestion.objects.bulk_update(updated, [*SUGGESTION_FIELDS, "status", "basis"])
    for suggestion in reopened:
        if suggestion.dossier_id:
            dossier_log(
                suggestion.dossier,
                TIMELINE_KIND,
                _("Waterscan opnieuw te bekijken: %(reasons)s")
                % {"reasons": ", ".join(suggestion.reason_labels)},
                actor=actor,
                data={"suggestion": suggestion.pk},
            )
    if new or reopened:
        audit.record(
            "scan_suggestions.refresh",
            actor=actor,
            details={"new": len(new), "reopened": [s.pk for s in reopened]},
        )
    return len(new) + len(reopened)


def _open_dossier_for(suggestion: ScanSuggestion, *, actor) -> Dossier:
    """The household's open water dossier, or a new one from its latest line (asking a scan is
    follow-up: the request and the letter are kept in a dossier). The line itself stays what it
    was, a line of the report kept with its client."""
    dossiers = Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES, kind=Dossier.Kind.WATER)
    if suggestion.client_id:
        found = dossiers.filter(client_id=suggestion.client_id).order_by("-opened_at").first()
    else:
        found = (
            dossiers.filter(
                company_id=suggestion.company_id, customer_number=suggestion.customer_number
            )
            .order_by("-opened_at")
            .first()
        )
    if found is not None:
        # A suggestion known only by its client is listed to every reader of the report; the
        # household's dossier it writes in must be one the person may change.
        if getattr(actor, "is_authenticated", False) and not access.can_change_dossier(
            actor, found
        ):
            raise ValidationError(
                _(
                    "Dit huishouden heeft al een lopend waterdossier dat je niet kan wijzigen. "
                    "Vraag de scan aan via wie dat dossier opvolgt."
                )
            )
        return found
    line = suggestion.signal
    if line is None:
        raise ValidationError(_("Er is geen dossier of lijn om de aanvraag bij te bewaren."))
    dossier = Dossier.objects.create(
        number=next_dossier_numbers(1)[0],
        kind=Dossier.Kind.WATER,
        company=line.company,
        customer_number=line.customer_number,
        status=Dossier.Status.NEW,
        amount_due=line.amount,
        protected_customer=line.protected_customer,
        **{
            name: getattr(line, name)
            for name in (
                "last_name",
                "first_name",
                "insz",
                "birth_date",
                "street",
                "house_number",
                "box",
                "postcode",
                "city",
                "phone",
            )
        },  # fmt: skip
    )
    dossier_log(
        dossier,
        TIMELINE_KIND,
        _("Dossier geopend om een gratis waterscan aan te vragen"),
        actor=actor,
        data={"suggestion": suggestion.pk, "signal": line.pk},
    )
    audit.record("dossier.open_for_scan", actor=actor, obj=dossier)
    # Like a dossier an import opened: linked to the client the line was matched to, triaged,
    # assigned and given its volgende stap.
    flow.arrived.send(
        [dossier.pk],
        actor=actor,
        signal_kinds=[line.kind],
        import_id=None,
        clients={dossier.pk: suggestion.client_id} if suggestion.client_id else {},
        on_other_session="",
    )
    dossier.refresh_from_db()
    return dossier


@transaction.atomic
def suggestion_decide(
    suggestion: ScanSuggestion,
    decision: str,
    *,
    actor,
    reason: str = "",
    later_on: datetime.date | None = None,
):
    """The worker's decision: ask the scan (the request on the dossier and the letter to the
    company), not useful (with a reason) or later (from a date). On the dossier's timeline.
    Returns the letter when one was made."""
    suggestion = ScanSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != ScanSuggestion.Status.OPEN:
        raise ValidationError(_("Over deze suggestie is al beslist."))
    letter = None
    if decision == ScanSuggestion.Status.NOT_USEFUL and not reason.strip():
        raise ValidationError({"reason": _("Zeg waarom een scan niet nuttig is.")})
    if decision == ScanSuggestion.Status.LATER and later_on is None:
        later_on = timezone.localdate() + datetime.timedelta(days=28)
    if decision == ScanSuggestion.Status.ASKED:
        dossier = _open_dossier_for(suggestion, actor=actor)
        suggestion.dossier = dossier
        water_scan_request(dossier, requested_on=timezone.localdate(), actor=actor)
        grounds = "; ".join(label.lower() for label in suggestion.reason_labels)
        letter = letter_generate(dossier, LETTER_CODE, actor=actor, grounds=grounds)
    elif decision not in (ScanSuggestion.Status.NOT_USEFUL, ScanSuggestion.Status.LATER):
        raise ValidationError(_("Kies wat er met de suggestie gebeurt."))
    suggestion.status = decision
    suggestion.decision_reason = reason.strip()[:300]
    suggestion.later_on = later_on if decision == ScanSuggestion.Status.LATER else None
    suggestion.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    suggestion.decided_at = timezone.now()
    suggestion.save()
    if suggestion.dossier_id:
        summary = {
            ScanSuggestion.Status.ASKED: _("Waterscan-suggestie: scan aangevraagd met een brief"),
            ScanSuggestion.Status.NOT_USEFUL: _("Waterscan-suggestie: niet nuttig (%(reason)s)")
            % {"reason": suggestion.decision_reason},
            ScanSuggestion.Status.LATER: _("Waterscan-suggestie: later bekijken (vanaf %(day)s)")
            % {"day": f"{suggestion.later_on:%d/%m/%Y}" if suggestion.later_on else ""},
        }[decision]
        dossier_log(
            suggestion.dossier,
            TIMELINE_KIND,
            summary,
            actor=actor,
            data={"suggestion": suggestion.pk, "decision": decision},
        )
    audit.record(
        "scan_suggestion.decide",
        actor=actor,
        obj=suggestion,
        details={"decision": decision, "reasons": suggestion.reasons},
    )
    return letter


@transaction.atomic
def water_usage_record(
    dossier: Dossier, *, m3_per_year=None, people=None, proposed_by="", note="", actor
) -> WaterUsage:
    """What the worker learnt of the household's water use, or who proposed a scan; the
    suggestions follow."""
    if m3_per_year is None and not proposed_by:
        raise ValidationError(_("Geef het verbruik of wie een scan voorstelde."))
    usage = WaterUsage.objects.create(
        dossier=dossier,
        m3_per_year=m3_per_year,
        people=people,
        proposed_by=proposed_by,
        note=note[:300],
        recorded_by=actor,
    )
    parts = []
    if m3_per_year is not None:
        parts.append(_("%(m3)s m³ per jaar") % {"m3": m3_per_year})
        if people:
            parts.append(_("%(n)s personen") % {"n": people})
    if proposed_by:
        parts.append(_("scan voorgesteld door: %(who)s") % {"who": usage.get_proposed_by_display()})
    dossier_log(
        dossier,
        TIMELINE_KIND,
        _("Waterverbruik genoteerd: %(what)s") % {"what": ", ".join(parts)},
        actor=actor,
        data={"water_usage": usage.pk},
    )
    audit.record("water_usage.record", actor=actor, obj=usage)
    suggestions_refresh(actor=actor)
    return usage
