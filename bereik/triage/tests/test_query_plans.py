"""The "te triëren" list and count read their dossiers through indexes, not by reading every
dossier (issue 11: at 100,000 dossiers the OR of the two parts cost 37 ms a query, twice a page).
SQLite's plan is checked: it is the default database, and its planner says SCAN for a table or
index read from end to end."""

import pytest
from django.db import connection

from bereik.dossiers.models import Dossier
from bereik.triage.queries import to_triage_q

pytestmark = pytest.mark.django_db


def _wide_reads(queryset) -> list[str]:
    """The plan's reads of the dossiers that are not by their id or their route: a SCAN, or a
    SEARCH by status alone (every open dossier)."""
    lines = queryset.explain().splitlines()
    return [
        line
        for line in lines
        if " SCAN " in f" {line} " or ("dossiers_dossier" in line and "(status=?)" in line)
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_the_list_to_triage_reads_no_dossier_it_does_not_show():
    open_dossiers = Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES)
    assert _wide_reads(open_dossiers.filter(to_triage_q()).values("pk")) == []
