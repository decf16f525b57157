import csv
import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik import audit
from bereik.audit.models import AuditEvent


class Person:
    """Stands for a client: the audit trail takes the label of whatever it is given."""

    def __init__(self, label):
        self.label = label

    def __str__(self):
        return self.label


def _event(action, *, actor, subject=None, kind=AuditEvent.Kind.WRITE, at=None):
    if at is None:
        return audit.record(action, actor=actor, subject=subject, kind=kind, purpose="test")
    with time_machine.travel(at, tick=False):
        return audit.record(action, actor=actor, subject=subject, kind=kind, purpose="test")


def _actions(response):
    return [event.action for event in response.context["rows"]]


@pytest.fixture
def events(mw, mw_other):
    tz = datetime.timezone(datetime.timedelta(hours=1))
    return {
        "mia_reads_peeters": _event(
            "dossier.view",
            actor=mw,
            subject=Person("Peeters Jan"),
            kind=AuditEvent.Kind.READ,
            at=datetime.datetime(2026, 10, 1, 10, tzinfo=tz),
        ),
        "marc_writes_claes": _event(
            "contact.create",
            actor=mw_other,
            subject=Person("Claes Els"),
            at=datetime.datetime(2026, 11, 2, 10, tzinfo=tz),
        ),
        "marc_reads_peeters": _event(
            "dossier.view",
            actor=mw_other,
            subject=Person("Peeters Jan"),
            kind=AuditEvent.Kind.READ,
            at=datetime.datetime(2026, 11, 20, 23, 30, tzinfo=tz),
        ),
    }


def test_only_the_beheerder_sees_the_audit_trail(login, mw, diensthoofd):
    for persona in (mw, diensthoofd):
        client = login(persona)
        assert client.get(reverse("audit:list")).status_code == 403
        assert client.get(reverse("audit:export")).status_code == 403


def test_it_searches_by_user(login, beheerder, mw, events):
    response = login(beheerder).get(reverse("audit:list"), {"actor": mw.pk})
    assert _actions(response) == ["dossier.view"]
    assert response.context["rows"][0].actor == mw


def test_it_searches_by_person(login, beheerder, events):
    response = login(beheerder).get(reverse("audit:list"), {"person": "peeters"})
    assert {e.pk for e in response.context["rows"]} == {
        events["mia_reads_peeters"].pk,
        events["marc_reads_peeters"].pk,
    }


def test_it_searches_by_subject_id(login, beheerder, mw):
    audit.record("user.update", actor=mw, subject=mw)
    audit.record("user.update", actor=mw, subject=None)
    response = login(beheerder).get(reverse("audit:list"), {"person": str(mw.pk)})
    assert [e.subject_id for e in response.context["rows"]] == [str(mw.pk)]


def test_it_searches_by_period_in_local_time(login, beheerder, events):
    response = login(beheerder).get(
        reverse("audit:list"), {"date_from": "2026-11-01", "date_to": "2026-11-20"}
    )
    # 20 November 23:30 in Brussels is still the 20th, although it is the 20th 22:30 UTC.
    assert {e.pk for e in response.context["rows"]} == {
        events["marc_writes_claes"].pk,
        events["marc_reads_peeters"].pk,
    }


def test_it_searches_by_action_prefix_and_kind(login, beheerder, events):
    client = login(beheerder)
    assert _actions(client.get(reverse("audit:list"), {"action": "contact."})) == ["contact.create"]
    reads = client.get(reverse("audit:list"), {"kind": "read", "action": "dossier"})
    assert len(reads.context["rows"]) == 2


def test_it_says_so_when_the_period_is_reversed(login, beheerder, events):
    response = login(beheerder).get(
        reverse("audit:list"), {"date_from": "2026-11-20", "date_to": "2026-11-01"}
    )
    assert "date_to" in response.context["form"].errors
    assert response.context["rows"] == []


