"""Writes of the outreach app. Every function takes `actor=`, runs in a transaction, leaves an audit
event, and keeps the dossier's reached_on, next step and status in line with the practice's rules
(`outreach_refresh`)."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log, dossier_set_status
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.outreach import letters, next_step
from bereik.outreach.models import (
    PART_RANK,
    Brochure,
    BrochureHandover,
    ContactAttempt,
    Letter,
    LetterBatch,
    LetterTemplate,
    PlannedVisit,
    current_part_of_day,
)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- reached, status and the volgende stap ---------------------------------------------------


def _reached_and_status(dossier: Dossier, situation: next_step.Situation):
    """What the attempts say of the dossier: the day it was first reached, and the status to move
    to (None to keep it) with the reason for the timeline. In progress at the first attempt;
    back in progress when a correction un-reaches it."""
    reached = situation.reached_on
    was_reached = dossier.reached_on is not None
    started = bool(situation.attempts) and dossier.status in (
        Dossier.Status.NEW,
        Dossier.Status.ASSIGNED,
    )
    unreached = not reached and was_reached and dossier.status == Dossier.Status.REACHED
    status, reason = None, ""
    if dossier.status != Dossier.Status.CLOSED:
        if reached and dossier.status != Dossier.Status.REACHED:
            status = Dossier.Status.REACHED
        elif started or unreached:
            status = Dossier.Status.IN_PROGRESS
        if unreached:
            reason = _("Na een correctie is er geen contactpoging meer die het gezin bereikte.")
    return reached, status, reason


def reached_and_status_sync(dossier: Dossier, situation: next_step.Situation, *, actor) -> bool:
    """Store what the attempts say of reached_on and the status, when they differ (the status
    moves with a timeline entry). Returns whether anything changed."""
    reached, status, reason = _reached_and_status(dossier, situation)
    if dossier.reached_on != reached:
        dossier.reached_on = reached
        dossier.save(update_fields=["reached_on", "updated_at"])
    if status is not None:
        dossier_set_status(dossier, status, actor=actor, reason=reason)
    return dossier.reached_on != reached or status is not None


@transaction.atomic
def outreach_refresh(dossier: Dossier, *, actor) -> None:
    """Bring reached_on, the status and the volgende stap in line with the attempts, letters and
    visits (`bereik.dossiers.next_step` asks the contact rule, which reads the same facts)."""
    # Callers may hold an instance another action already changed: start from the database.
    steps.refresh_one(dossier, actor=actor)


# --- contact attempts ---------------------------------------------------------------------------


def _attempt_summary(attempt: ContactAttempt) -> str:
    return _("%(kind)s op %(date)s (%(part)s): %(result)s") % {
        "kind": attempt.get_kind_display(),
        "date": attempt.date.strftime("%d/%m/%Y"),
        "part": attempt.get_part_of_day_display(),
        "result": attempt.result_label,
    }


def _complete_planned_visit(attempt: ContactAttempt) -> None:
    """A visit recorded for a dossier closes the planned visit it carried out (same kind first)."""
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
def attempt_record(
    dossier: Dossier,
    *,
    kind: str,
    date: datetime.date,
    part_of_day: str,
    result: str,
    note: str = "",
    performed_by=None,
    letter: Letter | None = None,
    actor,
) -> ContactAttempt:
    if kind not in dict(ContactAttempt.Kind.choices) or result not in dict(
        ContactAttempt.Result.choices
    ):
        raise ValidationError(_("Onbekende soort contact of onbekend resultaat."))
    now = timezone.now()
    attempt = ContactAttempt.objects.create(
        dossier=dossier,
        kind=kind,
        date=date,
        part_of_day=part_of_day,
        result=result,
        note=note.strip(),
        performed_by=performed_by,
        letter=letter,
        recorded_at=now,
        created_at=now,
        created_by=_user(actor),
    )
    _complete_planned_visit(attempt)
    dossier_log(
        dossier,
        "contact",
        _attempt_summary(attempt),
        actor=actor,
        text=attempt.note,
        data={"attempt": attempt.pk, "kind": kind, "result": result},
    )
    audit.record(
        "contact_attempt.create", actor=actor, obj=attempt, details={"kind": kind, "result": result}
    )
    outreach_refresh(dossier, actor=actor)
    return attempt


@transaction.atomic
def attempt_correct(attempt: ContactAttempt, *, reason: str, actor, **fields) -> ContactAttempt:
    """Replace an attempt by a corrected version; the old one stays in the history."""
    attempt = ContactAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_current:
        raise ValidationError(_("Deze contactpoging werd al gecorrigeerd of geschrapt."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor de correctie.")})
    allowed = {"kind", "date", "part_of_day", "result", "note", "performed_by"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"attempt_correct: unknown fields {sorted(unknown)}")
    attempt.is_current = False
    attempt.save(update_fields=["is_current"])
    values = {name: getattr(attempt, name) for name in allowed}
    values.update(fields)
    corrected = ContactAttempt.objects.create(
        dossier=attempt.dossier,
        letter=attempt.letter,
        replaces=attempt,
        correction_reason=reason,
        recorded_at=attempt.recorded_at,
        created_at=timezone.now(),
        created_by=_user(actor),
        **values,
    )
    PlannedVisit.objects.filter(attempt=attempt).update(attempt=corrected)
    dossier_log(
        attempt.dossier,
        "contact",
        _("Contactpoging gecorrigeerd: %(summary)s") % {"summary": _attempt_summary(corrected)},
        actor=actor,
        text=reason,
        data={"attempt": corrected.pk, "replaces": attempt.pk},
    )
    audit.record(
        "contact_attempt.correct",
        actor=actor,
        obj=corrected,
        details={"replaces": attempt.pk, "fields": sorted(fields)},
    )
    outreach_refresh(attempt.dossier, actor=actor)
    return corrected


@transaction.atomic
def attempt_withdraw(attempt: ContactAttempt, *, reason: str, actor) -> ContactAttempt:
    """Strike an attempt entered by mistake. It stays visible in the history, with the reason."""
    attempt = ContactAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_current:
        raise ValidationError(_("Deze contactpoging werd al gecorrigeerd of geschrapt."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden om de contactpoging te schrappen.")})
    attempt.is_current = False
    attempt.withdrawn_reason = reason
    attempt.withdrawn_at = timezone.now()
    attempt.save(update_fields=["is_current", "withdrawn_reason", "withdrawn_at"])
    PlannedVisit.objects.filter(attempt=attempt).update(
        attempt=None, status=PlannedVisit.Status.PLANNED
    )
    if attempt.letter_id:
        # The letter's sending was the attempt: it counts as not sent any more.
        Letter.objects.filter(pk=attempt.letter_id).update(sent_on=None, sent_by=None)
    dossier_log(
        attempt.dossier,
        "contact",
        _("Contactpoging geschrapt: %(summary)s") % {"summary": _attempt_summary(attempt)},
        actor=actor,
        text=reason,
        data={"attempt": attempt.pk},
    )
    audit.record("contact_attempt.withdraw", actor=actor, obj=attempt)
    outreach_refresh(attempt.dossier, actor=actor)
    return attempt


# --- planned visits -----------------------------------------------------------------------------


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
        created_by=_user(actor),
    )
    summary = _("%(kind)s gepland op %(date)s (%(part)s) door %(worker)s") % {
        "kind": visit.get_kind_display(),
        "date": date.strftime("%d/%m/%Y"),
        "part": visit.get_part_of_day_display(),
        "worker": worker,
    }
    dossier_log(dossier, "visit", summary, actor=actor, text=note, data={"visit": visit.pk})
    audit.record("planned_visit.create", actor=actor, obj=visit)
    if _user(actor) is None or worker.pk != actor.pk:
        notify(worker, summary + f" · {dossier.number}", url=dossier.get_absolute_url())
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


# --- letters ------------------------------------------------------------------------------------


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return {"model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@transaction.atomic
def letter_generate(
    dossier: Dossier,
    letter_type_code: str,
    *,
    actor,
    sent_on: datetime.date | None = None,
    on: datetime.date | None = None,
    batch: LetterBatch | None = None,
    **options,
) -> Letter:
    """Fill in a letter for a dossier and store it (DOCX under MEDIA_ROOT). `options` go to the
    letter type's build_context. With `sent_on`, the letter is also marked as sent."""
    letter_type = letters.get_letter_type(letter_type_code)
    data, version = letters.render_letter(letter_type_code, dossier, actor=actor, on=on, **options)
    letter = Letter(
        dossier=dossier,
        letter_type=letter_type.code,
        title=str(letter_type.label),
        options={key: _jsonable(value) for key, value in options.items()},
        template_version=version,
        batch=batch,
        created_by=_user(actor),
    )
    letter.file.save("brief.docx", ContentFile(data), save=False)
    letter.save()
    dossier_log(
        dossier,
        "letter",
        _("Brief gemaakt: %(title)s") % {"title": letter.title},
        actor=actor,
        data={"letter": letter.pk, "type": letter.letter_type},
    )
    audit.record("letter.generate", actor=actor, obj=letter, details={"type": letter.letter_type})
    if letter_type.on_created is not None:
        letter_type.on_created(letter, options, actor)
    if sent_on is not None:
        letter_mark_sent(letter, sent_on=sent_on, actor=actor)
    else:
        outreach_refresh(dossier, actor=actor)
    return letter


