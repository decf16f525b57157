"""The "last seen" write after the response never stops the handlers after it."""

import logging

from django.contrib.sessions.backends.db import SessionStore

from bereik.signin import seen


def test_a_failing_last_seen_write_is_logged_and_stops_nothing(monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("session store gone")

    monkeypatch.setattr(seen, "write", broken)
    seen._pending.set((SessionStore, "k" * 32, 1))
    with caplog.at_level(logging.ERROR, logger=seen.logger.name):
        seen.finish()  # no exception: the audit's reads are written by the next handler
    assert "could not be written" in caplog.text
    assert seen._pending.get() is None
