"""The trail's list and search at the size of a real trail (millions of events): the count is
bounded and a page is chosen by its ids (`lib/paging.py`), the name written on an event is
found through its trigram index, the action filter through the action's index, an internal
number through the (subject_type, subject_id) index; a signal a list read showed is found by
its name through the signals' index."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bereik import audit
from bereik.audit import subjects
from bereik.audit.actions import audit_prune
from bereik.audit.forms import action_prefix_q
from bereik.audit.models import AuditEvent
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.lib import paging, sqlite_fts

pytestmark = pytest.mark.django_db

with_fts = pytest.mark.skipif(
    connection.vendor != "sqlite" or not sqlite_fts.trigram_available(),
    reason="SQLite's FTS5 trigram table",
)


def _page(browser, **query):
    response = browser.get(reverse("audit:list"), query)
    assert response.status_code == 200
    return response


def test_the_count_is_bounded_and_the_pages_go_on_without_a_last(login, beheerder, mw, monkeypatch):
    for n in range(7):
        audit.record(f"test.event{n}", actor=mw, subject=DossierFactory.build(pk=9000 + n))
    monkeypatch.setattr(paging, "CAP", 5)
    monkeypatch.setattr(paging, "SHORT", 2)  # (SHORT < CAP, as in production)
    monkeypatch.setattr("bereik.audit.views.EVENTS_PER_PAGE", 3)
    browser = login(beheerder)
    first = _page(browser, action="test.")
    html = first.content.decode()
    assert "Meer dan 5 regels" in html and "Pagina 1</span>" in html and "Pagina 1 van" not in html
    assert first.context["page"].has_next()
    # Newest first, page after page, without repeats (the search's own events are not "test.").
    seen = [e.pk for n in (1, 2, 3) for e in _page(browser, action="test.", page=n).context["rows"]]
    tests = AuditEvent.objects.filter(action__startswith="test.").order_by("-at", "-id")
    assert seen == list(tests.values_list("pk", flat=True)) and len(seen) == 7


def test_a_page_costs_the_same_queries_whatever_the_trail(login, beheerder, mw):
    browser = login(beheerder)
    _page(browser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            _page(browser, person="peeters")
        return len(captured)

    audit.record("test.one", actor=mw, subject=DossierFactory(last_name="Peeters"))
    few = queries()
    for n in range(30):
        audit.record("test.many", actor=mw, subject=DossierFactory(last_name=f"Peeters{n}"))
    assert queries() == few


def test_the_name_on_an_event_is_found_by_any_part_in_any_case(login, beheerder, mw):
    dossier = DossierFactory(last_name="Vandenbroucke", first_name="Élise")
    event = audit.record("dossier.note", actor=mw, subject=dossier)
    browser = login(beheerder)
    for text in ("broucke", "VANDENBROUCKE", "Vandenbroucke Élise", "Va"):
        assert event.pk in [e.pk for e in _page(browser, person=text).context["rows"]], text
    assert event.pk not in [e.pk for e in _page(browser, person="Wouters").context["rows"]]


@with_fts
def test_on_sqlite_the_person_and_action_filters_read_indexes_not_every_event(mw):
    audit.record("dossier.note", actor=mw, subject=DossierFactory())
    about = AuditEvent.objects.filter(subjects.about("peeters")).values("pk").explain()
    assert "audit_label_search VIRTUAL TABLE INDEX" in about
    assert not [line for line in about.splitlines() if "SCAN audit_auditevent" in line]
    number = AuditEvent.objects.filter(subjects.about("1234")).values("pk").explain()
    assert not [line for line in number.splitlines() if "SCAN audit_auditevent" in line]
    action = AuditEvent.objects.filter(action_prefix_q("Dossier.")).values("pk").explain()
    assert "USING COVERING INDEX audit_auditevent_action" in action or "(action>? AND" in action
    assert not [line for line in action.splitlines() if "SCAN audit_auditevent" in line]


def test_the_action_filter_is_a_prefix_in_any_case(login, beheerder, mw):
    note = audit.record("dossier.note", actor=mw)
    view = audit.record("dossier.view", actor=mw, kind=AuditEvent.Kind.READ)
    other = audit.record("dossiers.assign", actor=mw)
    browser = login(beheerder)

    def found(text):
        return {e.pk for e in _page(browser, action=text).context["rows"]}

    assert found("dossier.") >= {note.pk, view.pk} and other.pk not in found("dossier.")
    assert found("DOSSIER.VIEW") & {note.pk, view.pk, other.pk} == {view.pk}
    assert found("dossier") >= {note.pk, view.pk, other.pk}


def test_an_internal_number_finds_the_events_about_it(login, beheerder, mw):
    dossier = DossierFactory()
    event = audit.record("dossier.note", actor=mw, subject=dossier)
    browser = login(beheerder)
    assert event.pk in [e.pk for e in _page(browser, person=str(dossier.pk)).context["rows"]]
    assert event.pk not in [
        e.pk for e in _page(browser, person=str(dossier.pk + 1000)).context["rows"]
    ]


def test_a_signal_a_list_showed_is_found_by_its_name_through_the_signals_index(
    login, beheerder, mw
):
    signal = SignalFactory(last_name="Wuyts", first_name="Karel")
    read = audit.record_list_read(mw, "dossiers.signal", [signal.pk], purpose="test")
    browser = login(beheerder)
    assert read.pk in [e.pk for e in _page(browser, person="wuyts").context["rows"]]
    assert read.pk in [e.pk for e in _page(browser, person="KAREL").context["rows"]]
    if connection.vendor == "sqlite" and sqlite_fts.trigram_available():
        from bereik.dossiers.audit_lookups import signals_named

        assert "signal_search" in str(signals_named("wuyts").query)


@with_fts
def test_pruning_takes_the_names_out_of_the_label_index_at_once(mw):
    dossier = DossierFactory(last_name="Verhaegen")
    audit.record("dossier.note", actor=mw, subject=dossier)
    assert AuditEvent.objects.filter(subjects.about("verhaegen")).exists()
    with CaptureQueriesContext(connection) as queries:
        audit_prune(before=timezone.now() + datetime.timedelta(seconds=1), actor=None)
    assert [q for q in queries if "audit_label_search(audit_label_search)" in q["sql"]]
    assert not AuditEvent.objects.filter(subjects.about("verhaegen")).exists()


def test_the_kinds_of_subject_are_found_one_step_each(mw):
    from bereik.clients.tests.factories import ClientFactory

    audit.record("user.update", actor=mw, subject=mw)
    audit.record("dossier.note", actor=mw, subject=DossierFactory())
    audit.record("client.update", actor=mw, subject=ClientFactory())
    audit.record("settings.update", actor=mw)
    every = AuditEvent.objects.order_by("subject_type").values_list("subject_type", flat=True)
    assert subjects.subject_types() == list(every.distinct())
    assert {"", "client", "dossier", "user"} <= set(subjects.subject_types())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's form of the search")
def test_on_postgresql_the_person_search_is_one_union_of_indexed_parts(mw):
    """An OR of the parts, one a subquery, made PostgreSQL read every event; a union lets each
    part use its index (the label's trigram index, the subjects', the number's)."""
    sql = str(AuditEvent.objects.filter(subjects.about("1234")).query)
    assert sql.count("UNION ALL") == 2
    assert '"subject_label"::text) LIKE' in sql


@with_fts
def test_on_sqlite_a_long_list_is_walked_in_time_order_and_counted_by_the_action(mw):
    """The action said twice: for the count, through the action's index; for a long list's
    page, so that SQLite walks the time's index (a common action read and sorted through its own
    index cost 350 ms at a million events)."""
    audit.record("dossier.note", actor=mw)
    events = AuditEvent.objects.order_by("-at", "-id").values("pk")
    walked = events.filter(action_prefix_q("dossier.", indexed=False))[:51].explain()
    assert "audit_auditevent_at_" in walked and "TEMP B-TREE" not in walked
    counted = events.order_by().filter(action_prefix_q("dossier."))[:10001].explain()
    assert "audit_auditevent_action_" in counted


def test_a_search_by_number_reads_the_kinds_of_subject_once(login, beheerder, mw):
    """The list filters twice (counted through the filters' indexes, walked in time order):
    the person filter is made once."""
    dossier = DossierFactory()
    audit.record("dossier.note", actor=mw, subject=dossier)
    browser = login(beheerder)
    with CaptureQueriesContext(connection) as queries:
        _page(browser, person=str(dossier.pk))
    assert len([q for q in queries if "WITH RECURSIVE found" in q["sql"]]) == 1


@with_fts
def test_on_sqlite_a_long_person_search_is_walked_in_time_order(mw):
    """A common name's events (20,000 of a million) were read through the indexes and sorted
    for a page of 25 (70 ms); a long list's page now checks the ids on each event the time's
    index gives, newest first. The count, and a short list, still go through the indexes."""
    audit.record("dossier.note", actor=mw, subject=DossierFactory(last_name="Peeters"))
    events = AuditEvent.objects.order_by("-at", "-id").values("pk")
    walked = events.filter(subjects.about("Peeters", walk=True))[:51].explain()
    assert "audit_auditevent_at_" in walked and "TEMP B-TREE" not in walked
    indexed = events.filter(subjects.about("Peeters"))[:51].explain()
    assert "MULTI-INDEX OR" in indexed and "audit_auditevent_at_" not in indexed


WALKED = '+"audit_auditevent"."id" IN'


@pytest.mark.parametrize("text", ["Peeters", "number", "Pe"])
def test_a_person_search_gives_the_same_events_however_its_page_is_read(
    login, beheerder, mw, monkeypatch, text
):
    """A short result read by the ids its count brought, a longer one (up to CAP) through the
    filters' indexes and sorted, a result past CAP walked in time order (`+id`, SQLite): the
    same events in the same order, for a name, an internal number and a name of two letters.
    The internal number is one no other row's name holds (a first dossier's "1" is in many)."""
    # First names set: a random one ("Petra", "Jasper") would hold "Pe" too.
    peeters = DossierFactory(pk=987_654_321, last_name="Peeters", first_name="Mark")
    other = DossierFactory(last_name="Janssens", first_name="Lies")
    for n in range(4):
        audit.record(f"test.about{n}", actor=mw, subject=peeters)
        audit.record(f"test.other{n}", actor=mw, subject=other)
    audit.record_list_read(mw, "dossiers.dossier", [other.pk, peeters.pk], purpose="werklijst")
    text = str(peeters.pk) if text == "number" else text
    browser = login(beheerder)
    monkeypatch.setattr("bereik.audit.views.EVENTS_PER_PAGE", 3)

    def read():
        seen, walked = [], False
        for n in (1, 2):
            with CaptureQueriesContext(connection) as queries:
                seen += [e.pk for e in _page(browser, person=text, page=n).context["rows"]]
            walked |= any(WALKED in q["sql"] for q in queries)
        return seen, walked

    expected = list(
        AuditEvent.objects.filter(subjects.about(text))
        .order_by("-at", "-id")
        .values_list("pk", flat=True)
    )
    assert len(expected) == 5  # four about the dossier, the list read that showed it
    assert read() == (expected, False)  # short: by the ids
    monkeypatch.setattr(paging, "SHORT", 2)
    assert read() == (expected, False)  # up to CAP: through the indexes, sorted
    monkeypatch.setattr(paging, "CAP", 3)
    assert read() == (expected, connection.vendor == "sqlite")  # past CAP: walked on SQLite


@pytest.mark.parametrize("query", [{"person": "Peeters"}, {"action": "test.about"}])
def test_an_export_of_a_few_events_reads_them_through_the_indexes(
    login, beheerder, mw, monkeypatch, query
):
    """Walked in time order, exporting a rare name's or a rare action's few events read the
    whole trail: up to CAP events are read through the filters' indexes and sorted, more are
    streamed in time order."""
    peeters = DossierFactory(last_name="Peeters")
    for n in range(3):
        audit.record(f"test.about{n}", actor=mw, subject=peeters)
        audit.record(f"test.other{n}", actor=mw, subject=DossierFactory(last_name="Janssens"))
    browser = login(beheerder)

    def export():
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(reverse("audit:export"), query)
            body = b"".join(response.streaming_content).decode("utf-8-sig")
        return re.findall(r"test\.about\d", body), body, queries

    about, body, queries = export()
    assert about == ["test.about2", "test.about1", "test.about0"]  # newest first
    assert "test.other" not in body
    # On SQLite the walked forms are the person's `+id` and the action's `startswith`
    # (PostgreSQL has one form of each: its pattern index serves `startswith`).
    walked_forms = (WALKED, "LIKE")
    sqlite = connection.vendor == "sqlite"
    assert not sqlite or not any(form in q["sql"] for q in queries for form in walked_forms)
    assert AuditEvent.objects.filter(action="audit.export").latest("id").details["rows"] == 3
    monkeypatch.setattr(paging, "CAP", 2)
    about_walked, _body, queries = export()
    assert about_walked == about
    assert not sqlite or any(form in q["sql"] for q in queries for form in walked_forms)