def _letter_part_of_day(dossier: Dossier, sent_on: datetime.date) -> str:
    """A letter goes out after what happened earlier that day (e.g. the visit it was left at), so
    it never sorts before it."""
    parts = [
        PART_RANK[part]
        for part in ContactAttempt.objects.filter(
            dossier=dossier, is_current=True, date=sent_on
        ).values_list("part_of_day", flat=True)
        if part in PART_RANK
    ]
    if sent_on == timezone.localdate():
        parts.append(PART_RANK[current_part_of_day()])
    rank = max(parts, default=0)
    return next(part for part, value in PART_RANK.items() if value == rank)


@transaction.atomic
def letter_mark_sent(letter: Letter, *, sent_on: datetime.date | None = None, actor) -> Letter:
    """The letter went out (posted, left in the letterbox, handed over). A letter of a contact type
    becomes a contact attempt of kind brief; the last letter also hands over the brochure."""
    already_sent = (
        Letter.objects.select_for_update()
        .filter(pk=letter.pk)
        .values_list("sent_on", flat=True)
        .get()
    )
    if already_sent is not None:
        raise ValidationError(_("Deze brief is al als verstuurd aangeduid."))
    sent_on = sent_on or timezone.localdate()
    letter.sent_on = sent_on
    letter.sent_by = _user(actor)
    letter.save(update_fields=["sent_on", "sent_by"])
    audit.record("letter.sent", actor=actor, obj=letter)
    try:
        letter_type = letters.get_letter_type(letter.letter_type)
    except LookupError:
        letter_type = None
    if letter_type is not None and letter_type.encloses_brochure:
        brochure_hand_over(
            letter.dossier,
            date=sent_on,
            letter=letter,
            note=_("Met de brief: %(title)s") % {"title": letter.title},
            actor=actor,
        )
    if letter_type is None or letter_type.counts_as_contact:
        attempt_record(
            letter.dossier,
            kind=ContactAttempt.Kind.LETTER,
            date=sent_on,
            part_of_day=_letter_part_of_day(letter.dossier, sent_on),
            result=ContactAttempt.Result.NO_RESPONSE,
            note=letter.title,
            performed_by=_user(actor),
            letter=letter,
            actor=actor,
        )
    else:
        dossier_log(
            letter.dossier,
            "letter",
            _("Brief verstuurd: %(title)s") % {"title": letter.title},
            actor=actor,
            data={"letter": letter.pk},
        )
        outreach_refresh(letter.dossier, actor=actor)
    return letter


