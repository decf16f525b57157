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

from django.db.models import Q, QuerySet

from bereik.audit.models import AuditSubject

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


def events_about(text: str) -> Q:
    """A filter on AuditEvent: the events a list read names someone the search `text` finds
    (by the registered lookups, or by the internal number when `text` is one)."""
    rows = Q(pk__in=[])
    for label, lookup in _lookups.items():
        rows |= Q(model=label, object_id__in=lookup(text))
    if is_number(text):
        rows |= Q(object_id=int(text))
    return Q(pk__in=AuditSubject.objects.filter(rows).values("event_id"))
