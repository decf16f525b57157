"""The breakdown per worker is about colleagues' work: every look at it (the page, the XLSX, the
command line) is a read in the audit trail, with the period."""

from bereik import audit
from bereik.audit.models import AuditEvent


def record_workers_read(user, period, *, purpose: str) -> None:
    audit.record(
        "reports.workers",
        actor=user,
        kind=AuditEvent.Kind.READ,
        purpose=purpose,
        details={"from": period.first.isoformat(), "to": period.last.isoformat()},
    )
