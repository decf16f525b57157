"""Who an event is about, as rows that can be searched (ADR 0026, "Finding a person's list
reads").

A list read is one event with the ids of the rows shown in its details (`record_list_read`:
`{"ids": [...]}` with the rows' model as `object_type`; some pages name them `dossiers`,
`clients` or `signals`). The person search of the trail finds them through `AuditSubject`: one
row per (event, model, id), written by `services.create` with the event, in its transaction, and
indexed on (model, id). The apps that know people register how a search text finds their rows
(`register_lookup`): the dossiers by household name and number, the register's clients by name,
the letters by their dossier. The audit app never names those apps.
"""

from collections.abc import Callable

from django.db import connection
from django.db.models import F, Func, Q, QuerySet
from django.db.models.lookups import In

from bereik.audit.models import AuditEvent, AuditSubject
from bereik.lib.sqlite_fts import TrigramIndex

# The name written on each event (`subject_label`), searched by any part (migration audit 0006).
# The trail is never erased by the retention run; `audit_prune` merges it after a removal.
LABELS = TrigramIndex("audit_label_search", "audit_auditevent", ("subject_label",)).declare(
    erased_by_retention=False
)

# Details keys that hold the ids of the rows shown, besides "ids" (the event's own object_type).
KEYS = {
    "dossiers": "dossiers.dossier",
    "clients": "clients.client",
    "signals": "dossiers.signal",
}

_lookups: dict[str, Callable[[str], QuerySet]] = {}


def register_lookup(label: str, func: Callable[[str], QuerySet]) -> None:
    """`func(text)` gives the primary keys (a values("pk") queryset) of the rows of the model
    `label` ("dossiers.dossier") that a person search for `text` means."""
    _lookups[label] = func


def of_event(fields: dict) -> list[tuple[str, int]]:
    """(model label, id) of every row about a person a new event's details name (the models an
    app registered a lookup for), without repeats."""
    details = fields.get("details")
    if not isinstance(details, dict):
        return []
    found: dict[tuple[str, int], None] = {}
    for key, value in details.items():
        label = fields.get("object_type", "") if key == "ids" else KEYS.get(key)
        if label not in _lookups or not isinstance(value, list):
            continue
        for item in value:
            if isinstance(item, int) and not isinstance(item, bool):
                found[(label, item)] = None
            elif is_number(item):
                found[(label, int(item))] = None
    return list(found)


def is_number(text) -> bool:
    """An internal number as text: ASCII digits only ("²" is a digit to str.isdigit), short
    enough for a 64-bit key."""
    return isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 18


class _NotIndexed(Func):
    """`+column`: the same value, which SQLite's planner does not look up through an index."""

    template = "+%(expressions)s"
    arity = 1


def _checked_per_event(rows) -> Q:
    """`pk IN (rows)` said so that SQLite checks it on each event another index gives (`+id`),
    instead of reading every event it names through the primary key."""
    return Q(In(_NotIndexed(F("pk")), rows))


def about(text: str, *, walk: bool = False, types: list[str] | None = None) -> Q:
    """A filter on AuditEvent for the trail's person search: the name written on the event
    holds `text` (any part, any case; through `LABELS`), or a list read named someone `text`
    finds (`events_about`), or, when `text` is an internal number, the event is about that
    number (through the (subject_type, subject_id) index, one type at a time).

    On PostgreSQL one `pk IN (... UNION ALL ...)`, each part through its own index: an OR of
    the parts, one of them a subquery, made it read every event (200 ms at a million). SQLite
    reads each part of the OR through its index (its own `IN` lists of ids), where the union
    cost it one more lookup of every event found (60 ms more for a common name).

    `walk` (SQLite, a long list: `BoundedPaginator` reads a short one through the indexes):
    the ids are checked on each event the time's index gives, newest first, so a page stops
    after its events: a common name's 20,000 events were read and sorted for 25 (68 → 33 ms
    of SQL at a million events). `types`: `subject_types()`, when the caller read them already."""
    events = AuditEvent.objects.order_by()
    number = None
    if is_number(text):
        types = subject_types() if types is None else types
        number = Q(subject_type__in=types, subject_id=text)
    if connection.vendor == "postgresql":
        parts = [_listed(text)]
        if number is not None:
            parts.append(events.filter(number).values_list("pk"))
        labels = events.filter(LABELS.word_q(text)).values_list("pk")
        return Q(pk__in=labels.union(*parts, all=True))
    if walk:
        labelled = LABELS.word_rowids(text)
        q = (
            _checked_per_event(labelled) if labelled is not None else LABELS.word_q(text)
        ) | _checked_per_event(_listed(text))
    else:
        q = LABELS.word_q(text) | Q(pk__in=_listed(text))
    return q | number if number is not None else q


def subject_types() -> list[str]:
    """The kinds of subject in the trail (a handful), each found by one step through the
    (subject_type, subject_id, at) index: a DISTINCT read every event on PostgreSQL."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE found(subject_kind) AS (
                SELECT MIN(subject_type) FROM {table}
                UNION ALL
                SELECT (SELECT MIN(subject_type) FROM {table} WHERE subject_type > subject_kind)
                FROM found WHERE subject_kind IS NOT NULL
            ) SELECT subject_kind FROM found WHERE subject_kind IS NOT NULL"""  # noqa: S608 - the model's table
        )
        return [row[0] for row in cursor.fetchall()]


def _listed(text: str):
    """The events (their ids) whose list read named someone `text` finds."""
    rows = Q(pk__in=[])
    for label, lookup in _lookups.items():
        rows |= Q(model=label, object_id__in=lookup(text))
    if is_number(text):
        rows |= Q(object_id=int(text))
    return AuditSubject.objects.filter(rows).order_by().values_list("event_id")


def events_about(text: str) -> Q:
    """A filter on AuditEvent: the events a list read names someone the search `text` finds
    (by the registered lookups, or by the internal number when `text` is one)."""
    return Q(pk__in=_listed(text))
