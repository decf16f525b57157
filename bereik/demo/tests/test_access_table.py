"""Every URL × every persona, as the table in access_table.py says; and no GET writes.

The table has one row per URL name: the object its URL is opened with (ids from the demo, see
access_objects.py: for most personas other people's objects) and the personas allowed. Each pair
is one test: an allowed persona gets the page (a POST-only URL: its empty POST passes the access
check), any other persona is refused (403 or 404), nobody's GET writes anything, and a page that
shows a household's name records a read. A URL name without a row fails
`test_every_url_has_a_row`, which says where to add it.
"""

import json
import os
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bereik.audit.models import AuditEvent, AuditSubject
from bereik.clients.models import Client
from bereik.demo.tests import access_objects
from bereik.demo.tests.access_table import AWAITING_ROWS, PERSONAS, ROWS
from bereik.dossiers.models import Dossier

# The shared demo (see conftest.py): one xdist worker runs every test of a group that reads it.
# The table's checks are the suite's longest part: half of the personas go to a second group,
# which a second worker runs after a demo load of its own.
pytestmark = pytest.mark.xdist_group("demo")
SECOND_GROUP = {"voorzitter", "cel", "ervaringsdeskundige", "diensthoofd", "beheerder"}


def _case(name: str, persona: str):
    if persona in SECOND_GROUP:
        return pytest.param(name, persona, marks=pytest.mark.xdist_group("demo-b"))
    return (name, persona)


TABLE = "bereik/demo/tests/access_table.py"
SKIPPED_PREFIXES = ("beheer/django/",)  # the Django admin: superusers only, read-only
RECORD = os.environ.get("BEREIK_ACCESS_RECORD")  # write what happens instead of checking it
REFUSED = (403, 404)


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            for route, name in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield route, (f"{namespace}:{name}" if namespace and name else name)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def url_names() -> set[str]:
    return {
        name
        for route, name in _walk(get_resolver().url_patterns)
        if name and not route.startswith(SKIPPED_PREFIXES)
    }


def test_every_url_has_a_row():
    missing = sorted(url_names() - set(ROWS) - AWAITING_ROWS)
    assert not missing, (
        f"These URL names have no row in the access table: {', '.join(missing)}. Add a row per "
        f"URL name to ROWS in {TABLE}: the object its URL takes and the personas allowed (see "
        "'The access table' in docs/architecture.md)."
    )


def test_the_urls_awaiting_a_row_only_shrink():
    done = sorted(AWAITING_ROWS & set(ROWS))
    gone = sorted(AWAITING_ROWS - url_names())
    assert not done and not gone, (
        f"Remove from AWAITING_ROWS in {TABLE} the names that have a row ({', '.join(done)}) "
        f"or no longer exist ({', '.join(gone)})."
    )


def test_every_row_is_a_url():
    stale = sorted(set(ROWS) - url_names())
    assert not stale, f"Rows in {TABLE} for URL names that no longer exist: {', '.join(stale)}"


def test_every_row_names_known_personas_and_objects():
    for name, row in ROWS.items():
        assert row.allowed <= set(PERSONAS), f"{name}: unknown persona"
        assert row.object in access_objects.OBJECT_NAMES, f"{name}: unknown object {row.object}"


@pytest.fixture(scope="module")
def objects(demo, django_db_blocker):
    """The URLs' objects, found (or, for the few the demo lacks, made) once, inside the demo's
    transaction."""
    with django_db_blocker.unblock():
        return access_objects.build(demo.users)


AUDIT_TABLES = ("audit_auditevent", "audit_auditchain", "audit_auditsubject")


