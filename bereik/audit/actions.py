import datetime

from django.db import transaction

from bereik import audit
from bereik.audit import chain, subjects
from bereik.audit.models import AuditChain


def retention_cutoff(now: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


@transaction.atomic
def audit_prune(*, before: datetime.datetime, actor=None, dry_run: bool = False) -> int:
    """Remove audit events older than `before`: the retention period set by the beheerder has
    passed. The only way events ever leave the trail. The chain is cut before the first event
    still inside the period; the removal itself is recorded with where the chain restarts and
    the hash it restarts from, so `audit_verify` still checks what is left (ADR 0027)."""
    if dry_run:
        return chain.count_before(before)
    deleted, _restart = chain.cut(before)
    if deleted:
        # The removed events' names leave the label search's index now, not at a later merge.
        subjects.LABELS.optimize()
    head = AuditChain.objects.get(pk=1)
    audit.record(
        "audit.prune",
        actor=actor,
        details={
            "before": before.isoformat(),
            "deleted": deleted,
            "chain_restarts_at": head.start_seq,
            "chain_restarts_from": head.start_prev_hash,
        },
    )
    return deleted
