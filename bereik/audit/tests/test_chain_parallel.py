"""The audit chain with real parallel writers (ADR 0027): several threads, each with its own
database connection, write audit events at the same moment, in transactions of one to three
events; afterwards the chain has every event once, in one unbroken line, and `audit_verify`
finds it intact.

PostgreSQL only: it is where writers really run side by side (row lock on the chain's head).
SQLite has one writer at a time by construction and its test database lives in memory, where a
second connection sees nothing. The writers commit in their own connections, outside the test's
transaction: the test removes what they wrote and sets the head back afterwards."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, models, transaction

from bereik import audit
from bereik.audit.models import AuditChain, AuditEvent
from bereik.audit.tests.own_connection import in_own_connection

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="parallel writers need PostgreSQL (SQLite writes one at a time)",
    ),
    pytest.mark.xdist_group("audit_chain_parallel"),
]

WRITERS = 6
TRANSACTIONS = 15
HEAD_FIELDS = ("seq", "hash", "start_seq", "start_prev_hash", "restarted_at")


def _head() -> dict:
    AuditChain.objects.get_or_create(pk=1)
    return AuditChain.objects.values(*HEAD_FIELDS).get(pk=1)


def _set_back(head: dict) -> None:
    with transaction.atomic():
        # AuditEventQuerySet refuses delete(): this test's own events are the one exception.
        models.QuerySet.delete(AuditEvent.objects.filter(seq__gt=head["seq"]))
        AuditChain.objects.filter(pk=1).update(**head)


def _verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_parallel_writers_keep_one_unbroken_chain():
    before = in_own_connection(_head)
    start = threading.Barrier(WRITERS)
    errors = []

    def writer(number: int) -> None:
        try:
            start.wait(timeout=30)
            for step in range(TRANSACTIONS):
                with transaction.atomic():
                    for event in range(1 + (number + step) % 3):
                        audit.record(
                            "test.parallel",
                            actor=None,
                            details={"writer": number, "step": step, "event": event},
                        )
        except Exception as error:  # noqa: BLE001 - reported in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors
        expected = sum(1 + (n + s) % 3 for n in range(WRITERS) for s in range(TRANSACTIONS))

        def written():
            return list(
                AuditEvent.objects.filter(seq__gt=before["seq"])
                .order_by("seq")
                .values_list("seq", "details")
            )

        rows = in_own_connection(written)
        assert len(rows) == expected
        assert [seq for seq, _details in rows] == list(
            range(before["seq"] + 1, before["seq"] + expected + 1)
        )
        # Each writer's events are in its own order: a transaction is never split or reordered.
        for number in range(WRITERS):
            own = [(d["step"], d["event"]) for _seq, d in rows if d["writer"] == number]
            assert own == sorted(own)
        assert in_own_connection(_head)["seq"] == before["seq"] + expected
        assert "intact" in in_own_connection(_verify).lower()
    finally:
        in_own_connection(lambda: _set_back(before))
