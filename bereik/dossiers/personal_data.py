"""What Bereik holds about a person, part by part: each app that stores a person's data
registers one `Part` from its AppConfig.ready(), with

- `export(scope)`: its records (dicts with Dutch labels, for the JSON and the PDF of a right of
  access) and its files (documents, letters);
- `erase(scope)`: what it does when the retention period has passed: anonymise the rows the
  figures count (free text, names, addresses and identifiers emptied; kind, dates, route,
  outcome kept) and delete the rest; it returns its counts and the stored files to remove once
  the transaction has committed.

The privacy app asks every part in order; the dossiers app registers its own (dossier,
signals, timeline, tasks), the later apps theirs, so this module never names a later app.
ADR 0028.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class Scope:
    """The dossiers and register clients a request or an erasure is about. `insz` finds the
    person's signals that never reached a dossier (a right of access only)."""

    dossier_ids: frozenset[int] = frozenset()
    client_ids: frozenset[int] = frozenset()
    insz: str = ""
    signal_ids: frozenset[int] = frozenset()  # signals without a dossier, past their period
    import_ids: frozenset[int] = frozenset()  # superseded register exports, past their period


@dataclass(frozen=True)
class ExportFile:
    folder: str  # "documenten" or "brieven"
    name: str  # the name in the ZIP
    file: object  # a FieldFile


@dataclass
class Exported:
    records: list[dict] = field(default_factory=list)
    files: list[ExportFile] = field(default_factory=list)


@dataclass
class Erased:
    counts: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # storage names, removed after the commit

    def add(self, other: "Erased") -> None:
        for key, count in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + count
        self.files.extend(other.files)


@dataclass(frozen=True)
class Part:
    order: int
    key: str
    title: str
    export: Callable[[Scope], Exported]
    erase: Callable[[Scope], Erased] | None = None


_parts: dict[str, Part] = {}


def register(
    order: int,
    key: str,
    title,
    *,
    export: Callable[[Scope], Exported],
    erase: Callable[[Scope], Erased] | None = None,
) -> None:
    _parts[key] = Part(order, key, title, export, erase)


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda part: part.order)


# --- helpers for the parts -------------------------------------------------------------------


def _display(obj, f: models.Field):
    if f.is_relation:
        related = getattr(obj, f.name)
        return str(related) if related is not None else None
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    value = getattr(obj, f.attname)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else None
    return value


def records(rows: Iterable[models.Model], fields: Iterable[str]) -> list[dict]:
    """One dict per row: each named field under its Dutch label, as shown (choices by their
    label, related objects by their name, dates in ISO); empty values left out."""
    names = list(fields)
    result = []
    for row in rows:
        record = {"id": row.pk}
        for name in names:
            f = row._meta.get_field(name)
            value = _display(row, f)
            if value not in (None, "", [], {}):
                record[str(f.verbose_name)] = value
        result.append(record)
    return result


def blank(queryset: models.QuerySet, **values) -> int:
    """Empty the fields named in `values` on the rows of `queryset` (one UPDATE)."""
    return queryset.update(**values)


def file_names(queryset: models.QuerySet, field_name: str = "file") -> list[str]:
    return [name for name in queryset.values_list(field_name, flat=True) if name]


KIND_LABEL = "soort gegevens"


def labelled(label, rows: Iterable[models.Model], fields: Iterable[str], *, dossier=True) -> list:
    """`records` with the kind of data first and, for a row on a dossier, its number."""
    rows = list(rows)
    result = []
    for row, record in zip(rows, records(rows, fields), strict=True):
        head = {KIND_LABEL: str(label)}
        if dossier:
            head["dossier"] = row.dossier.number
        result.append({**head, **record})
    return result
