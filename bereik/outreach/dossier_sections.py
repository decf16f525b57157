"""The "Contact en brieven" section of the dossier page: reached or not, the next step with the
button that takes it, planned visits, contact attempts (with their corrections), letters and the
brochure."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import sections
from bereik.outreach import actions, letters, next_step
from bereik.outreach.forms import AttemptForm, HandoverForm
from bereik.outreach.models import ContactAttempt, PartOfDay, PlannedVisit


def _url(name, *args, **query):
    url = reverse(name, args=args)
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def step_actions(dossier, step) -> list[dict]:
    """The buttons that take the next step."""
    if step is None:
        return []
    pk = dossier.pk
    if step.code in (next_step.INVITE, next_step.LEAVE_LAST_LETTER):
        return [
            {
                "label": _("Brief maken"),
                "url": _url("outreach:letter_create", pk, step.letter_type),
            }
        ]
    if step.code == next_step.LEAVE_NOT_AT_HOME_LETTER:
        return [
            {
                "label": _("Niet-thuisbrief maken"),
                "url": _url(
                    "outreach:letter_create",
                    pk,
                    step.letter_type,
                    visit_date=step.visit_date.isoformat(),
                    appointment_date=step.appointment_date.isoformat(),
                    appointment_part=step.appointment_part,
                ),
            }
        ]
    if step.code == next_step.SEND_LETTER:
        return [
            {
                "label": _("Als verstuurd aanduiden"),
                "post": reverse("outreach:letter_mark_sent", args=[step.letter_id]),
            },
            {
                "label": _("Brief downloaden"),
                "url": reverse("outreach:letter_download", args=[step.letter_id]),
                "secondary": True,
            },
        ]
    if step.code in (next_step.FIRST_VISIT, next_step.SECOND_VISIT):
        today = timezone.localdate()
        result = {
            "label": _("Resultaat van het bezoek registreren"),
            "url": _url(
                "outreach:attempt_create",
                pk,
                kind=step.visit_kind,
                part_of_day=step.part_of_day,
            ),
        }
        plan = {
            "label": _("Huisbezoek inplannen"),
            "url": _url(
                "outreach:visit_create",
                pk,
                kind=step.visit_kind,
                date=max(step.date, today).isoformat() if step.date else "",
                part_of_day=step.part_of_day,
            ),
            "secondary": True,
        }
        return [result] if step.planned else [result, plan]
    if step.code in (next_step.CONTACT, next_step.WAIT):
        # Not "Contactpoging registreren": that is the general button right below.
        label = _("Reactie of telefoon registreren") if step.code == next_step.WAIT else None
        return [
            {
                "label": label or _("Resultaat van het contact registreren"),
                "url": _url("outreach:attempt_create", pk, kind=ContactAttempt.Kind.PHONE),
            }
        ]
    return []  # help and closing are taken on the follow-up sections


def step_moment(step) -> dict:
    """What the page header adds to a step's date: the part of the day of a visit planned or
    announced for that day (the step then happens *on* its date), and for the not-at-home letter
    the new appointment it will propose."""
    if step is None:
        return {}
    parts = dict(PartOfDay.choices)
    moment = {}
    if step.part_of_day and step.code in (next_step.FIRST_VISIT, next_step.SECOND_VISIT):
        moment["step_part"] = parts.get(step.part_of_day, step.part_of_day)
    if step.code == next_step.LEAVE_NOT_AT_HOME_LETTER and step.appointment_date:
        moment["step_appointment"] = {
            "date": step.appointment_date,
            "part": parts.get(step.appointment_part, step.appointment_part),
        }
    return moment


def attempt_entries(dossier) -> list[dict]:
    """Current and struck attempts, newest first, each with its earlier versions."""
    attempts = list(
        ContactAttempt.objects.filter(dossier=dossier)
        .select_related("performed_by", "created_by", "letter")
        .order_by("recorded_at", "id")
    )
    by_id = {attempt.pk: attempt for attempt in attempts}
    entries = []
    for attempt in attempts:
        if not attempt.is_current and attempt.withdrawn_at is None:
            continue  # an older version: shown under the version that replaced it
        history, previous = [], by_id.get(attempt.replaces_id)
        while previous is not None:
            history.append(previous)
            previous = by_id.get(previous.replaces_id)
        entries.append({"attempt": attempt, "history": history})
    entries.sort(key=lambda entry: entry["attempt"].sort_key(), reverse=True)
    return entries


@sections.register(order=30, key="contacten")
def outreach_section(request, dossier, ctx):
    situation = actions.situation_for(dossier)
    step = next_step.decide(situation)
    # After reaching the household the follow-up may have set its own next step: show that one.
    followup_step = (
        step is not None
        and step.code == next_step.HELP
        and bool(dossier.next_step)
        and dossier.next_step != step.label
    )
    can_change = ctx.get("can_change", False)
    due = dossier.next_step_date if followup_step else (step.date if step else None)
    visits = list(
        PlannedVisit.objects.filter(dossier=dossier, status=PlannedVisit.Status.PLANNED)
        .select_related("worker")
        .order_by("date", "id")
    )
    return {
        "title": _("Contact en brieven"),
        "template": "outreach/section.html",
        "step": step,
        "followup_step": followup_step,
        "step_actions": step_actions(dossier, step) if can_change and not followup_step else [],
        "step_due": due,
        "step_overdue": due is not None and due < situation.today,
        **(step_moment(step) if not followup_step else {}),
        "attempt_count": len(situation.attempts),
        "entries": attempt_entries(dossier),
        "letters": list(dossier.letters.select_related("created_by", "sent_by")),
        "letter_types": letters.letter_types_for(dossier) if can_change else [],
        "visits": visits,
        "handovers": list(dossier.brochure_handovers.all()),
        "attempt_form": AttemptForm(user=request.user, auto_id="poging_%s") if can_change else None,
        "handover_form": HandoverForm(auto_id="brochure_%s") if can_change else None,
    }
