"""The figures cost a fixed number of queries, whatever the number of dossiers: aggregate queries,
no query per dossier, session or worker."""

import datetime

import pytest

from bereik.dossiers.models import Dossier
from bereik.followup.tests.factories import ProposalFactory
from bereik.lac.tests.factories import AgendaItemFactory
from bereik.reports import periods
from bereik.reports.figures import compute
from bereik.reports.scope import scope_for
from bereik.reports.tests.conftest import dossier

D = datetime.date
PARTS = {
    # the groups, the names of companies and teams, the months, the two durations
    "bereik": 6,
    # attempts, letters, brochures
    "contact": 3,
    # conversations, rights, support requests, internal and external referrals, water scans,
    # the payment plans and the signals after them
    "hulp": 8,
    # the names of the companies, the sessions, the agenda items
    "lac": 3,
    # the outcome codes, the dossiers per outcome, the reopened ones
    "uitkomsten": 3,
}
QUERIES = sum(PARTS.values())
PER_WORKER = 3  # the groups per worker, the users' names, whom the worker filter offers


def many(preventiewerker, count):
    for n in range(count):
        day = D(2026, 1 + n % 11, 1 + n % 27)
        d = dossier(day, reached=day, assigned_to=preventiewerker, route="ABC"[n % 3])
        ProposalFactory(dossier=d, start_date=day, author=preventiewerker)
        dossier(periods.year_earlier(day), kind=Dossier.Kind.ENERGIE)
        AgendaItemFactory(session__date=day, dossier=d, attendance="aanwezig", advice="uitstel")


@pytest.mark.parametrize("per_worker, expected", [(False, QUERIES), (True, QUERIES + PER_WORKER)])
def test_the_figures_cost_a_fixed_number_of_queries(
    diensthoofd, preventiewerker, per_worker, expected, django_assert_num_queries
):
    scope = scope_for(diensthoofd)
    many(preventiewerker, 2)
    with django_assert_num_queries(expected):
        compute(scope, periods.this_year(), per_worker=per_worker)
    many(preventiewerker, 30)
    with django_assert_num_queries(expected):
        compute(scope, periods.this_year(), per_worker=per_worker)


@pytest.mark.parametrize("part", PARTS)
def test_each_part_costs_its_own_queries(
    diensthoofd, preventiewerker, part, django_assert_num_queries
):
    scope = scope_for(diensthoofd)
    many(preventiewerker, 3)
    with django_assert_num_queries(PARTS[part]):
        compute(scope, periods.this_year(), parts=[part])


def test_a_preventiewerker_and_a_chair_cost_no_more(
    preventiewerker, voorzitter, django_assert_max_num_queries
):
    many(preventiewerker, 3)
    own, chair = scope_for(preventiewerker), scope_for(voorzitter)
    with django_assert_max_num_queries(QUERIES):
        compute(own, periods.this_year())
    with django_assert_max_num_queries(3):  # the companies' names and the LAC's two
        compute(chair, periods.this_year())
