"""The session's "last seen" never makes a page wait on a busy SQLite: it is written after the
response in a short transaction, and skipped while another connection holds the write lock (the
next request a minute later writes it). The file database and the lock are those of the dossier
page's test (bereik/dossiers/tests/test_busy_database.py)."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings

from bereik.dossiers.tests.test_busy_database import (  # noqa: F401 - the fixtures
    _worker_and_dossier,
    file_database,
    template_file,
    write_lock,
)
from bereik.signin import session

pytestmark = pytest.mark.xdist_group("sqlite_write_lock")


def _stored_seen(client) -> int:
    return SessionStore(session_key=client.cookies["sessionid"].value)[session.SEEN]


def _seen_long_ago(client, seconds: int) -> int:
    store = SessionStore(session_key=client.cookies["sessionid"].value)
    store[session.SEEN] = session.now() - seconds
    store.save()
    return store[session.SEEN]


@override_settings(BEREIK_AUDIT_READ_WAIT_MS=200)
def test_a_page_answers_while_the_database_is_locked_and_last_seen_waits(write_lock, client):  # noqa: F811
    mw, dossier = _worker_and_dossier()
    client.force_login(mw)
    client.get("/")
    before = _seen_long_ago(client, 120)  # this request must refresh it

    write_lock.take()
    started = time.monotonic()
    response = client.get(dossier.get_absolute_url())
    took = time.monotonic() - started

    assert response.status_code == 200
    assert took < 2, f"the page took {took:.1f} s"
    write_lock.release()
    assert _stored_seen(client) == before  # skipped, not waited for

    client.get("/")  # the next request writes it
    assert _stored_seen(client) >= session.now() - 5


def test_last_seen_is_written_after_the_response_when_the_database_is_free(file_database, client):  # noqa: F811
    mw, _dossier = _worker_and_dossier()
    client.force_login(mw)
    before = _seen_long_ago(client, 120)

    assert client.get("/").status_code == 200

    assert _stored_seen(client) > before
