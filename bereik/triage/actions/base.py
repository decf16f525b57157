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


def ensure_triages(dossiers: list[Dossier], *, insert: bool = True) -> list[Triage]:
    """Give every dossier its Triage row (made when missing), attached as `dossier.triage`,
    with two queries at most. `insert=False`: the missing rows are attached unsaved and
    returned, for a caller that decides their values first and inserts them with those
    (`insert_triages`): a row is then written once, not inserted and updated."""
    missing = [d for d in dossiers if not _has_triage(d)]
    if not missing:
        return []
    found = {}
    for start in range(0, len(missing), BATCH):
        chunk = [d.pk for d in missing[start : start + BATCH]]
        found.update({t.dossier_id: t for t in Triage.objects.filter(dossier_id__in=Ids(chunk))})
    to_make = [d.pk for d in missing if d.pk not in found]
    made = [Triage(dossier_id=dossier_id) for dossier_id in to_make]
    if insert:
        insert_triages(made)
    found.update((triage.dossier_id, triage) for triage in made)
    for dossier in missing:
        dossier.triage = found[dossier.pk]
    return made


def insert_triages(triages: list[Triage]) -> None:
    """Insert unsaved Triage rows with their values (`bulk.insert`: Django's bulk_create
    prepares every field of every row) and make them saved instances with the ids the insert
    returned."""
    names = [field.attname for field in Triage._meta.concrete_fields if not field.primary_key]
    ids = bulk.insert(
        Triage,
        ({name: getattr(triage, name) for name in names} for triage in triages),
        returning=True,
    )
    db = Triage.objects.db
    for triage, pk in zip(triages, ids, strict=True):
        triage.id = pk
        triage._state.adding, triage._state.db = False, db


def _has_triage(dossier: Dossier) -> bool:
    """Known to have a Triage row without a query (loaded with select_related or attached)."""
    descriptor = Dossier.triage
    return (
        descriptor.is_cached(dossier) and descriptor.related.get_cached_value(dossier) is not None
    )
