"""Letters: filled in from the letter type's template and stored on the dossier, alone or as a
batch merged into one file; marked as sent (a contact attempt of kind brief)."""

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
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import documents
from bereik.outreach import letters as registry
from bereik.outreach import next_step, queries, rules
from bereik.outreach.actions.attempts import attempt_record
from bereik.outreach.actions.brochure import brochure_hand_over
from bereik.outreach.actions.reach import outreach_refresh
from bereik.outreach.actions.shared import user_or_none
from bereik.outreach.models import ContactAttempt, Letter, LetterBatch


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
    letter_type = registry.get_letter_type(letter_type_code)
    data, version = registry.render_letter(letter_type_code, dossier, actor=actor, on=on, **options)
    letter = Letter(
        dossier=dossier,
        letter_type=letter_type.code,
        title=str(letter_type.label),
        options={key: _jsonable(value) for key, value in options.items()},
        template_version=version,
        date=on or timezone.localdate(),
        batch=batch,
        created_by=user_or_none(actor),
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


@transaction.atomic
def letter_mark_sent(letter: Letter, *, sent_on: datetime.date | None = None, actor) -> Letter:
    """The letter went out (posted, left in the letterbox, handed over) on `sent_on` (default
    today): not before the letter's own date, not on a day still to come. A letter of a contact
    type becomes a contact attempt of kind brief; the last letter also hands over the brochure."""
    already_sent = (
        Letter.objects.select_for_update()
        .filter(pk=letter.pk)
        .values_list("sent_on", flat=True)
        .get()
    )
    if already_sent is not None:
        raise ValidationError(_("Deze brief is al als verstuurd aangeduid."))
    sent_on = sent_on or timezone.localdate()
    problem = rules.sent_on_problem(letter.date, sent_on, timezone.localdate())
    if problem:
        raise ValidationError({"sent_on": problem})
    letter.sent_on = sent_on
    letter.sent_by = user_or_none(actor)
    letter.save(update_fields=["sent_on", "sent_by"])
    audit.record("letter.sent", actor=actor, obj=letter)
    try:
        letter_type = registry.get_letter_type(letter.letter_type)
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
            part_of_day=queries.letter_part_of_day(letter.dossier, sent_on),
            result=ContactAttempt.Result.NO_RESPONSE,
            note=letter.title,
            performed_by=user_or_none(actor),
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


@transaction.atomic
def letters_generate_batch(
    dossiers: Iterable[Dossier],
    letter_type_code: str,
    *,
    actor,
    sent_on: datetime.date | None = None,
    title: str = "",
    options_per_dossier: dict[int, dict] | None = None,
    origin_url: str = "",
    origin_label: str = "",
    **options,
) -> LetterBatch:
    """The same letter for several dossiers: each stored on its dossier, and all merged into one
    DOCX (each letter on its own page) kept as a LetterBatch; `batch.content()` gives the bytes.

    `letter_type_code` may be `uitnodiging_lac` (the invitation fitting each dossier's kind).
    `options_per_dossier` (dossier id → options) fills in, per letter, what is known of that
    dossier (e.g. its own LAC session), over the common `options`.
    Dossiers the type does not apply to are skipped and listed in `batch.skipped`. The caller has
    already filtered `dossiers` through the access policy. `origin_url` and `origin_label`: the
    page the batch was made from (a worklist, a LAC session), linked from the batch's page."""
    dossiers = list(dossiers)
    if not dossiers:
        raise ValidationError(_("Kies minstens één dossier."))
    label = (
        _("Uitnodiging LAC")
        if letter_type_code == next_step.INVITATION
        else str(registry.get_letter_type(letter_type_code).label)
    )
    batch = LetterBatch(
        letter_type=letter_type_code,
        title=title or _("%(label)s (%(count)s brieven)") % {"label": label, "count": 0},
        origin_url=origin_url[:500],
        origin_label=str(origin_label)[:200],
        created_by=user_or_none(actor),
    )
    batch.file.save("reeks.docx", ContentFile(b""), save=False)
    batch.save()
    made, skipped = [], []
    for dossier in dossiers:
        code = rules.resolve_letter_type(letter_type_code, dossier)
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
