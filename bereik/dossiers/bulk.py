"""Batch writes for matching, triage and assignment: a list of 10,000 dossiers is stored with a
few bulk inserts and updates, not a dozen queries per dossier. Timeline entries are built here
exactly as `dossiers.actions.dossier_log` builds them, then inserted together."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
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


def update_many(objects: list, fields: list[str]) -> None:
    """Write `fields` of many saved objects, each with its own values, in one executemany.
    Django's bulk_update builds a CASE expression per row, which costs seconds for thousands of
    rows; a plain parameterised UPDATE is the same on SQLite and PostgreSQL and far cheaper."""
    if not objects:
        return
    meta = type(objects[0])._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 - names from the model
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    params = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH * 4):
            cursor.executemany(sql, params[start : start + BATCH * 4])


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


def refresh_next_steps(dossiers: Iterable[Dossier], *, actor) -> int:
    """Bring the "volgende stap" of many dossiers up to date with the outreach rules: the
    outreach app's bulk refresh (`outreach.actions.next_steps_refresh`, three reads per 500
    dossiers and one write). Call it inside the action that changed what the rules look at (a new
    dossier, its route, its deadline), with current instances. Returns the number of dossiers
    that changed."""
    from bereik.outreach.actions import next_steps_refresh

    return next_steps_refresh(dossiers, actor=actor)


def refresh_next_steps_of(dossier_ids: Iterable[int], *, actor) -> int:
    """refresh_next_steps for dossiers given by id (e.g. those of an import)."""
    ids = sorted(set(dossier_ids))
    count = 0
    for start in range(0, len(ids), BATCH):
        dossiers = list(Dossier.objects.filter(pk__in=ids[start : start + BATCH]))
        count += refresh_next_steps(dossiers, actor=actor)
    return count
