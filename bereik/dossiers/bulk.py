"""Batch writes for matching, triage and assignment: a list of 10,000 dossiers is stored with a
few bulk inserts and updates, not a dozen queries per dossier. Timeline entries are built here
exactly as `dossiers.actions.dossier_log` builds them, then inserted together."""

from __future__ import annotations

import datetime
import json
import operator
import sqlite3
from collections.abc import Iterable
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from bereik.dossiers.models import Dossier, DossierEvent

BATCH = 500


def entry(
    dossier: Dossier, kind: str, summary: str, *, actor, text: str = "", data=None, at=None
) -> dict:
    """An unsaved timeline entry, as dossier_log would make it: the values of a DossierEvent
    (`save_entries` inserts them without building a model instance per entry)."""
    return {
        "dossier_id": dossier.pk,
        "kind": kind,
        "summary": str(summary)[:300],
        "text": text,
        "data": data or {},
        "actor_id": actor.pk if getattr(actor, "is_authenticated", False) else None,
        "at": at or timezone.now(),
    }


def save_entries(entries: list[dict]) -> None:
    insert(DossierEvent, entries)


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
    prepare = [(column.attname, _converter(column)) for column in columns]
    groups: dict[tuple, list] = {}
    for obj in objects:
        raw = tuple(getattr(obj, name) for name, _convert in prepare)
        values = tuple(
            convert(value) if convert is not None and value is not None else value
            for value, (_name, convert) in zip(raw, prepare, strict=True)
        )
        groups.setdefault(_key(raw), (values, []))[1].append(obj.pk)
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


# Fields whose values the database driver takes as they are (text, numbers, ids, booleans):
# the others (dates, decimals, JSON, files) go through the field's own conversion.
_AS_IS = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "EmailField",
    "ForeignKey", "IntegerField", "OneToOneField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField",
}  # fmt: skip
# Parameters per statement of a multi-row insert (PostgreSQL allows 65,535; SQLite reports its
# own limit, 32,766 since 3.32, not the 999 Django assumes).
_MAX_PARAMS = 30_000
INSERT_ROWS = 2000  # rows per executemany of an insert without RETURNING


