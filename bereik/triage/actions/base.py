"""The Triage row every matched or triaged dossier has: made when missing, one at a time or for a
batch with two queries at most."""

from __future__ import annotations

from bereik.dossiers import bulk
from bereik.dossiers.bulk import BATCH
from bereik.dossiers.models import Dossier
from bereik.lib.idlists import Ids
from bereik.triage.models import Triage


def triage_of(dossier: Dossier) -> Triage:
    try:
        return dossier.triage
    except Triage.DoesNotExist:
        triage, _created = Triage.objects.get_or_create(dossier=dossier)
        dossier.triage = triage
        return triage


def ensure_triages(dossiers: list[Dossier]) -> None:
    """Give every dossier its Triage row (made when missing), attached as `dossier.triage`,
    with two queries at most."""
    missing = [d for d in dossiers if not _has_triage(d)]
    if not missing:
        return
    found = {}
    for start in range(0, len(missing), BATCH):
        chunk = [d.pk for d in missing[start : start + BATCH]]
        found.update({t.dossier_id: t for t in Triage.objects.filter(dossier_id__in=Ids(chunk))})
    to_make = [d.pk for d in missing if d.pk not in found]
    # Inserted as values (`bulk.insert`: Django's bulk_create prepares every field of every
    # row), then made instances with the ids the insert returned and the fields' defaults.
    ids = bulk.insert(Triage, ({"dossier_id": pk} for pk in to_make), returning=True)
    for dossier_id, pk in zip(to_make, ids, strict=True):
        triage = Triage(id=pk, dossier_id=dossier_id)
        triage._state.adding, triage._state.db = False, Triage.objects.db
        found[dossier_id] = triage
    for dossier in missing:
        dossier.triage = found[dossier.pk]


def _has_triage(dossier: Dossier) -> bool:
    """Known to have a Triage row without a query (loaded with select_related or attached)."""
    descriptor = Dossier.triage
    return (
        descriptor.is_cached(dossier) and descriptor.related.get_cached_value(dossier) is not None
    )
