"""Batch writes for matching, triage and assignment: a list of 10,000 dossiers is stored with a
few bulk inserts and updates, not a dozen queries per dossier. Timeline entries are built here
exactly as `dossiers.actions.dossier_log` builds them, then inserted together."""

from __future__ import annotations

from django.utils import timezone

from bereik.dossiers.models import Dossier, DossierEvent

BATCH = 500


def entry(
    dossier: Dossier, kind: str, summary: str, *, actor, text: str = "", data=None, at=None
) -> DossierEvent:
    """An unsaved timeline entry, as dossier_log would make it."""
    return DossierEvent(
        dossier=dossier,
        kind=kind,
        summary=str(summary)[:300],
        text=text,
        data=data or {},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at or timezone.now(),
    )


def save_entries(entries: list[DossierEvent]) -> None:
    DossierEvent.objects.bulk_create(entries, batch_size=BATCH)


def ensure_triages(dossiers: list[Dossier]) -> None:
    """Give every dossier its Triage row (made when missing), attached as `dossier.triage`,
    with two queries at most."""
    from bereik.clients.models import Triage

    missing = [d for d in dossiers if not _has_triage(d)]
    if not missing:
        return
    found = {}
    for start in range(0, len(missing), BATCH):
        chunk = [d.pk for d in missing[start : start + BATCH]]
        found.update({t.dossier_id: t for t in Triage.objects.filter(dossier_id__in=chunk)})
    new = [Triage(dossier=d) for d in missing if d.pk not in found]
    Triage.objects.bulk_create(new, batch_size=BATCH)
    if new and new[0].pk is None:  # a database that returns no primary keys from bulk inserts
        ids = [t.dossier_id for t in new]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            found.update({t.dossier_id: t for t in Triage.objects.filter(dossier_id__in=chunk)})
    else:
        found.update({t.dossier_id: t for t in new})
    for dossier in missing:
        dossier.triage = found[dossier.pk]


def _has_triage(dossier: Dossier) -> bool:
    """Known to have a Triage row without a query (loaded with select_related or attached)."""
    descriptor = Dossier.triage
    return (
        descriptor.is_cached(dossier) and descriptor.related.get_cached_value(dossier) is not None
    )
