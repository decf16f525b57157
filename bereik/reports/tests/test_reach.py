"""The reach figures on hand-made dossiers: each definition of the page's "Wat telt hoe?"."""

import datetime

from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.followup import actions as followup
from bereik.followup.tests.factories import outcome
from bereik.outreach import actions as outreach
from bereik.outreach.models import ContactAttempt
from bereik.reports import periods
from bereik.reports.figures import compute
from bereik.reports.scope import scope_for
from bereik.reports.tests.conftest import dossier

D = datetime.date


def figures_for(user, period=None, **kwargs):
    return compute(scope_for(user), period or periods.this_year(), **kwargs)


def summary(figures, period=0):
    return {key: cell.values()[period] for key, cell in figures.summary.items()}


def test_reached_before_the_deadline_after_it_and_never(diensthoofd):
    deadline = D(2026, 3, 20)
    dossier(D(2026, 3, 2), reached=D(2026, 3, 10), deadline=deadline)  # before
    dossier(D(2026, 3, 2), reached=deadline, deadline=deadline)  # on the day: not before
    dossier(D(2026, 3, 2), reached=D(2026, 4, 1), deadline=deadline)  # after
    dossier(D(2026, 3, 2), deadline=deadline)  # never
    dossier(D(2026, 3, 2), reached=D(2026, 3, 5))  # no deadline: reached, never "before"

    assert summary(figures_for(diensthoofd)) == {
        "opened": 5,
        "reached": 4,
        "before_deadline": 1,
        "not_reached": 1,
        "rate": 80.0,
    }


def test_a_dossier_counts_in_the_period_it_was_opened_whenever_it_was_reached(diensthoofd):
    dossier(D(2025, 12, 20), reached=D(2026, 1, 5))  # last year, reached this year: not counted
    dossier(D(2026, 11, 20), reached=D(2026, 11, 27))
    dossier(D(2026, 11, 27))  # today: counted, not reached yet

    assert summary(figures_for(diensthoofd))["opened"] == 2
    assert summary(figures_for(diensthoofd))["reached"] == 1


def test_the_day_is_the_belgian_day(diensthoofd):
    # 00:30 on 1 January in Brussels is still 31 December in UTC: it belongs to this year.
    dossier(D(2026, 1, 1), at=(0, 30))
    # 23:30 on 27 November (summer time is over: UTC+1) belongs to today, and 23:30 on the last
    # day of the same period last year still belongs to it.
    dossier(D(2025, 11, 27), at=(23, 30))
    dossier(D(2025, 11, 28), at=(0, 30))  # the day after the period a year earlier

    figures = figures_for(diensthoofd)
    assert summary(figures)["opened"] == 1
    assert summary(figures, 1)["opened"] == 1


def test_the_same_days_a_year_earlier(diensthoofd):
    dossier(D(2025, 2, 3), reached=D(2025, 2, 10))
    dossier(D(2025, 6, 3))
    dossier(D(2025, 12, 1), reached=D(2025, 12, 2))  # after 27 November: not in the comparison

    previous = summary(figures_for(diensthoofd), 1)
    assert (previous["opened"], previous["reached"], previous["rate"]) == (2, 1, 50.0)


def test_a_period_never_runs_past_today():
    period = periods.this_year()
    assert (period.first, period.last, period.capped) == (D(2026, 1, 1), D(2026, 11, 27), True)
    assert period.previous().last == D(2025, 11, 27)
    assert periods.year(2024).previous().first == D(2023, 1, 1)
    assert periods.between(D(2024, 2, 29), D(2024, 3, 1)).previous().first == D(2023, 2, 28)


def test_per_route_kind_company_and_team(diensthoofd, team):
    dossier(D(2026, 5, 4), reached=D(2026, 5, 6), route="A", team=team["sociale_dienst"])
    dossier(D(2026, 5, 4), route="C", kind=Dossier.Kind.ENERGIE, team=team["onthaalteam"])
    dossier(D(2026, 5, 4), reached=D(2026, 5, 5), route="", company=None)

    figures = figures_for(diensthoofd)

    def rows(key):
        return {row.label: row.cells[1].current for row in figures.tables[key].rows}

    assert rows("bereik_route") == {
        "Alle dossiers": 2,
        "A: actieve begeleiding": 1,
        "C: nooit intensief begeleid of onbekend": 0,
        "Nog geen route": 1,
    }
    assert rows("bereik_soort") == {"Water": 2, "Energie": 0}
    assert rows("bereik_maatschappij") == {"De Watergroep": 1, "Zonder maatschappij": 1}
    assert rows("bereik_team")["Sociale Dienst"] == 1
    assert rows("bereik_team")["Zonder team"] == 1


