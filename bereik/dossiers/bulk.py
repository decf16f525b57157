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
    """Write `fields` of many saved objects, each with its own values, in few statements.

    The objects are grouped by the values they get: each group is one
    `UPDATE ... SET ... WHERE id IN (...)` of up to BATCH rows (a route, a volgende stap or an
    assignee is shared by thousands of dossiers of an import). Fewer than BATCH objects, or
    mostly different values, go as one parameterised UPDATE per row in an executemany (one query
    as Django counts them, whatever the values: the pinned query counts hold). Django's
    bulk_update builds a CASE expression per row, which costs seconds for thousands of rows."""
    if not objects:
        return
    meta = type(objects[0])._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    groups: dict[tuple, list] = {}
    for obj in objects:
        values = tuple(
            column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns
        )
        groups.setdefault(_hashable(values), (values, []))[1].append(obj.pk)
    with connection.cursor() as cursor:
        if len(objects) < BATCH or len(groups) * 4 > len(objects):
            sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608 - model names
            params = [[*values, pk_] for values, pks in groups.values() for pk_ in pks]
            for start in range(0, len(params), BATCH * 4):
                cursor.executemany(sql, params[start : start + BATCH * 4])
            return
        for values, pks in groups.values():
            for start in range(0, len(pks), BATCH):
                chunk = pks[start : start + BATCH]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE {pk} IN ({marks})",  # noqa: S608
                    [*values, *chunk],
                )


def _hashable(values: tuple) -> tuple:
    """A key for prepared values (a JSON value may come as an unhashable adapter)."""
    try:
        hash(values)
    except TypeError:
        return tuple(repr(value) for value in values)
    return values
