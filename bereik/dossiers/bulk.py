"""Batch writes for matching, triage and assignment: a list of 10,000 dossiers is stored with a
few bulk inserts and updates, not a dozen queries per dossier. Timeline entries are built here
exactly as `dossiers.actions.dossier_log` builds them, then inserted together."""

from __future__ import annotations

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
