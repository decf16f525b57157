import datetime

from django.db import models, transaction

from bereik import audit
from bereik.audit.models import AuditEvent


def retention_cutoff(now: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


@transaction.atomic
def audit_prune(*, before: datetime.datetime, actor=None, dry_run: bool = False) -> int:
    """Remove audit events older than `before`: the retention period set by the beheerder has
    passed. The only way events ever leave the trail; the removal itself is recorded."""
    old = AuditEvent.objects.filter(at__lt=before)
    if dry_run:
        return old.count()
    # AuditEventQuerySet refuses delete() on purpose; retention is the one exception.
    deleted, _counts = models.QuerySet.delete(old)
    audit.record(
        "audit.prune",
        actor=actor,
        details={"before": before.isoformat(), "deleted": deleted},
    )
    return deleted
