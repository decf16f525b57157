"""The audit trail's hash chain: `audit_verify` finds a changed, removed or inserted row, and a
pruned trail still verifies (ADR 0027)."""

import datetime
import importlib
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from bereik import audit
from bereik.audit import chain, hashing
from bereik.audit.actions import audit_prune
from bereik.audit.models import AuditChain, AuditEvent

NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(days=400)


@pytest.fixture
def trail(mw):
    return [
        audit.record(f"dossier.view.{i}", actor=mw, purpose="test", details={"n": i, "ids": (1, 2)})
        for i in range(5)
    ]


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify():
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def test_each_event_links_to_the_one_before(trail):
    head = AuditChain.objects.get(pk=1)
    stored = list(AuditEvent.objects.order_by("seq"))
    assert stored[0].prev_hash == hashing.GENESIS
    for before, after in zip(stored, stored[1:], strict=False):
        assert after.seq == before.seq + 1
        assert after.prev_hash == before.hash
    assert (head.seq, head.hash) == (stored[-1].seq, stored[-1].hash)
    assert f"intact: {len(stored)} events" in _verify()


def test_a_flushed_database_starts_the_chain_again(mw):
    for table in ("audit_auditsubject", "audit_auditevent", "audit_auditchain"):
        _sql(f"DELETE FROM {table}", [])  # noqa: S608 - fixed names

    first = audit.record("dossier.view", actor=mw)
    second = audit.record("dossier.view", actor=mw)

    head = AuditChain.objects.get(pk=1)
    assert (first.seq, first.prev_hash) == (1, hashing.GENESIS)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert (head.seq, head.hash) == (2, second.hash)


def test_a_changed_row_is_found(trail):
    _sql("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["iets anders", trail[2].pk])
    with pytest.raises(CommandError, match=f"event #{trail[2].seq} \\(id {trail[2].pk}\\)"):
        _verify()
    verdict = chain.verify()
    assert (verdict.ok, verdict.broken_seq, verdict.checked) == (
        False,
        trail[2].seq,
        trail[2].seq - 1,
    )


def test_a_row_changed_with_its_hash_recomputed_breaks_the_next_link(trail):
    event = trail[1]
    event.purpose = "iets anders"
    _sql(
        "UPDATE audit_auditevent SET purpose = %s, hash = %s WHERE id = %s",
        [event.purpose, hashing.event_hash(event), event.pk],
    )
    assert chain.verify().broken_seq == trail[2].seq


def test_a_deleted_row_is_found(trail):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].pk])
    verdict = chain.verify()
    assert verdict.broken_seq == trail[4].seq
    assert "ontbrekende" in verdict.reason


def test_a_deleted_last_row_is_found(trail):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[4].pk])
    verdict = chain.verify()
    assert not verdict.ok
    assert "laatste" in verdict.reason


def test_a_head_set_back_is_found(trail):
    _sql("UPDATE audit_auditchain SET seq = %s, hash = %s", [trail[2].seq, trail[2].hash])
    verdict = chain.verify()
    assert not verdict.ok
    assert "na het einde" in verdict.reason


def test_the_command_exits_non_zero_on_a_broken_chain(trail):
    _sql("UPDATE audit_auditevent SET subject_label = %s WHERE id = %s", ["X", trail[0].pk])
    with pytest.raises(CommandError) as error:
        _verify()
    assert error.value.returncode == 1  # manage.py exits with it


def test_a_pruned_trail_still_verifies_and_says_where_it_restarts(mw):
    with time_machine.travel(NOW - datetime.timedelta(days=20 * 365), tick=False):
        old = [audit.record("dossier.view", actor=mw) for _ in range(3)]
    with time_machine.travel(NOW - datetime.timedelta(days=10), tick=False):
        kept = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW, tick=False):
        audit_prune(before=NOW - datetime.timedelta(days=365))
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    head = AuditChain.objects.get(pk=1)
    assert (head.start_seq, head.start_prev_hash) == (kept.seq, old[-1].hash)
    assert chain.verify().ok
    assert "intact: 2 events" in _verify()  # the kept one and the prune's own event


def test_a_trail_pruned_entirely_restarts_after_the_last_event(mw):
    with time_machine.travel(NOW - datetime.timedelta(days=20 * 365), tick=False):
        last = audit.record("dossier.view", actor=mw)
    with time_machine.travel(NOW, tick=False):
        audit_prune(before=NOW - datetime.timedelta(days=365))
    prune = AuditEvent.objects.get()
    assert (prune.seq, prune.prev_hash) == (last.seq + 1, last.hash)
    assert chain.verify().ok


def test_a_batch_written_at_once_joins_the_chain(trail, mw):
    AuditEvent.objects.bulk_create(
        [AuditEvent(actor=mw, kind=AuditEvent.Kind.READ, action="list.view") for _ in range(3)]
    )
    assert (
        AuditEvent.objects.filter(action="list.view").order_by("seq")[0].prev_hash == trail[-1].hash
    )
    assert chain.verify().ok


def test_a_writer_locks_the_head_before_reading_it(mw):
    """Two writers cannot link to the same event: the head is read under a lock (on SQLite the
    transaction's write lock, taken at its start; on PostgreSQL the row lock)."""
    with CaptureQueriesContext(connection) as queries:
        audit.record("dossier.view", actor=mw)
    statements = [q["sql"].upper() for q in queries]
    head_read = next(i for i, s in enumerate(statements) if "AUDIT_AUDITCHAIN" in s)
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in statements[head_read]
    else:
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert any(s.startswith("UPDATE") and "AUDIT_AUDITCHAIN" in s for s in statements)


def test_the_migration_links_the_events_written_before_the_chain(trail):
    _sql("UPDATE audit_auditevent SET prev_hash = '', hash = ''", [])
    assert not chain.verify().ok
    migration = importlib.import_module("bereik.audit.migrations.0002_chain")
    state = MigrationLoader(connection).project_state(("audit", "0003_chain_seq_unique"))
    migration.fill_chain(state.apps, None)
    assert chain.verify().ok