@pytest.fixture(autouse=True)
def _label_index_left_out(db):
    """The trail's label search index (its FTS5 trigger, migration audit 0006) writes several
    rows of its own for each event, as many as SQLite's FTS5 decides: part of the trail, which
    `_snapshot` leaves out. Its insert trigger is dropped for the test, and is back after it."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_label_search_insert'")
        made = cursor.fetchone()
        cursor.execute("DROP TRIGGER IF EXISTS audit_label_search_insert")
    yield
    # The test's rollback puts it back; a test that commits would not, so it is checked.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_label_search_insert'")
        if made and not cursor.fetchone():
            cursor.execute(made[0])


def _snapshot():
    """What a request could have written: on SQLite the connection's count of changed rows (every
    insert, update and delete); on PostgreSQL the transaction's own counts of inserted and of
    updated or deleted rows per table (`pg_stat_xact_user_tables`, live within the transaction).
    The audit trail is left out of both (with its chain's head) and checked by its ids: a GET
    may add read events, nothing else."""
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if connection.vendor == "sqlite":
        return last_event, connection.connection.total_changes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        counts = {}
        for table, inserted, changed in cursor.fetchall():
            if table not in AUDIT_TABLES:
                counts[f"{table}: rows inserted"] = inserted
                counts[f"{table}: rows changed"] = changed
        return last_event, counts


def _written(before, after) -> list[str]:
    """What changed between two snapshots, read events excepted."""
    (last_event, state_before), (_, state_after) = before, after
    new = list(AuditEvent.objects.filter(pk__gt=last_event).values_list("kind", "action"))
    found = [f"audit event {action}" for kind, action in new if kind != AuditEvent.Kind.READ]
    if isinstance(state_before, dict):
        found += [
            f"{n - state_before.get(what, 0)} {what.replace(': ', ' ')}"
            for what, n in state_after.items()
            if n != state_before.get(what, 0)
        ]
    else:
        # Each new event is one insert and moves the chain's head (one update), with a row per
        # person a list read showed; the rest are rows of other tables.
        listed = AuditSubject.objects.filter(event_id__gt=last_event).count()
        changed = state_after - state_before - 2 * len(new) - listed
        if changed:
            found.append(f"{changed} rows changed")
    return found


def test_the_write_check_sees_inserts_and_changes_but_not_reads(db):
    before = _snapshot()
    assert _written(before, _snapshot()) == []
    session = Session.objects.create(
        session_key="k" * 32, session_data="", expire_date=timezone.now()
    )
    inserted = _snapshot()
    assert _written(before, inserted)
    Session.objects.filter(pk=session.pk).update(session_data="x")
    changed = _written(inserted, _snapshot())
    assert changed and all(line.endswith("rows changed") for line in changed)
    if connection.vendor != "sqlite":  # PostgreSQL tells an insert from a change
        assert _written(before, inserted) == ["1 django_session rows inserted"]


@pytest.fixture(scope="module")
def household_names(demo, django_db_blocker):
    """The demo's households and clients by name (not the staff's): a page that shows one shows a
    person's data."""
    with django_db_blocker.unblock():
        names = {d.household_name for d in Dossier.objects.all()}
        names |= {str(client) for client in Client.objects.all()}
        names -= {user.get_full_name() for user in demo.users.values()}
    names = sorted((n for n in names if len(n) > 6), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names))


def _shown_name(response, names) -> str:
    if getattr(response, "streaming", False) or "html" not in response.get("Content-Type", ""):
        return ""
    found = names.search(response.content.decode())
    return found.group(0) if found else ""


@pytest.mark.parametrize(
    "name,persona", [_case(name, persona) for name in sorted(ROWS) for persona in PERSONAS]
)
def test_access(demo, objects, household_names, db, client, name, persona):
    row = ROWS[name]
    user = demo.users[access_objects.PERSONAS[persona]]
    client.force_login(user)
    kwargs = dict(objects[row.object])
    data = kwargs.pop(access_objects.POST, {})
    url = reverse(name, kwargs=kwargs)

    before = _snapshot()
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    written = _written(before, _snapshot())
    reads = AuditEvent.objects.filter(pk__gt=before[0], kind=AuditEvent.Kind.READ).count()
    shown = _shown_name(response, household_names)
    posted = client.post(url, data).status_code if response.status_code == 405 else None

    if RECORD:
        with open(RECORD, "a", encoding="utf-8") as out:
            out.write(json.dumps([name, persona, response.status_code, posted, written]) + "\n")
        return
    where = f"GET {name} ({url}) as {persona}"
    if row.get_writes:  # a documented exception: it may change a row, never add one
        written = [line for line in written if not line.endswith("rows changed")]
    assert not written, f"{where} wrote: {'; '.join(written)}"
    assert reads or not shown, f"{where} shows {shown!r} but recorded no read"
    if row.post_only:
        assert response.status_code == 405, f"{where}: {response.status_code}, expected 405"
        status, where = posted, f"POST {name} ({url}) as {persona}"
    else:
        status = response.status_code
    assert outcome(row, persona, status), f"{where}: {status}, expected {expected(row, persona)}"


def expected(row, persona) -> str:
    if row.absent:
        return "404 (no such object)" if persona in row.allowed else "403 (refused first)"
    return "the page" if persona in row.allowed else "refused (403 or 404)"


def outcome(row, persona, status) -> bool:
    """Whether `status` is what the row says for `persona`."""
    if row.absent:
        return status == (404 if persona in row.allowed else 403)
    if persona in row.allowed:
        return status < 500 and status not in (*REFUSED, 405)
    return status in REFUSED
