"""The short wait of the writes made after the response (the reads' audit events, the session's
"last seen") on PostgreSQL: a lock timeout local to their own transaction, set with a bound
parameter, which also works when the server binds the parameters (the prepared statements of
the settings). Run on a connection of its own, outside the test's transaction, as after a
response; nothing is written."""

import pytest
from django.db import connection

from bereik.audit import reads
from bereik.audit.tests.own_connection import in_own_connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lock timeout is PostgreSQL's"
)


def _lock_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        return cursor.fetchone()[0]


def test_the_short_wait_holds_for_its_own_transaction_only(db, settings):
    settings.BEREIK_AUDIT_READ_WAIT_MS = 1234

    def measure():
        assert connection.settings_dict["OPTIONS"].get("server_side_binding") is True
        with reads.short_transaction():
            inside = _lock_timeout()
        return inside, _lock_timeout()

    inside, after = in_own_connection(measure)

    assert inside == "1234ms"
    assert after == "0"
