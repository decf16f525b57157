"""The person search of the trail finds list reads too: a worklist, the client list or a
letter batch that showed the person is one event with the ids shown, indexed per id
(`AuditSubject`), found by the person's name, dossier number or internal number."""

import datetime

from django.urls import reverse
from django.utils import timezone

from bereik import audit
from bereik.audit.actions import audit_prune
from bereik.audit.models import AuditEvent, AuditSubject
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory


def _found(client, text):
    response = client.get(reverse("audit:list"), {"person": text})
    assert response.status_code == 200
    return [event.pk for event in response.context["rows"]]


def test_a_worklist_that_showed_the_household_is_found_by_name_and_number(
    login, beheerder, mw, team
):
    own = team["sociale_dienst"]
    peeters = DossierFactory(assigned_to=mw, team=own, last_name="Peeters", first_name="Jan")
    claes = DossierFactory(assigned_to=mw, team=own, last_name="Claes", first_name="Els")
    login(mw).get(reverse("dossiers:worklist", args=["mijn"]))
    listed = AuditEvent.objects.get(action="dossier.list", actor=mw)
    assert set(listed.details["ids"]) >= {peeters.pk, claes.pk}
    assert {(s.model, s.object_id) for s in listed.subjects.all()} >= {
        ("dossiers.dossier", peeters.pk),
        ("dossiers.dossier", claes.pk),
    }
    other = DossierFactory(last_name="Wouters", first_name="An")

    browser = login(beheerder)

    assert listed.pk in _found(browser, "peeters")
    assert listed.pk in _found(browser, "Peeters Jan")
    assert listed.pk in _found(browser, peeters.number)
    assert listed.pk in _found(browser, str(peeters.pk))
    assert listed.pk not in _found(browser, "Wouters")
    assert listed.pk not in _found(browser, str(other.pk + 1000))


def test_a_list_of_clients_and_of_signals_is_found_by_name(db, mw, beheerder, login):
    client = ClientFactory(last_name="Janssens", first_name="Rita")
    read = audit.record_list_read(mw, "clients.client", [client.pk], purpose="test")
    dossier = DossierFactory(last_name="Maes", first_name="Tom")
    named = audit.record(
        "lac.session.view",
        actor=mw,
        kind=AuditEvent.Kind.READ,
        details={"dossiers": [dossier.pk]},
    )

    browser = login(beheerder)

    assert read.pk in _found(browser, "janssens")
    assert named.pk in _found(browser, "Maes")
    assert named.pk not in _found(browser, "Janssens")


def test_pruning_takes_the_rows_with_their_events(db, mw):
    audit.record_list_read(mw, Dossier, [DossierFactory().pk], purpose="test")
    assert AuditSubject.objects.exists()
    deleted = audit_prune(before=timezone.now() + datetime.timedelta(seconds=1), actor=None)
    assert deleted >= 1 and not AuditSubject.objects.exists()


def test_digits_that_are_no_number_find_nothing_instead_of_failing(db, beheerder, login):
    client = login(beheerder)
    for text in ("²", "1²3", "9" * 25):
        assert _found(client, text) == []


def test_the_dossiers_are_found_through_the_search_index(db):
    """By name or number, any part of three characters or more through the worklists' search
    index (SQLite's FTS5 table), shorter parts as a substring; not by the customer number,
    which the trail's search never meant."""
    from django.db import connection

    from bereik.dossiers.audit_lookups import dossiers_named
    from bereik.lib import sqlite_fts

    jan = DossierFactory(last_name="Van den Broeck", first_name="Jan", customer_number="KL-778")
    DossierFactory(last_name="Peeters", first_name="An", customer_number="KL-779")

    def found(text):
        return set(Dossier.objects.filter(pk__in=dossiers_named(text)))

    assert found("broeck") == {jan}
    assert found("DEN BROE jan") == {jan}
    assert found(jan.number[-4:]) == {jan}
    assert found("Ja") == {jan}  # two characters: a substring
    assert found("KL-778") == set()
    if connection.vendor == "sqlite" and sqlite_fts.trigram_available():
        assert "dossier_search" in str(dossiers_named("broeck").query)


def test_an_event_naming_rows_of_several_models_writes_each_row_once(db, mw):
    """Every (model, id) an event names is one row, repeats left out; on PostgreSQL each
    model's ids go in one statement, not one a row (the chain's head is locked meanwhile)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossiers = [DossierFactory().pk for _ in range(3)]
    client = ClientFactory().pk
    with CaptureQueriesContext(connection) as captured:
        event = audit.record(
            "lac.session.view",
            actor=mw,
            kind=AuditEvent.Kind.READ,
            details={"dossiers": [*dossiers, dossiers[0]], "clients": [str(client)]},
        )
    assert sorted((s.model, s.object_id) for s in event.subjects.all()) == sorted(
        [("dossiers.dossier", pk) for pk in dossiers] + [("clients.client", client)]
    )
    inserts = [q["sql"] for q in captured.captured_queries if "audit_auditsubject" in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(inserts) == 2 and all("unnest" in sql for sql in inserts)
    else:
        assert inserts
