"""A dossier has a "volgende stap" from the start: after an import, after triage (the route decides
the first contact) and after a manual assignment, computed for many dossiers at once."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.dossiers import next_step as steps
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.eviction.tests.test_procedure import summoned  # noqa: F401 - a fixture
from bereik.intake import actions as intake_actions
from bereik.organisation.models import Company
from bereik.outreach import actions as outreach_actions
from bereik.outreach import queries as outreach_queries
from bereik.outreach.models import ContactAttempt
from bereik.triage.actions.assignment import dossier_assign, dossiers_assign
from bereik.triage.actions.routes import dossier_change_route

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[2] / "intake" / "tests" / "data"
INVITE = "Uitnodiging voor de LAC versturen"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today(time_machine):
    import zoneinfo

    moment = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(moment, tick=False)
    return moment.date()


def test_a_freshly_imported_lac_dossier_shows_its_volgende_stap(today, onthaal, login):
    result = intake_actions.import_file(
        (DATA / "watergroep-lac-water.xlsx").read_bytes(),
        file_name="watergroep-lac-water.xlsx",
        kind="lac-water",
        company=Company.objects.get(name="De Watergroep"),
        actor=onthaal,
    )
    assert result.follow_up_problems == []
    dossiers = Dossier.objects.filter(number__in=result.dossiers_created)
    assert dossiers.count() == len(result.dossiers_created) > 0
    for dossier in dossiers:
        assert (dossier.next_step, dossier.next_step_date) == (INVITE, today)
    page = login(onthaal).get(reverse("dossiers:worklist", args=["alle"])).content.decode()
    assert INVITE in page


def test_a_warning_list_dossier_gets_a_home_visit_as_first_step(today, onthaal):
    from bereik.intake.tests.test_bundling import import_rows, warning_row

    result = import_rows([warning_row("1001")], actor=onthaal)
    dossier = Dossier.objects.get(number=result.dossiers_created[0])
    assert dossier.next_step == "Onaangekondigd huisbezoek"
    assert dossier.next_step_date == datetime.date(2026, 11, 30)  # three days on, a Monday


def test_a_route_change_changes_the_first_contact(today, preventiewerker, mw):
    dossier = DossierFactory(route=Dossier.Route.C, assigned_to=preventiewerker)
    steps.refresh([dossier], actor=preventiewerker)
    assert dossier.next_step == "Onaangekondigd huisbezoek"

    dossier_change_route(
        dossier, Dossier.Route.A, reason="Lopende begeleiding", actor=preventiewerker
    )
    dossier.refresh_from_db()
    assert dossier.next_step == "Cliënt contacteren (lopende begeleiding)"


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_a_dossier_assigned_by_hand_before_any_outreach_gets_a_step(
    today, preventiewerker, mw, how
):
    dossier = DossierFactory(deadline=today + datetime.timedelta(days=20))
    assert dossier.next_step == ""
    if how == "one":
        dossier_assign(dossier, mw, reason="Kent het gezin", actor=preventiewerker)
    else:
        dossiers_assign([dossier], mw, reason="Kent het gezin", actor=preventiewerker)
    dossier.refresh_from_db()
    assert dossier.next_step == "Onaangekondigd huisbezoek"


def test_the_bulk_facts_are_those_of_each_dossier_alone(
    today, preventiewerker, mw, django_assert_num_queries
):
    """One implementation (outreach.queries.situations_for) for one dossier and for many."""
    dossier = DossierFactory(
        assigned_to=mw,
        status=Dossier.Status.ASSIGNED,
        route=Dossier.Route.C,
        deadline=today + datetime.timedelta(days=18),
        deadline_kind=Dossier.DeadlineKind.SESSION,
    )
    outreach_actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        date=today - datetime.timedelta(days=2),
        part_of_day="namiddag",
        result=ContactAttempt.Result.NOT_HOME,
        actor=mw,
    )
    outreach_actions.letter_generate(
        dossier,
        "niet_thuis",
        actor=mw,
        visit_date=today - datetime.timedelta(days=2),
        appointment_date=today + datetime.timedelta(days=5),
        appointment_part="namiddag",
    )
    outreach_actions.visit_plan(
        dossier,
        worker=mw,
        date=today + datetime.timedelta(days=5),
        part_of_day="namiddag",
        kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
        actor=mw,
    )
    other = DossierFactory(status=Dossier.Status.REACHED, reached_on=today)
    dossier.refresh_from_db()
    expected = outreach_queries.situation_for(dossier)
    assert expected.attempts and expected.pending_letters and expected.planned_visits
    with django_assert_num_queries(3):
        both = outreach_queries.situations_for([other, dossier])
    assert both == [outreach_queries.situation_for(other), expected]
    assert both[0].reached_elsewhere == today and both[1].reached_elsewhere is None
    # A page decides from the rows it lists (outreach.queries.page_rows): the same facts.
    for one in (dossier, other):
        assert outreach_queries.situation_on_page(Dossier.objects.get(pk=one.pk)) == (
            outreach_queries.situation_for(one)
        )


def test_a_page_decides_from_the_rows_it_lists_as_an_action_does(today, mw):
    """`situation_on_page` (from the rows the contacts section lists: every version of every
    attempt, every letter) keeps what `situation_for` reads: the current attempts, a corrected
    "bereikt" attempt explaining reached_on, the letters not sent yet in their order, the
    planned visits only."""
    dossier = DossierFactory(
        assigned_to=mw, status=Dossier.Status.ASSIGNED, deadline=today + datetime.timedelta(days=9)
    )
    reached = outreach_actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=today - datetime.timedelta(days=3),
        part_of_day="voormiddag",
        result=ContactAttempt.Result.REACHED,
        actor=mw,
    )
    outreach_actions.attempt_correct(
        reached, result=ContactAttempt.Result.NO_RESPONSE, reason="Verkeerd nummer", actor=mw
    )
    for days in (4, 5, 6):  # three letters, the first one sent: two wait, in their order
        outreach_actions.letter_generate(
            dossier,
            "niet_thuis",
            actor=mw,
            visit_date=today - datetime.timedelta(days=2),
            appointment_date=today + datetime.timedelta(days=days),
            appointment_part="namiddag",
        )
    first = dossier.letters.order_by("created_at", "id").first()
    outreach_actions.letter_mark_sent(first, actor=mw)
    # Planned later day first; a third visit cancelled.
    for days in (6, 4, 5):
        visit = outreach_actions.visit_plan(
            dossier,
            worker=mw,
            date=today + datetime.timedelta(days=days),
            part_of_day="voormiddag",
            kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
            actor=mw,
        )
    outreach_actions.visit_cancel(visit, reason="Verzet", actor=mw)
    Dossier.objects.filter(pk=dossier.pk).update(reached_on=today - datetime.timedelta(days=3))
    fresh = Dossier.objects.get(pk=dossier.pk)
    expected = outreach_queries.situation_for(fresh)
    assert [letter.letter_id for letter in expected.pending_letters] == list(
        dossier.letters.filter(sent_on=None)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    assert len(expected.pending_letters) == 2
    assert [visit.date for visit in expected.planned_visits] == [
        today + datetime.timedelta(days=4),
        today + datetime.timedelta(days=6),
    ]
    # The phone call as corrected, not as first recorded; the corrected "bereikt" explains
    # reached_on, which goes with it.
    phone = [a for a in expected.attempts if a.kind == ContactAttempt.Kind.PHONE]
    assert [a.result for a in phone] == [ContactAttempt.Result.NO_RESPONSE]
    assert expected.reached_elsewhere is None
    page = outreach_queries.situation_on_page(Dossier.objects.get(pk=dossier.pk))
    assert page == expected


def test_many_dossiers_cost_the_same_queries_as_a_few(today, preventiewerker):
    def run(count):
        dossiers = [DossierFactory() for _ in range(count)]
        with CaptureQueriesContext(connection) as queries:
            assert steps.refresh(dossiers, actor=preventiewerker) == count
        assert all(d.next_step for d in Dossier.objects.filter(pk__in=[d.pk for d in dossiers]))
        return len(queries.captured_queries)

    # Three reads (attempts, unsent letters, planned visits) and one write.
    assert run(2) == run(40) == 4


def test_a_dossier_whose_reached_date_lags_its_attempts_is_refreshed_whole(today, mw):
    dossier = DossierFactory(assigned_to=mw, status=Dossier.Status.ASSIGNED)
    ContactAttempt.objects.create(
        dossier=dossier,
        kind=ContactAttempt.Kind.PHONE,
        date=today,
        part_of_day="voormiddag",
        result=ContactAttempt.Result.REACHED,
    )
    steps.refresh([dossier], actor=mw)
    dossier.refresh_from_db()
    assert dossier.reached_on == today
    assert dossier.status == Dossier.Status.REACHED
    assert dossier.next_step.startswith("Hulp")


def test_a_closed_dossier_is_left_alone(today, mw):
    dossier = DossierFactory(status=Dossier.Status.CLOSED, next_step="", next_step_date=None)
    assert steps.refresh([dossier], actor=mw) == 0
    dossier.refresh_from_db()
    assert dossier.next_step == ""


def test_the_day_a_dossier_was_opened_is_converted_once_per_moment(today, monkeypatch):
    """An import opens thousands of dossiers at one moment: its local day is worked out once.
    At 23:30 UTC it is the next day in Belgium."""
    late = datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC)
    early = datetime.datetime(2026, 11, 21, 8, 0, tzinfo=datetime.UTC)
    dossiers = [DossierFactory(opened_at=late) for _ in range(3)] + [
        DossierFactory(opened_at=early)
    ]
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers[:3]]).update(opened_at=late)
    Dossier.objects.filter(pk=dossiers[3].pk).update(opened_at=early)
    dossiers = list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).order_by("pk"))
    converted = []
    localdate = outreach_queries.timezone.localdate

    def counted(value=None, timezone=None):
        converted.append(value)
        return localdate(value, timezone)

    monkeypatch.setattr(outreach_queries.timezone, "localdate", counted)
    situations = outreach_queries.situations_for(dossiers, today=today)

    assert [s.opened_on for s in situations] == [datetime.date(2026, 11, 21)] * 4
    assert sorted(converted) == [late, early]


def test_next_step_reads(today, mw, preventiewerker, summoned, monkeypatch):  # noqa: F811
    """The flow's refresh (`refresh_ids`) reads the dossiers with the fields of `READ` only: in
    every situation the rules decide, no rule reads another field (which would cost a query per
    dossier), and the steps are those of whole dossiers."""
    from bereik.followup.tests.factories import ProposalFactory, reached_dossier
    from bereik.outreach.models import PlannedVisit

    def phoned(dossier, result, date=today):
        ContactAttempt.objects.create(
            dossier=dossier,
            kind=ContactAttempt.Kind.PHONE,
            date=date,
            part_of_day="voormiddag",
            result=result,
        )
        return dossier

    dossiers = [
        DossierFactory(),  # new, no route yet
        DossierFactory(route=Dossier.Route.A, assigned_to=mw, status=Dossier.Status.ASSIGNED),
        DossierFactory(route=Dossier.Route.B),
        DossierFactory(route=Dossier.Route.C, kind=Dossier.Kind.ENERGIE),
        DossierFactory(
            deadline=today + datetime.timedelta(days=20),
            deadline_kind=Dossier.DeadlineKind.SESSION,
        ),
        DossierFactory(status=Dossier.Status.CLOSED),
    ]
    attempted = phoned(
        DossierFactory(route=Dossier.Route.C, status=Dossier.Status.IN_PROGRESS),
        ContactAttempt.Result.NO_RESPONSE,
    )
    visited = DossierFactory(route=Dossier.Route.C, assigned_to=preventiewerker)
    PlannedVisit.objects.create(
        dossier=visited,
        worker=preventiewerker,
        date=today + datetime.timedelta(days=2),
        part_of_day="namiddag",
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
    )
    helped = reached_dossier(worker=mw)
    phoned(helped, ContactAttempt.Result.REACHED, helped.reached_on)
    ProposalFactory(dossier=helped, author=mw)
    reached = reached_dossier(worker=mw)  # reached, help not started
    phoned(reached, ContactAttempt.Result.REACHED, reached.reached_on)
    dossiers += [attempted, visited, helped, reached, summoned]
    ids = [d.pk for d in dossiers]

    def stored():
        return dict(Dossier.objects.filter(pk__in=ids).values_list("pk", "next_step"))

    Dossier.objects.filter(pk__in=ids).update(next_step="", next_step_date=None)
    steps.refresh(list(Dossier.objects.filter(pk__in=ids)), actor=mw)  # whole dossiers
    expected = stored()
    assert len({step for step in expected.values() if step}) >= 6  # different situations
    assert expected[summoned.pk].startswith("Brief aan de huurder")

    Dossier.objects.filter(pk__in=ids).update(next_step="", next_step_date=None)
    loaded_later = []
    whole = Dossier.refresh_from_db

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        loaded_later.append(fields)
        return whole(self, using=using, fields=fields, from_queryset=from_queryset)

    monkeypatch.setattr(Dossier, "refresh_from_db", refresh_from_db)
    with CaptureQueriesContext(connection) as queries:
        steps.refresh_ids(ids, actor=mw)
    assert loaded_later == []
    (read,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "dossiers_dossier"."id"')]
    assert '"next_step_date"' in read and '"last_name"' not in read and '"insz"' not in read
    assert stored() == expected
    assert set(steps.READ) >= {"status", "reached_on", "next_step", "next_step_date"}
