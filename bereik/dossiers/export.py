"""The dossier list export (CSV and XLSX), used by the worklists and `manage.py export_dossiers`.

The columns are `bereik.dossiers.columns` (shared with the screen), documented in README.md
("Exporting dossiers"); change both together. Cells are escaped against formula injection by
bereik.lib.export.
"""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils import timezone

from bereik import audit
from bereik.audit.models import AuditEvent
from bereik.dossiers import columns
from bereik.lib.export import csv_lines, write_csv, write_xlsx

FORMATS = ("csv", "xlsx")


def filename(fmt: str, stem: str = "dossiers") -> str:
    return f"{stem}-{timezone.localdate():%Y%m%d}.{fmt}"


def record_export(*, actor, ids: list, fmt: str, purpose: str, details: dict | None = None):
    """An export is a read of everyone on the list: one audit event with what, how many and the
    ids of the dossiers in it."""
    audit.record(
        "dossiers.export",
        actor=actor,
        kind=AuditEvent.Kind.READ,
        purpose=purpose,
        details={"rows": len(ids), "format": fmt, **(details or {}), "ids": ids},
    )


def rows_of(queryset: QuerySet):
    return columns.with_related(queryset).iterator(chunk_size=2000)


def csv_stream(queryset: QuerySet):
    """CSV lines for a StreamingHttpResponse."""
    return csv_lines(columns.export_columns(), rows_of(queryset))


def write(queryset: QuerySet, fmt: str, stream) -> int:
    """Write to a text stream (csv) or binary stream (xlsx); returns the number of rows."""
    if fmt == "xlsx":
        return write_xlsx(stream, columns.export_columns(), rows_of(queryset), title="Dossiers")
    return write_csv(stream, columns.export_columns(), rows_of(queryset))


def xlsx_bytes(queryset: QuerySet) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    count = write(queryset, "xlsx", buffer)
    return buffer.getvalue(), count