def resolve_letter_type(code: str, dossier: Dossier) -> str | None:
    """`uitnodiging_lac` means the LAC invitation of the dossier's kind; None when the type does not
    apply to the dossier (e.g. an LAC invitation for an eviction)."""
    from bereik.outreach.letter_types import INVITATION

    if code == INVITATION:
        if dossier.kind not in (Dossier.Kind.WATER, Dossier.Kind.ENERGIE):
            return None
        return next_step.invitation_type(dossier.kind)
    return code if letters.get_letter_type(code).is_for(dossier) else None


@transaction.atomic
def letters_generate_batch(
    dossiers: Iterable[Dossier],
    letter_type_code: str,
    *,
    actor,
    sent_on: datetime.date | None = None,
    title: str = "",
    options_per_dossier: dict[int, dict] | None = None,
    **options,
) -> LetterBatch:
    """The same letter for several dossiers: each stored on its dossier, and all merged into one
    DOCX (each letter on its own page) kept as a LetterBatch; `batch.content()` gives the bytes.

    `letter_type_code` may be `uitnodiging_lac` (the invitation fitting each dossier's kind).
    `options_per_dossier` (dossier id → options) fills in, per letter, what is known of that
    dossier (e.g. its own LAC session), over the common `options`.
    Dossiers the type does not apply to are skipped and listed in `batch.skipped`. The caller has
    already filtered `dossiers` through the access policy."""
    from bereik.outreach.letter_types import INVITATION

    dossiers = list(dossiers)
    if not dossiers:
        raise ValidationError(_("Kies minstens één dossier."))
    label = (
        _("Uitnodiging LAC")
        if letter_type_code == INVITATION
        else str(letters.get_letter_type(letter_type_code).label)
    )
    batch = LetterBatch(
        letter_type=letter_type_code,
        title=title or _("%(label)s (%(count)s brieven)") % {"label": label, "count": 0},
        created_by=_user(actor),
    )
    batch.file.save("reeks.docx", ContentFile(b""), save=False)
    batch.save()
    made, skipped = [], []
    for dossier in dossiers:
        code = resolve_letter_type(letter_type_code, dossier)
        if code is None:
            skipped.append({"dossier": dossier.pk, "number": dossier.number})
            continue
        own = (options_per_dossier or {}).get(dossier.pk, {})
        made.append(
            letter_generate(
                dossier, code, actor=actor, sent_on=sent_on, batch=batch, **{**options, **own}
            )
        )
    if not made:
        raise ValidationError(_("Deze brief past bij geen enkel gekozen dossier."))
    merged = documents.merge_docx([letter.content() for letter in made])
    batch.file.delete(save=False)
    batch.file.save("reeks.docx", ContentFile(merged), save=False)
    batch.skipped = skipped
    if not title:
        batch.title = _("%(label)s (%(count)s brieven)") % {"label": label, "count": len(made)}
    batch.save()
    audit.record(
        "letter_batch.generate",
        actor=actor,
        obj=batch,
        details={"type": letter_type_code, "letters": len(made), "skipped": len(skipped)},
    )
    return batch


