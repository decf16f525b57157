"""The audit trail's chain: each event's hash covers its own content and the hash of the event
before it, so changing, removing or inserting a row breaks every link after it (ADR 0027).

Pure functions, no models: the model, the migration that filled the chain for older events and
`audit_verify` hash with the same code.
"""

import datetime
import hashlib
import json

#: The link before the first event of a trail that was never pruned.
GENESIS = "0" * 64

#: What the hash covers, in this order (the primary key is left out: the position is `seq`).
FIELDS = (
    "seq",
    "at",
    "actor_id",
    "kind",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "subject_type",
    "subject_id",
    "subject_label",
    "purpose",
    "details",
)


def normalise_details(details) -> object:
    """The details as the database gives them back (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(details or {}))


def _value(name: str, value):
    if name == "at" and isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if name == "details":
        return normalise_details(value)
    return value


def values_of(event) -> dict:
    return {name: _value(name, getattr(event, name)) for name in FIELDS}


def link_hash(prev_hash: str, values: dict) -> str:
    """SHA-256 of the previous hash and the event's values as canonical JSON."""
    body = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def event_hash(event) -> str:
    return link_hash(event.prev_hash, values_of(event))
