"""The dossier page asks once which of the dossier's relations hold rows (`presence`), and a
section of an empty relation then runs no query: most sections are empty most of a dossier's
life, and each used to cost a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers import presence, sections
from bereik.dossiers.models import Dossier, Task
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory


def _declared() -> list[str]:
    return sorted({name for section in sections._sections.values() for name in section.reads})


def _table(name: str) -> str:
    return Dossier._meta.get_field(name).related_model._meta.db_table


def _main_table(sql: str) -> str:
    return sql.partition(" FROM ")[2].split(" ", 1)[0]


def test_one_query_says_which_relations_hold_rows(db, mw):
    dossier = DossierFactory()
    Task.objects.create(dossier=dossier, description="Bellen", assignee=mw, created_by=mw)
    names = _declared()
    assert {"tasks", "letters", "contact_attempts", "closures"} <= set(names)

    with CaptureQueriesContext(connection) as captured:
        present = presence.read(dossier, names)

    assert len(captured) == 1
    assert present["tasks"] is True
    assert [name for name, value in present.items() if value] == ["tasks"]
    assert presence.has_rows(dossier, "tasks") and not presence.has_rows(dossier, "letters")


def test_an_empty_relation_runs_no_query_once_asked_and_a_full_one_does(db, mw):
    dossier = DossierFactory()
    task = Task.objects.create(dossier=dossier, description="Bellen", assignee=mw, created_by=mw)
    presence.read(dossier, ["tasks", "letters"])

    with CaptureQueriesContext(connection) as captured:
        letters = presence.rows(dossier, "letters", dossier.letters.all())
        tasks = presence.rows(dossier, "tasks", dossier.tasks.all())

    assert letters == [] and tasks == [task]
    assert len(captured) == 1 and '"dossiers_task"' in captured[0]["sql"]


def test_without_asking_a_relation_is_read(db, mw):
    """An action or another page does not ask first: `rows` then runs its query."""
    dossier = DossierFactory()
    task = Task.objects.create(dossier=dossier, description="Bellen", assignee=mw, created_by=mw)
    fresh = Dossier.objects.get(pk=dossier.pk)

    assert presence.has_rows(fresh, "letters")
    assert presence.rows(fresh, "tasks", fresh.tasks.all()) == [task]


def test_only_relations_to_the_dossier_can_be_asked(db):
    with pytest.raises(ValueError, match="company"):
        presence.read(DossierFactory(), ["company"])


def test_the_page_of_a_new_dossier_reads_none_of_its_empty_relations(mw, team, login):
    """A household just signalled: no task, contact, letter, referral or report yet. The page
    asks once, reads none of those tables, and still shows every section."""
    dossier = DossierFactory(assigned_to=mw, team=team["sociale_dienst"])
    SignalFactory(dossier=dossier)
    client = login(mw)
    client.get(dossier.get_absolute_url())  # the session and the user's caches warm

    with CaptureQueriesContext(connection) as captured:
        page = client.get(dossier.get_absolute_url())

    assert page.status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    asked = [q for q in sql if q.startswith("SELECT EXISTS")]
    assert len(asked) == 1
    assert all(f'FROM "{_table(name)}"' in asked[0] for name in _declared())
    tables = {f'"{_table(name)}"' for name in _declared()}
    read = [q for q in sql if q not in asked and _main_table(q) in tables]
    assert read == [], read
    text = page.content.decode()
    for title in ("Taken", "Contact en brieven", "Doorverwijzingen", "Sociaal verslag"):
        assert title in text
    # Pinned (a social worker's page; 39 before the page asked first).
    assert len(sql) <= 19, len(sql)