def insert(model, rows: Iterable[dict], *, returning: bool = False) -> list[int]:
    """Insert many rows of `model`, given as dicts of attribute names (`dossier_id`, not
    `dossier`) -> values, without building a model instance per row: a field missing from a
    row gets its default (an `auto_now` field: now). With `returning`, a multi-row
    `INSERT ... RETURNING id` per 30,000 parameters, and the new ids in the order of `rows`;
    without, an executemany per INSERT_ROWS rows. Either is one query for a small batch, as
    `bulk_create`, and `rows` may be a generator: only one statement's rows are held at a time.
    Like `bulk_create`, it calls no `save()` and sends no signals: not for a model whose writes do
    more (the audit chain's AuditEvent).

    Django's bulk_create prepares every field of every row through the field
    (`get_db_prep_save`) and, on SQLite, sends 999 parameters per statement: for a 100,000-row
    list that is most of the import's time. Here only the fields that need a conversion get it."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    prepare = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        elif field.has_default() or field.null or field.empty_strings_allowed:
            default = field.get_default()
        else:
            default = None
        prepare.append((field.attname, default, _converter(field)))

    defaults = {name: default for name, default, _convert in prepare}
    getter = operator.itemgetter(*defaults)  # the row's values in column order
    pick = getter if len(defaults) > 1 else (lambda row: (getter(row),))
    converted = [(index, convert) for index, (_n, _d, convert) in enumerate(prepare) if convert]

    def values_of(row: dict) -> list:
        values = list(pick({**defaults, **row}))
        for index, convert in converted:
            value = values[index]
            if value is not None:
                values[index] = convert(value)
        return values

    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column) for field in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _max_params() // len(fields)) if returning else INSERT_ROWS
    suffix = f" RETURNING {quote(meta.pk.column)}"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, per_statement):
            params = [values_of(row) for row in chunk]
            if not returning:
                sql = f"INSERT INTO {table} ({names}) VALUES {one}"  # noqa: S608 - model names
                cursor.executemany(sql, params)
                continue
            marks = ", ".join([one] * len(params))
            sql = f"INSERT INTO {table} ({names}) VALUES {marks}{suffix}"  # noqa: S608
            cursor.execute(sql, [value for values in params for value in values])
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def insert_copies(model, source, ids: list[int], *, copied: dict[str, str], fixed: dict) -> None:
    """Insert one row of `model` for each row of `source` whose id is in `ids`, made by the
    database (`INSERT ... SELECT`): `copied` maps an attribute of `model` to the column of
    `source` it takes (`{"client_id": "id"}`), `fixed` an attribute to one value for every row
    (converted as `insert` converts it). For rows that repeat what was just inserted (a new
    client's first guidance history): no row is built in Python nor sent to the driver. Like
    `insert`, no `save()` and no signals; unlike it, no default is filled in."""
    fields = {name: model._meta.get_field(name) for name in [*copied, *fixed]}
    missing = {field.attname for field in model._meta.concrete_fields if not field.primary_key} - {
        field.attname for field in fields.values()
    }
    if missing:  # no default is filled in here: every column is said (a new field too)
        raise ValueError(f"insert_copies of {model.__name__} misses {sorted(missing)}")
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields.values())
    columns = [quote(source._meta.get_field(name).column) for name in copied.values()]
    values = []
    for name, value in fixed.items():
        convert = _converter(fields[name])
        values.append(convert(value) if convert and value is not None else value)
        # A parameter in a SELECT list has no type on PostgreSQL: it takes the column's.
        cast = fields[name].cast_db_type(connection)
        columns.append(f"CAST(%s AS {cast})" if connection.vendor == "postgresql" else "%s")
    pk = quote(source._meta.pk.column)
    per_statement = max(1, _max_params() - len(values))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), per_statement):
            chunk = ids[start : start + per_statement]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608 - model names
                f"SELECT {', '.join(columns)} FROM {quote(source._meta.db_table)} "
                f"WHERE {pk} IN ({marks}) ORDER BY {pk}",
                [*values, *chunk],
            )


def _converter(field):
    """How a value of `field` goes to the database driver: None when as it is; JSON by the
    backend's own adapter; dates and times through the field, once per distinct value (an
    import's rows share a handful of dates and one timestamp); the rest through the field."""
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return None
    if kind == "JSONField":
        adapt, encoder = connection.ops.adapt_json_value, field.encoder
        # An empty dict or list (most of an import's row results and timeline details) is
        # adapted once: the backend's adapted value does not depend on anything else.
        empty = {dict: adapt({}, encoder), list: adapt([], encoder)}

        def convert_json(value):
            if not value and type(value) in empty:
                return empty[type(value)]
            return adapt(value, encoder)

        return convert_json
    slow = field.get_db_prep_save
    if kind == "DateField":
        # A date goes to the driver as the backend adapts it (text on SQLite): birth dates are
        # too many distinct values for the cache below.
        adapt_date = connection.ops.adapt_datefield_value
        return lambda value: (
            adapt_date(value) if type(value) is datetime.date else slow(value, connection)
        )
    if kind == "DecimalField":
        return lambda value: value if isinstance(value, Decimal) else slow(value, connection)
    if kind in ("DateField", "DateTimeField", "TimeField"):
        seen: dict = {}

        def convert(value):
            if value not in seen:
                if len(seen) > 10_000:  # birth dates: many distinct values; keep it small
                    seen.clear()
                seen[value] = slow(value, connection)
            return seen[value]

        return convert
    return lambda value: slow(value, connection)


def _chunks(rows: Iterable, size: int):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _max_params() -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return min(limit, _MAX_PARAMS)
    return _MAX_PARAMS


def _key(raw: tuple) -> tuple:
    """The grouping key of the values an object gets, taken before the driver's conversion (a
    JSON adapter's repr is shortened, so two different values could share one): a JSON value
    (dict or list) by its canonical text, the rest as they are."""
    return tuple(
        ("json", json.dumps(value, sort_keys=True, cls=DjangoJSONEncoder))
        if isinstance(value, dict | list)
        else value
        for value in raw
    )
