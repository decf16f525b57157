"""When reads are written (ADR 0026).

A page that shows a person's data records a read, but it must never fail or wait because the
database is busy (SQLite has one writer at a time; an import can hold it for seconds). So a read
recorded during a web request is only kept in memory (`defer`) and written once the response has
gone (`flush`, on Django's `request_finished`), in one short transaction that waits at most
BEREIK_AUDIT_READ_WAIT_MS for the database. When that fails, the events are written to a spool
file (BEREIK_AUDIT_SPOOL_DIR) and nothing is lost: the next flush that succeeds, and
`manage.py audit_flush_reads` (cron), write the spooled events with the moment of the read.

Outside a request (commands, tasks, the demo) a read is written at once, as every write is.
"""

import json
import logging
import os
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

_pending: ContextVar[list | None] = ContextVar("bereik_audit_pending_reads", default=None)
_writer = None  # set by the app's ready(): services.create, the one place rows are made

DEFAULT_WAIT_MS = 1000


def set_writer(func) -> None:
    global _writer
    _writer = func


def start(**kwargs) -> None:
    """`request_started`: from now on reads are kept for after the response."""
    _pending.set([])


def defer(fields: dict) -> bool:
    """Keep one read's fields for after the response; False outside a request."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.append(fields)
    return True


def finish(**kwargs) -> None:
    """`request_finished`: the response has gone; write what the request read."""
    pending = _pending.get()
    _pending.set(None)
    if pending:
        flush(pending)
    elif pending is not None and _spool_dir().is_dir():
        drain()


def flush(events: list[dict]) -> bool:
    """Write `events` in one short transaction; spool them when the database is busy."""
    try:
        _write(events)
    except DatabaseError as error:
        # Busy, as a rule (another writer held the lock too long); the error's kind says if
        # not. Not its text: PostgreSQL's can hold the failing row, a person's name with it.
        logger.warning(
            "Audit trail not written (%s): %s read events spooled for later.",
            type(error).__name__,
            len(events),
        )
        spool(events)
        return False
    drain()
    return True


def spool(events: list[dict]) -> Path:
    folder = _spool_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now():%Y%m%d%H%M%S%f}-{uuid.uuid4().hex}"
    temporary = folder / f".{name}.tmp"
    temporary.write_text(json.dumps([_dump(e) for e in events]), encoding="utf-8")
    os.replace(temporary, folder / f"{name}.json")  # appears whole or not at all
    return folder / f"{name}.json"


def drain() -> int:
    """Write the spooled events, oldest file first; returns how many were written. A file is
    claimed by renaming it, so two processes never write it twice."""
    folder = _spool_dir()
    if not folder.is_dir():
        return 0
    written = 0
    for path in sorted(folder.glob("*.json")):
        claimed = path.with_suffix(f".{os.getpid()}.claimed")
        try:
            os.replace(path, claimed)
        except FileNotFoundError:
            continue  # another process took it
        events = [_load(e) for e in json.loads(claimed.read_text(encoding="utf-8"))]
        try:
            _write(events)
        except DatabaseError:
            os.replace(claimed, path)  # still busy: leave it for the next time
            break
        claimed.unlink()
        written += len(events)
    return written


def pending_files() -> int:
    folder = _spool_dir()
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def _write(events: list[dict]) -> None:
    # After the response there is no transaction around this one; inside one (a test's), no
    # savepoint either: the events are as many inserts as there are reads.
    # Inside a caller's transaction the wait is the caller's (SET LOCAL would outlive these
    # inserts there), as on SQLite.
    own_transaction = not connection.in_atomic_block
    with _short_wait(), transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql" and own_transaction:
            with connection.cursor() as cursor:
                _set_local_lock_timeout(cursor)
        for fields in events:
            _writer(fields)


@contextmanager
def short_transaction():
    """A transaction (with its savepoint) that waits at most BEREIK_AUDIT_READ_WAIT_MS for the
    database's write lock, for other small writes done after the response (the session's "last
    seen"); a DatabaseError when the lock did not come in time. Inside a caller's transaction
    the wait is the caller's, as in `_write`."""
    own_transaction = not connection.in_atomic_block
    with _short_wait(), transaction.atomic():
        if connection.vendor == "postgresql" and own_transaction:
            with connection.cursor() as cursor:
                _set_local_lock_timeout(cursor)
        yield


def _set_local_lock_timeout(cursor) -> None:
    # set_config(..., true) is SET LOCAL as a function: it takes a bound parameter, which SET
    # does not when the server binds the parameters (the `server_side_binding` option).
    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{_wait_ms()}ms"])


@contextmanager
def _short_wait():
    """On SQLite, wait at most BEREIK_AUDIT_READ_WAIT_MS for the write lock (not the 20 s the
    connection waits for writes a user asked for)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {_wait_ms()}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def _wait_ms() -> int:
    return int(getattr(settings, "BEREIK_AUDIT_READ_WAIT_MS", DEFAULT_WAIT_MS))


def _spool_dir() -> Path:
    return Path(settings.BEREIK_AUDIT_SPOOL_DIR)


def _dump(fields: dict) -> dict:
    return fields | {"at": fields["at"].isoformat()}


def _load(fields: dict) -> dict:
    return fields | {"at": datetime.fromisoformat(fields["at"])}
