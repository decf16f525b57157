import datetime
from collections import Counter

import pytest
import time_machine

from bereik.accounts import demo as accounts_demo
from bereik.accounts.models import Notification
from bereik.demo.loader import make_context
from bereik.dossiers.models import Task
from bereik.lac import actions, demo, queries
from bereik.lac.models import AgendaItem, Session
from bereik.lac.preparation import preparation_for
from bereik.lac.queries import LAC_SIGNAL_KINDS
from bereik.lib import workdays
from bereik.organisation import demo as organisation_demo


@pytest.fixture
def lac_demo(db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    demo.load(ctx)
    return ctx


def test_the_demo_has_past_and_upcoming_sessions_in_both_kinds(lac_demo):
    for kind in (Session.Kind.WATER, Session.Kind.ENERGIE):
        past = Session.objects.past().filter(kind=kind).get()
        assert past.is_closed
        assert all(item.has_advice for item in past.items.all())
        upcoming = Session.objects.upcoming().filter(kind=kind).first()
        assert not upcoming.is_closed and upcoming.items.count() >= 2
        assert upcoming.chair is not None and upcoming.secretary is not None
    assert Task.objects.filter(source__startswith="lac:").exists()
    # Some households are divided over the social workers, as in Kontich: Nele prepares them.
    assert queries.items_to_prepare(lac_demo.users["nele"]).filter(
        session__kind=Session.Kind.ENERGIE
    )


def test_a_household_moved_after_its_legal_deadline_is_flagged(lac_demo):
    late = [item for item in AgendaItem.objects.filter(session__closed_at=None) if item.is_late]
    assert {item.session.kind for item in late} == {Session.Kind.WATER, Session.Kind.ENERGIE}
    for item in late:
        event = item.dossier.events.get(kind="lac.deadline")
        assert event.text == item.lapse_consequence
        assert item.dossier.events.filter(kind="lac.agenda", text__contains="ziekenhuis")


def test_every_household_came_in_on_a_lac_list_and_was_triaged_and_assigned(lac_demo):
    """No household made on the side: each has its list, deadline, route, team and worker."""
    items = AgendaItem.objects.select_related("dossier")
    assert items.count() >= 9
    for item in items:
        dossier = item.dossier
        assert dossier.signals.filter(kind__in=LAC_SIGNAL_KINDS).exists(), dossier.number
        assert dossier.deadline is not None, dossier.number
        assert dossier.route, dossier.number
        assert dossier.team_id is not None, dossier.number
        assert dossier.assigned_to_id is not None, dossier.number
        assert item.legal_deadline is not None, dossier.number
    # The households of the past sessions were reached before their session.
    for item in items.filter(session__closed_at__isnull=False):
        assert item.dossier.reached_on is not None
        assert item.dossier.reached_on < item.session.date


@pytest.fixture
def demo_of_2_december(db):
    """Loaded on 2 December 2026: 21 days before lands on Wapenstilstand (11 November)."""
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)):
        ctx = make_context()
        organisation_demo.load(ctx)
        accounts_demo.load(ctx)
        demo.load(ctx)
        yield ctx


def test_the_sessions_fall_on_working_days_that_are_no_public_holiday(demo_of_2_december):
    sessions = list(Session.objects.order_by("date"))
    assert len(sessions) >= 4
    for session in sessions:
        assert workdays.is_working_day(session.date), session
    assert datetime.date(2026, 11, 11) not in {session.date for session in sessions}


def test_a_preparer_hears_of_a_session_once(lac_demo):
    notes = Notification.objects.filter(text__contains="voor te bereiden voor")
    assert notes.exists()
    sessions = [note.text.split(" voor te bereiden voor ")[1] for note in notes]
    counts = Counter(zip([note.user_id for note in notes], sessions, strict=True))
    assert max(counts.values()) == 1, counts


def test_the_demo_has_a_session_of_today_prepared_and_still_to_record(lac_demo, client):
    session = Session.objects.get(date=datetime.date(2026, 11, 27))
    assert not session.is_closed and session.has_started
    assert session.chair is not None and session.secretary is not None
    items = list(session.items.select_related("dossier"))
    assert len(items) >= 3
    assert not any(item.attendance or item.advice for item in items)
    assert all(item.dossier.reached_on is not None for item in items)
    assert not any(item.is_late for item in items)
    # Some households are prepared completely, some not yet: the overview shows both.
    missing = [prep.missing for prep in preparation_for(items).values()]
    assert [] in missing and any(missing)

    # The secretary can record every advice and close it.
    olga = lac_demo.users["olga"]
    client.force_login(olga)
    page = client.get(f"/lac/zitting/{session.pk}/notuleren/").content.decode()
    assert f'action="/lac/zitting/{session.pk}/afsluiten/"' in page
    for item in items:
        actions.agenda_item_record(item, actor=olga, attendance="afwezig", advice="uitstel")
    actions.session_close(session, actor=olga)


def test_loaded_in_a_weekend_the_open_session_is_of_the_last_working_day(db):
    with time_machine.travel(datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC)):
        ctx = make_context()
        organisation_demo.load(ctx)
        accounts_demo.load(ctx)
        demo.load(ctx)
        session = Session.objects.get(date=datetime.date(2026, 11, 27))
        assert not session.is_closed and session.has_started
        assert session.items.exists() and not session.items.exclude(advice="").exists()
        assert all(workdays.is_working_day(s.date) for s in Session.objects.all())