def test_it_refuses_to_search_on_an_insz(login, beheerder, events):
    response = login(beheerder).get(reverse("audit:list"), {"person": "93.05.18-223.61"})
    assert "person" in response.context["form"].errors
    view = AuditEvent.objects.filter(action="audit.view").get()
    assert "93051822361" not in str(view.details) and "223" not in str(view.details)


def test_looking_at_the_trail_is_recorded_with_the_filters(login, beheerder, mw, events):
    login(beheerder).get(reverse("audit:list"), {"actor": mw.pk, "person": "Peeters"})
    view = AuditEvent.objects.get(action="audit.view")
    assert view.actor == beheerder
    assert view.kind == AuditEvent.Kind.READ
    assert view.details == {"filters": {"actor": mw.pk, "person": "Peeters"}}


def test_it_pages_through_the_events(login, beheerder, mw):
    for i in range(60):
        audit.record(f"test.{i:02d}", actor=mw)
    client = login(beheerder)
    first = client.get(reverse("audit:list"), {"action": "test."})
    assert len(first.context["rows"]) == 50
    second = client.get(reverse("audit:list"), {"action": "test.", "page": 2})
    assert len(second.context["rows"]) == 10
    assert "action=test." in first.content.decode()  # the next-page link keeps the filter


def test_the_list_runs_a_fixed_number_of_queries(login, beheerder, mw, mw_other):
    client = login(beheerder)
    client.get(reverse("audit:list"))
    for actor in (mw, mw_other):
        audit.record("dossier.view", actor=actor, subject=Person("Peeters Jan"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:list"))
    for i in range(40):
        audit.record(f"dossier.view.{i}", actor=(mw, mw_other)[i % 2], subject=Person(f"P {i}"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("audit:list"))
    assert len(many) == len(few)
    # The bounded count, the page's ids, the page's events (`lib/paging.py`), the actions
    # offered, the session, the user with their roles, the bell, the search's own audit event
    # (4).
    assert len(many) <= 12


def test_the_export_holds_the_filtered_events(login, beheerder, mw, events):
    response = login(beheerder).get(reverse("audit:export"), {"person": "Peeters"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:5] == ["Tijdstip", "Gebruiker", "Gebruikersnaam", "Soort", "Actie"]
    assert sorted(row[10] for row in rows[1:]) == ["Peeters Jan", "Peeters Jan"]
    assert {row[2] for row in rows[1:]} == {"mia", "marc"}


def test_the_export_shows_formulas_as_text(login, beheerder, mw):
    audit.record("dossier.view", actor=mw, subject=Person('=HYPERLINK("http://x")'))
    audit.record("dossier.view", actor=mw, subject=Person("+32 11 22"))
    response = login(beheerder).get(reverse("audit:export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    labels = [row[10] for row in csv.reader(io.StringIO(body), delimiter=";")][1:]
    assert '\'=HYPERLINK("http://x")' in labels
    assert "'+32 11 22" in labels
    assert not any(label.startswith(("=", "+")) for label in labels)


def test_exporting_is_recorded(login, beheerder, events):
    response = login(beheerder).get(reverse("audit:export"), {"kind": "read"})
    b"".join(response.streaming_content)
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor == beheerder
    assert export.details == {"filters": {"kind": "read"}, "rows": 2}


def test_details_of_any_shape_are_shown_and_exported(login, beheerder, mw):
    audit.record("letter.batch", actor=mw, details={"items": [3, 4], "count": 2})
    audit.record("legacy.thing", actor=mw, details=["a", "b"])
    client = login(beheerder)
    text = client.get(reverse("audit:list")).content.decode()
    assert "items:</span> [3, 4]" in text
    assert "[&#x27;a&#x27;, &#x27;b&#x27;]" in text
    body = b"".join(client.get(reverse("audit:export")).streaming_content).decode("utf-8-sig")
    # PostgreSQL's jsonb keeps its own key order.
    assert "items=[3, 4]" in body and "count=2" in body