def test_per_worker_only_when_asked(diensthoofd, preventiewerker):
    dossier(D(2026, 5, 4), reached=D(2026, 5, 6), assigned_to=preventiewerker)
    dossier(D(2026, 5, 4))

    assert "bereik_medewerker" not in figures_for(diensthoofd).tables
    table = figures_for(diensthoofd, per_worker=True).tables["bereik_medewerker"]
    assert [(row.label, row.cells[0].current, row.cells[4].current) for row in table.rows] == [
        ("Pieter Test", 1, 100.0),
        ("Niet toegewezen", 1, 0.0),
    ]


def test_days_to_the_first_attempt_and_to_reached(diensthoofd, preventiewerker):
    opened = D(2026, 3, 2)

    def attempt(target, day, result):
        outreach.attempt_record(
            target,
            kind=ContactAttempt.Kind.PHONE,
            date=day,
            part_of_day="voormiddag",
            result=result,
            performed_by=preventiewerker,
            actor=preventiewerker,
        )

    fast = dossier(opened)
    attempt(fast, opened, ContactAttempt.Result.REACHED)  # 0 days, reached after 0
    slow = dossier(opened)
    attempt(slow, D(2026, 3, 4), ContactAttempt.Result.NOT_HOME)  # 2 days
    attempt(slow, D(2026, 3, 12), ContactAttempt.Result.REACHED)  # reached after 10
    early = dossier(opened)
    attempt(early, D(2026, 2, 27), ContactAttempt.Result.NO_RESPONSE)  # before opening: 0
    later = dossier(opened)
    attempt(later, D(2026, 3, 9), ContactAttempt.Result.NOT_HOME)  # 7 days
    dossier(opened)  # no attempt: not measured

    durations = figures_for(diensthoofd).durations
    first = durations["eerste_poging"]
    assert (first.measured.current, first.median.current, first.p90.current) == (4, 0, 7)
    reached = durations["bereikt"]
    assert (reached.measured.current, reached.median.current, reached.p90.current) == (2, 0, 10)


def test_a_reopened_dossier_and_the_outcomes(diensthoofd, preventiewerker):
    reopened = dossier(D(2026, 4, 1), reached=D(2026, 4, 2), status=Dossier.Status.REACHED)
    followup.dossier_close(reopened, outcome=outcome("geen_hulp_gewenst"), actor=preventiewerker)
    followup.dossier_reopen(reopened, reason="Belde terug", actor=preventiewerker)
    avoided = dossier(D(2026, 4, 1), reached=D(2026, 4, 2), status=Dossier.Status.REACHED)
    followup.dossier_close(avoided, outcome=outcome("afsluiting_vermeden"), actor=preventiewerker)
    twice = dossier(D(2026, 4, 1), status=Dossier.Status.IN_PROGRESS)
    followup.dossier_close(twice, outcome=outcome("niet_bereikt"), actor=preventiewerker)
    followup.dossier_reopen(twice, reason="Nieuw adres", actor=preventiewerker)
    twice.refresh_from_db()
    followup.dossier_close(twice, outcome=outcome("verhuisd"), actor=preventiewerker)

    figures = figures_for(diensthoofd)
    closed = {row.label: row.cells[0].current for row in figures.tables["uitkomsten"].rows}
    assert closed == {"Verhuisd": 1, "Afsluiting vermeden": 1, "Nog niet afgesloten": 1}
    other = {row.label: row.cells[0].current for row in figures.tables["afsluitingen"].rows}
    assert other == {
        "Afsluiting vermeden": 1,
        "Afsluiting niet vermeden": 0,
        "Heropende dossiers": 2,
    }


def test_the_reach_rate_per_month_over_two_years(diensthoofd):
    dossier(D(2026, 11, 3), reached=D(2026, 11, 4))
    dossier(D(2026, 11, 27))
    dossier(D(2024, 12, 2), reached=D(2024, 12, 4))
    dossier(D(2024, 11, 29))  # before the two years

    months = figures_for(diensthoofd).months
    assert len(months) == 24
    assert (months[0][0].first, months[-1][0].first, months[-1][0].last) == (
        D(2024, 12, 1),
        D(2026, 11, 1),
        D(2026, 11, 27),
    )
    assert months[0][1:] == (1, 1)
    assert months[-1][1:] == (2, 1)
    assert sum(opened for _month, opened, _reached in months) == 3


def test_nothing_to_divide_is_no_rate(diensthoofd):
    assert summary(figures_for(diensthoofd))["rate"] is None
    assert timezone.localdate() == D(2026, 11, 27)
