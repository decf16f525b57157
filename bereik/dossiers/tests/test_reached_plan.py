"""The worklists' "Bereikt" filter reads the reached open dossiers through their own index
(`dossier_reached`, partial: only reached dossiers are in it), not by reading every open
dossier. At 100,000 dossiers of which few are reached, SQLite read them all (a count of 20 ms,
twice a page): the statistics of the `reached_on` index made it the worse choice."""

import pytest
from django.db import connection

from bereik.dossiers.filters import REACHED_BEFORE_DEADLINE, REACHED_YES, filter_reached
from bereik.dossiers.models import Dossier

pytestmark = pytest.mark.django_db

# What ANALYZE wrote for these indexes after the benchmark's import of 100,000 dossiers, none of
# them reached yet (an empty partial index gets no line).
LARGE = [
    (None, "100300"),
    ("dossier_figures", "100300 50150 50150 1180 1180 1180 1180 1180 1180 1180 1180"),
    ("dossiers_do_reached_6c092a_idx", "100300 100300"),
    ("dossiers_do_status_4c7651_idx", "100300 50150 1180"),
    ("dossiers_dossier_status_4bd5c056", "100300 50150"),
    ("dossier_deadline_order", "100300 1180 1"),
]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
@pytest.mark.parametrize("choice", [REACHED_YES, REACHED_BEFORE_DEADLINE])
@pytest.mark.parametrize("reached", [None, "40 20 2 1"])  # none reached yet, or a few
def test_the_reached_filter_reads_the_reached_dossiers_only(
    choice, reached, planner_statistics_kept
):
    statistics = LARGE + ([("dossier_reached", reached)] if reached else [])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'dossiers_dossier'")
        cursor.executemany(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('dossiers_dossier', %s, %s)",
            statistics,
        )
        cursor.execute("ANALYZE sqlite_schema")  # the planner reads them
    open_dossiers = Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES)
    filtered = filter_reached(open_dossiers, choice).values("pk")
    for queryset in (filtered, filtered.order_by("deadline", "number")[:25]):
        plan = queryset.explain()
        assert "INDEX dossier_reached (status=?" in plan
        assert " SCAN " not in f" {plan} "
