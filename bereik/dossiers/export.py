"""The dossier list export (CSV and XLSX), used by the worklists and `manage.py export_dossiers`.

The columns are documented in README.md ("Dossiers exporteren"); change both together. Cells are
escaped against formula injection by bereik.lib.export.
"""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils import timezone

from bereik import audit
from bereik.audit.models import AuditEvent
from bereik.lib.export import Column, csv_lines, write_csv, write_xlsx


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


COLUMNS = [
    Column("Dossiernummer", lambda d: d.number, 14),
    Column("Soort", lambda d: d.get_kind_display(), 10),
    Column("Maatschappij", lambda d: d.company.name if d.company else "", 16),
    Column("Klantnummer", lambda d: d.customer_number, 16),
    Column("Cliëntnummer", lambda d: d.client.client_number if d.client else "", 14),
    Column("Naam", lambda d: d.household_name, 28),
    Column("Postcode", lambda d: d.postcode, 9),
    Column("Gemeente", lambda d: d.city, 16),
    Column("Route", lambda d: d.route, 7),
    Column("Toegewezen aan", lambda d: _name(d.assigned_to), 20),
    Column("Team", lambda d: d.team.name if d.team else "", 18),
    Column("Status", lambda d: d.get_status_display(), 14),
    Column("Termijn", lambda d: d.deadline, 12),
    Column("Soort termijn", lambda d: d.get_deadline_kind_display() if d.deadline_kind else "", 16),
    Column("Dagen resterend", lambda d: d.days_left, 10),
    Column("Bereikt op", lambda d: d.reached_on, 12),
    Column("Volgende stap", lambda d: d.next_step, 36),
    Column("Datum volgende stap", lambda d: d.next_step_date, 12),
]

FORMATS = ("csv", "xlsx")


def prepare(queryset: QuerySet) -> QuerySet:
    """The rows with everything the columns need, in one query."""
    return queryset.select_related("company", "client", "assigned_to", "team")


def filename(fmt: str, stem: str = "dossiers") -> str:
    return f"{stem}-{timezone.localdate():%Y%m%d}.{fmt}"


def record_export(*, actor, rows: int, fmt: str, purpose: str, details: dict | None = None):
    """An export is a read of everyone on the list: one audit event with what and how many."""
    audit.record(
        "dossiers.export",
        actor=actor,
        kind=AuditEvent.Kind.READ,
        purpose=purpose,
        details={"rows": rows, "format": fmt, **(details or {})},
    )


def rows_of(queryset: QuerySet):
    return prepare(queryset).iterator(chunk_size=2000)


def csv_stream(queryset: QuerySet):
    """CSV lines for a StreamingHttpResponse."""
    return csv_lines(COLUMNS, rows_of(queryset))


def write(queryset: QuerySet, fmt: str, stream) -> int:
    """Write to a text stream (csv) or binary stream (xlsx); returns the number of rows."""
    if fmt == "xlsx":
        return write_xlsx(stream, COLUMNS, rows_of(queryset), title="Dossiers")
    return write_csv(stream, COLUMNS, rows_of(queryset))


def xlsx_bytes(queryset: QuerySet) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    count = write(queryset, "xlsx", buffer)
    return buffer.getvalue(), count
