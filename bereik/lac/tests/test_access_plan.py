"""The dossiers a social worker sees are read through indexes, also when the planner knows the
dossiers table is large and the agenda's tables are new (no statistics yet): the LAC grant (a
member's sessions, a preparer's items of the open sessions) must not make it read every dossier
(issue 11: 11 ms a query at 100,000 dossiers, five times on a social worker's home page)."""

import re

import pytest
from django.db import connection

from bereik.dossiers import access
from bereik.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _full_reads_of_dossiers(queryset) -> list[str]:
    """The plan's SCANs of the dossiers table: by its name, or by an alias the query gives only
    to it (SQLite's plan names the alias, and Django reuses U0 in every subquery)."""
    tables: dict[str, set[str]] = {}
    for table, alias in re.findall(r'"(\w+)" (\w+)', str(queryset.query)):
        tables.setdefault(alias, set()).add(table)
    aliases = {"dossiers_dossier"} | {
        alias for alias, names in tables.items() if names == {"dossiers_dossier"}
    }
    lines = queryset.explain().splitlines()
    return [line for line in lines if any(re.search(rf"\bSCAN {a}\b", line) for a in aliases)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_a_social_workers_dossiers_are_read_through_indexes(mw, planner_statistics_kept):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # What the statistics say after a large import into a young database: many dossiers,
        # nothing yet about the agenda.
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'dossiers_dossier'")
        cursor.execute("INSERT INTO sqlite_stat1 VALUES ('dossiers_dossier', NULL, '100000')")
        cursor.execute("ANALYZE sqlite_schema")
    visible = access.visible_dossiers(mw).filter(status__in=Dossier.OPEN_STATUSES)
    assert _full_reads_of_dossiers(visible.values("pk")) == []
    assert _full_reads_of_dossiers(visible.order_by("deadline")[:5]) == []
