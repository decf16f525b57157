"""Reads of the intake: the earlier import of a file, the previews nobody confirmed, and the plan
of a stored preview as it would be imported now."""

from __future__ import annotations

import datetime

from django.utils import timezone

from bereik.intake import kinds
from bereik.intake.models import ImportBatch

PREVIEW_LIFETIME = datetime.timedelta(days=1)


def earlier_import(digest: str) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(sha256=digest, status=ImportBatch.Status.IMPORTED)
        .select_related("company", "imported_by", "created_by")
        .first()
    )


def stale_previews():
    """Previews nobody confirmed within a day: they hold personal data for nothing."""
    return ImportBatch.objects.filter(
        status=ImportBatch.Status.PREVIEW, created_at__lt=timezone.now() - PREVIEW_LIFETIME
    )


def plan_for(batch: ImportBatch, *, overrides: dict | None = None, sink=None):
    """The plan for a stored preview, as it would be imported now (by its kind's rules). With a
    `sink` (a kind's `stream`), each batch of rows is stored while the plan is made."""
    kind = kinds.get(batch.kind)
    with batch.file.open("rb") as stream:
        content = stream.read()
    options = kinds.Options(
        kind=batch.kind,
        company=batch.company,
        session_date=batch.session_date,
        overrides=overrides,
    )
    if sink is not None:
        return kind.plan(content, filename=batch.file_name, options=options, sink=sink)
    return kind.plan(content, filename=batch.file_name, options=options)
