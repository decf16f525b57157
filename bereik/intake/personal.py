"""The intake's part of what Bereik holds about a person (`dossiers/personal_data.py`): the rows
of the imported files that named them, and the court documents of their dossiers.

Retention empties the rows of the erased dossiers and signals, and removes an imported file once
no row of it points to a dossier that is still kept (a company's list names many households:
its file goes with the last of them; a court document with its dossier). The register exports
it is told about (`scope.import_ids`: superseded and past the clients' period) lose their file
and their rows' data."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.models import Signal
from bereik.dossiers.personal_data import Erased, Exported, ExportFile, Scope
from bereik.intake.models import ImportBatch, ImportRow

ROW_FIELDS = ("number", "outcome", "customer_number", "name", "note", "raw")
BLANK_ROW = {"customer_number": "", "name": "", "note": "", "errors": [], "warnings": [], "raw": {}}


def _rows(scope: Scope):
    return ImportRow.objects.filter(
        Q(dossier_id__in=scope.dossier_ids)
        | Q(signal__dossier_id__in=scope.dossier_ids)
        | Q(signal_id__in=scope.signal_ids)
    )


def export(scope: Scope) -> Exported:
    # With the rows of a weekly report's lines kept with the client (the dossiers' part exports
    # those lines too); retention erases them with the signals past their period.
    kept_with_client = Q(signal__dossier__isnull=True, signal__client_id__in=scope.client_ids)
    rows = (_rows(scope) | ImportRow.objects.filter(kept_with_client)).select_related("batch")
    result = Exported()
    for row, record in zip(rows, personal_data.records(rows, ROW_FIELDS), strict=True):
        kind = {personal_data.KIND_LABEL: str(_("rij in een ingelezen bestand"))}
        result.records.append({**kind, "bestand": row.batch.file_name, **record})
    documents = ImportBatch.objects.filter(
        kind=Signal.Kind.UITHUISZETTING, rows__dossier_id__in=scope.dossier_ids
    ).distinct()
    for batch in documents:
        if batch.file:
            name = f"gerechtelijk-document-{batch.pk}-{batch.file_name}"
            result.files.append(ExportFile("documenten", name, batch.file))
    return result


def erase(scope: Scope) -> Erased:
    rows = _rows(scope)
    batch_ids = set(rows.values_list("batch_id", flat=True)) | set(scope.import_ids)
    erased = Erased(counts={"import_rows": rows.update(**BLANK_ROW)})
    # A file goes when none of its rows points to a dossier still kept (anonymised ones are done
    # by the dossiers' part, earlier in the same transaction).
    kept = ImportRow.objects.filter(
        batch_id__in=batch_ids, dossier__isnull=False, dossier__anonymised_at__isnull=True
    ).values_list("batch_id", flat=True)
    done = ImportBatch.objects.filter(pk__in=batch_ids - set(kept)).exclude(file="")
    erased.files += personal_data.file_names(done)
    ImportRow.objects.filter(batch__in=done).update(**BLANK_ROW)
    erased.counts["import_files"] = done.update(file="", file_name="", notes=[])
    return erased


personal_data.register(15, "intake", _("Ingelezen bestanden"), export=export, erase=erase)
