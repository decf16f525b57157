"""The short wait of the writes made after the response (the reads' audit events, the session's
"last seen") on PostgreSQL: a lock timeout local to their own transaction, set with a bound
parameter, which also works when the server binds the parameters. Run on a connection of its
own, outside the test's transaction, as after a response; nothing is written."""

import pytest
from django.db import connection, connections

from bereik.audit import reads
from bereik.audit.tests.own_connection import in_own_connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lock timeout is PostgreSQL's"
)


def _lock_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("server_binds", [False, True])
def test_the_short_wait_holds_for_its_own_transaction_only(db, settings, server_binds):
    """With the parameters bound by the client (Django's default) and by the server (where
    `SET LOCAL lock_timeout = %s` is a syntax error: SET takes no parameter)."""
    settings.BEREIK_AUDIT_READ_WAIT_MS = 1234

    def measure():
        own = connections["default"]  # this thread's own connection, not opened yet
        options = {**own.settings_dict["OPTIONS"], "server_side_binding": server_binds}
        own.settings_dict = {**own.settings_dict, "OPTIONS": options}
        with reads.short_transaction():
            inside = _lock_timeout()
        return inside, _lock_timeout()

    inside, after = in_own_connection(measure)

    assert inside == "1234ms"
    assert after == "0"
