"""Writes of the guiding questions: the beheerder's lists, a checklist filled with a household,
and a suggestion turned into a referral in one step. Each runs in one transaction and records an
audit event; what the dossier's workers should see goes on its timeline."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.checklists import rules
from bereik.checklists.models import Answer, Checklist, FilledChecklist, Question, Reply, Target
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.followup import actions as followup_actions
from bereik.lib import locking

# --- The beheerder's lists ---------------------------------------------------------------------


@transaction.atomic
def checklist_save(checklist: Checklist, *, actor, version: str | None = None) -> Checklist:
    """`version`: what the Beheer form was loaded from (ADR 0025)."""
    created = checklist.pk is None
    if not created:
        locking.check(checklist, version)
    checklist.save()
    audit.record(
        f"checklists.checklist.{'create' if created else 'update'}",
        actor=actor,
        obj=checklist,
        details={"active": checklist.active},
    )
    return checklist


@transaction.atomic
def question_save(question: Question, *, actor, version: str | None = None) -> Question:
    """Create or update a question. A suggestion that refers nowhere keeps no team or
    organisation, so what was stored always matches where it refers. `version`: what the Beheer
    form was loaded from; StaleEdit when someone saved the question in between (ADR 0025)."""
    if question.pk is not None:
        locking.check(question, version)
    question.full_clean()
    routing = question.routing()
    question.team_id = routing["team_id"]
    question.help_kind = routing["help_kind"]
    question.organisation_id = routing["organisation_id"]
    created = question.pk is None
    question.save()
    audit.record(
        f"checklists.question.{'create' if created else 'update'}",
        actor=actor,
        obj=question,
        details={"checklist": question.checklist_id, "target": question.target},
    )
    return question


# --- Filling a checklist with a household ------------------------------------------------------


@transaction.atomic
def checklist_fill(
    dossier: Dossier,
    checklist: Checklist,
    answers: Mapping,
    *,
    note: str = "",
    actor,
) -> FilledChecklist:
    """Keep the answers given with the household (`answers`: question or its id → `Reply`;
    questions left unanswered are not kept) on the dossier. Returns the filled checklist; its
    `suggestions` are the answers that suggest a referral, in the list's order."""
    if not checklist.active:
        raise ValidationError(_("Deze lijst wordt niet meer gebruikt."))
    questions = {q.pk: q for q in checklist.questions.filter(active=True)}
    given = {}
    for key, reply in answers.items():
        pk = key.pk if isinstance(key, Question) else int(key)
        if pk not in questions:
            raise ValidationError(_("Een vraag hoort niet (meer) bij deze lijst."))
        if reply and reply not in Reply.values:
            raise ValidationError(_("Een antwoord is ongeldig."))
        if reply:
            given[pk] = reply
    if not given:
        raise ValidationError(_("Beantwoord minstens één vraag."))
    filled = FilledChecklist.objects.create(
        dossier=dossier,
        checklist=checklist,
        checklist_name=checklist.name,
        filled_by=actor,
        note=note.strip(),
    )
    rows = []
    for order, question in enumerate(
        sorted(questions.values(), key=lambda q: (q.order, q.pk)), start=1
    ):
        reply = given.get(question.pk)
        if reply is None:
            continue
        answer = Answer(
            filled=filled,
            question=question,
            question_text=question.text,
            reply=reply,
            order=order,
        )
        if rules.suggests(question, reply):
            routing = question.routing()
            answer.suggestion = question.suggestion
            answer.target = routing["target"]
            answer.team_id = routing["team_id"]
            answer.help_kind = routing["help_kind"]
            answer.organisation_id = routing["organisation_id"]
        rows.append(answer)
    Answer.objects.bulk_create(rows)
    filled.suggestions = [answer for answer in rows if answer.suggests]
    _log_fill(filled, rows, actor)
    audit.record(
        "checklists.fill",
        actor=actor,
        obj=filled,
        details={
            "checklist": checklist.pk,
            "answers": len(rows),
            "suggestions": len(filled.suggestions),
        },
    )
    return filled


def _log_fill(filled: FilledChecklist, rows: list[Answer], actor) -> None:
    count = len(filled.suggestions)
    if count:
        summary = ngettext(
            "Richtvragen %(checklist)s overlopen: %(count)s voorstel (%(what)s)",
            "Richtvragen %(checklist)s overlopen: %(count)s voorstellen (%(what)s)",
            count,
        ) % {
            "checklist": filled.checklist_name,
            "count": count,
            "what": "; ".join(answer.suggestion for answer in filled.suggestions),
        }
    else:
        summary = _("Richtvragen %(checklist)s overlopen: geen voorstel") % {
            "checklist": filled.checklist_name
        }
    lines = [f"{answer.question_text} {answer.get_reply_display()}" for answer in rows]
    if filled.note:
        lines += ["", filled.note]
    dossier_log(
        filled.dossier,
        "richtvragen",
        summary,
        actor=actor,
        text="\n".join(lines),
        data={"filled_checklist": filled.pk},
    )


# --- A suggestion turned into a referral -------------------------------------------------------


@transaction.atomic
def suggestion_refer(answer: Answer, *, contact_person: str = "", actor) -> Answer:
    """Turn a suggestion into the referral it names, in one step: a water scan request, an
    internal referral to the team, or a warm handover to the organisation (through the follow-up's
    actions, which put it on the timeline). The answer remembers who referred and what was made."""
    # Decide on the stored state, not on what the caller loaded earlier.
    answer.refresh_from_db(fields=["referred_at"])
    if not answer.referable:
        raise ValidationError(_("Bij dit antwoord hoort geen doorverwijzing."))
    if answer.referred_at is not None:
        raise ValidationError(_("Dit voorstel is al doorverwezen."))
    dossier = answer.filled.dossier
    reason = rules.referral_reason(answer)
    today = timezone.localdate()
    if answer.target == Target.WATER_SCAN:
        followup_actions.water_scan_request(dossier, requested_on=today, actor=actor)
        made = _("Waterscan aangevraagd")
    elif answer.target == Target.TEAM:
        blocker = rules.refer_blocker(answer, actor)
        if blocker:
            raise ValidationError(blocker)
        referral = followup_actions.referral_create(
            dossier,
            to_team=answer.team,
            help_kind=answer.help_kind,
            reason=reason,
            actor=actor,
        )
        made = _("Doorverwezen naar %(team)s") % {"team": referral.to_team}
    else:
        organisation = answer.organisation
        followup_actions.handover_create(
            dossier,
            organisation=organisation,
            contact_person=contact_person.strip() or rules.default_contact_person(organisation),
            referred_on=today,
            reason=reason,
            actor=actor,
        )
        made = _("Warme overdracht naar %(organisation)s") % {"organisation": organisation}
    answer.referred_at, answer.referred_by, answer.referral_summary = timezone.now(), actor, made
    answer.save(update_fields=["referred_at", "referred_by", "referral_summary"])
    audit.record(
        "checklists.suggestion.refer",
        actor=actor,
        obj=answer,
        details={"filled_checklist": answer.filled_id, "target": answer.target},
    )
    return answer
