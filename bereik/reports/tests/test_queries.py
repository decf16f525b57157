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
# reach (cube, months, two durations), names (companies, teams, outcome codes), attempts, letters,
# brochures, proposals, rights, support, internal and external referrals, water scans, payment
# plans (two), LAC (sessions, items), reopened.
QUERIES = 21
PER_WORKER = 2  # the users' names and who the worklists' worker filter offers


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


def test_a_preventiewerker_and_a_chair_cost_no_more(
    preventiewerker, voorzitter, django_assert_max_num_queries
):
    many(preventiewerker, 3)
    own, chair = scope_for(preventiewerker), scope_for(voorzitter)
    with django_assert_max_num_queries(QUERIES):
        compute(own, periods.this_year())
    with django_assert_max_num_queries(3):  # the companies' names and the LAC's two
        compute(chair, periods.this_year())
