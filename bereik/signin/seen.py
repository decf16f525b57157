"""The session's "last seen", written after the response (ADR 0026).

The idle timeout needs the moment of the user's last request, kept in the session (at most once
a minute, `session.SEEN_GRANULARITY`). Writing it in the request made a page wait on a busy
SQLite (the session is saved before the response goes). So the middleware only notes the moment
(`later`); on `request_finished` it is written into the stored session in one short transaction
(`reads.short_transaction`: at most BEREIK_AUDIT_READ_WAIT_MS for the lock). When the database
is busy it is skipped: the next request a minute later tries again, so a skipped write only
makes the idle window shorter by that minute, never longer.
"""

import logging
from contextvars import ContextVar

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import DatabaseError

from bereik.audit import reads
from bereik.signin import session

logger = logging.getLogger(__name__)

_pending: ContextVar[tuple | None] = ContextVar("bereik_signin_seen", default=None)


def start(**kwargs) -> None:
    """`request_started`: nothing noted yet."""
    _pending.set(None)


def later(request, moment: int) -> None:
    """Note that the user was seen at `moment`, to be written after the response."""
    store = request.session
    if store.session_key is None:  # not stored yet: saved with the response anyway
        session.touch(request, moment)
        return
    _pending.set((store.__class__, store.session_key, moment))


def finish(**kwargs) -> None:
    """`request_finished`: the response has gone; write the moment noted, if any."""
    pending = _pending.get()
    _pending.set(None)
    if pending is None:
        return
    try:
        write(*pending)
    except Exception:  # noqa: BLE001 - never keep the other handlers (the reads' audit) from running
        logger.exception("The session's last seen could not be written.")


def write(store_class, key: str, moment: int) -> bool:
    """Put `moment` as "last seen" into the stored session `key` (never back in time). False
    when the database was busy (skipped) or the session is gone (signed out meanwhile)."""
    try:
        with reads.short_transaction():
            # One writer of this session at a time: a request that saved it meanwhile is read.
            list(Session.objects.select_for_update().filter(pk=key).values_list("pk"))
            store = store_class(session_key=key)
            if not store.exists(key):
                return False
            if store.get(session.SEEN, 0) >= moment:
                return True
            store[session.SEEN] = moment
            store.save(must_create=False)
    except UpdateError:  # signed out in between: nothing left to keep up to date
        return False
    except DatabaseError:
        logger.info("Database busy: the session's last seen waits for the next request.")
        return False
    return True