# --- templates and brochure (beheerder) ----------------------------------------------------------


@transaction.atomic
def letter_template_upload(
    letter_type_code: str, data: bytes, *, original_name: str = "", actor
) -> LetterTemplate:
    """Replace a letter type's template. Refused (ValidationError in Dutch) when invalid: the
    template in use stays."""
    letter_type = letters.get_letter_type(letter_type_code)
    documents.validate_docx_template(data, letter_type.all_placeholders)
    template = LetterTemplate.objects.filter(code=letter_type.code).first()
    old_file = template.file.name if template else None
    if template is None:
        template = LetterTemplate(code=letter_type.code)
    template.original_name = original_name[:200]
    template.uploaded_at = timezone.now()
    template.uploaded_by = _user(actor)
    template.file.save(f"{letter_type.code}.docx", ContentFile(data), save=False)
    template.save()
    if old_file:
        storage = template.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    audit.record(
        "letter_template.upload",
        actor=actor,
        obj=template,
        details={"type": letter_type.code, "name": template.original_name},
    )
    return template


@transaction.atomic
def letter_template_restore(letter_type_code: str, *, actor) -> None:
    """Go back to the default template shipped with the application."""
    template = LetterTemplate.objects.filter(code=letter_type_code).first()
    if template is None:
        return
    name, storage = template.file.name, template.file.storage
    audit.record("letter_template.restore", actor=actor, obj=template)
    template.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def brochure_upload(*, title: str, data: bytes, actor) -> Brochure:
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Dit is geen PDF-bestand."))
    brochure = Brochure(title=title.strip(), uploaded_by=_user(actor))
    brochure.file.save("brochure.pdf", ContentFile(data), save=False)
    brochure.save()
    audit.record("brochure.upload", actor=actor, obj=brochure)
    return brochure


@transaction.atomic
def brochure_hand_over(
    dossier: Dossier,
    *,
    date: datetime.date,
    letter: Letter | None = None,
    note: str = "",
    actor,
) -> BrochureHandover:
    from bereik.outreach.letter_types import brochure_title

    handover = BrochureHandover.objects.create(
        dossier=dossier,
        title=brochure_title(),
        date=date,
        letter=letter,
        note=note[:300],
        created_by=_user(actor),
    )
    dossier_log(
        dossier,
        "brochure",
        _("Brochure ‘%(title)s’ meegegeven op %(date)s")
        % {"title": handover.title, "date": date.strftime("%d/%m/%Y")},
        actor=actor,
        text=note,
        data={"handover": handover.pk},
    )
    audit.record("brochure.hand_over", actor=actor, obj=handover)
    return handover


@transaction.atomic
def brochure_hand_over_once(
    dossier: Dossier, *, date: datetime.date, note: str = "", actor
) -> BrochureHandover:
    """The brochure was handed over, e.g. gone through in the conversation with the household
    (bereik.followup): recorded unless the dossier already has a handover, so that the brochure
    block has one truth and a second conversation adds no second handover."""
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True))
    earlier = dossier.brochure_handovers.order_by("date", "id").first()
    if earlier is not None:
        return earlier
    return brochure_hand_over(dossier, date=date, note=note, actor=actor)
