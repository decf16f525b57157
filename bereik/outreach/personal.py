"""Outreach's part of what Bereik holds about a person (`dossiers/personal_data.py`): contact
attempts, planned visits, letters (with their files) and brochures handed over. Retention keeps
the rows the figures count (kind, date, result), empties the notes and removes the letters'
files, and the print batches' files that held one of them."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, ExportFile, Scope
from bereik.outreach.models import (
    BrochureHandover,
    ContactAttempt,
    Letter,
    LetterBatch,
    PlannedVisit,
)

ATTEMPT_FIELDS = (
    "kind", "date", "part_of_day", "result", "note", "performed_by",
    "correction_reason", "withdrawn_reason",
)  # fmt: skip
VISIT_FIELDS = (
    "worker",
    "date",
    "part_of_day",
    "kind",
    "note",
    "status",
    "cancel_reason",
)
LETTER_FIELDS = ("letter_type", "title", "date", "created_at", "sent_on", "file")
HANDOVER_FIELDS = ("title", "date", "note")


def export(scope: Scope) -> Exported:
    ids = scope.dossier_ids
    attempts = ContactAttempt.objects.filter(dossier_id__in=ids).select_related(
        "dossier", "performed_by"
    )
    visits = PlannedVisit.objects.filter(dossier_id__in=ids).select_related("dossier", "worker")
    letters = list(Letter.objects.filter(dossier_id__in=ids).select_related("dossier"))
    handovers = BrochureHandover.objects.filter(dossier_id__in=ids).select_related("dossier")
    result = Exported(
        records=[
            *personal_data.labelled(_("contactpoging"), attempts, ATTEMPT_FIELDS),
            *personal_data.labelled(_("gepland bezoek"), visits, VISIT_FIELDS),
            *personal_data.labelled(_("brief"), letters, LETTER_FIELDS),
            *personal_data.labelled(_("brochure meegegeven"), handovers, HANDOVER_FIELDS),
        ]
    )
    for letter in letters:
        if letter.file:
            name = f"{letter.dossier.number}-{letter.pk}-{letter.file.name.rsplit('/', 1)[-1]}"
            result.files.append(ExportFile("brieven", name, letter.file))
    return result


def erase(scope: Scope) -> Erased:
    ids = scope.dossier_ids
    ContactAttempt.objects.filter(dossier_id__in=ids).update(
        note="", correction_reason="", withdrawn_reason=""
    )
    PlannedVisit.objects.filter(dossier_id__in=ids).update(note="", cancel_reason="")
    BrochureHandover.objects.filter(dossier_id__in=ids).update(note="")
    letters = Letter.objects.filter(dossier_id__in=ids)
    files = personal_data.file_names(letters)
    letter_count = len(files)
    batches = LetterBatch.objects.filter(pk__in=letters.values("batch_id")).exclude(file="")
    files += personal_data.file_names(batches)
    batch_count = batches.update(file="")
    letters.update(file="", options={})
    skipped = _forget_skipped(ids)
    counts = {"letters": letter_count, "letter_batches": batch_count}
    if skipped:
        counts["letter_batches_skipped"] = skipped
    return Erased(counts=counts, files=files)


def _forget_skipped(dossier_ids) -> int:
    """Take the dossiers out of the batches' lists of dossiers that got no letter (their id and
    number). JSON lists are not searchable alike on SQLite and PostgreSQL: the batches with such
    a list are read (a few hundred a year) and only those that named a dossier are written."""
    if not dossier_ids:
        return 0
    changed = []
    for batch in LetterBatch.objects.only("pk", "skipped").iterator(chunk_size=500):
        kept = [
            item
            for item in batch.skipped or []
            if not (isinstance(item, dict) and item.get("dossier") in dossier_ids)
        ]
        if len(kept) != len(batch.skipped or []):
            batch.skipped = kept
            changed.append(batch)
    LetterBatch.objects.bulk_update(changed, ["skipped"], batch_size=200)
    return len(changed)


personal_data.register(
    40, "outreach", _("Contact, bezoeken en brieven"), export=export, erase=erase
)
