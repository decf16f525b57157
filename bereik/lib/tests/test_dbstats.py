"""The planner's statistics follow a large import (`lib/dbstats.py`)."""

import pytest
from django.db import connection

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import dbstats

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshed(monkeypatch):
    calls = []
    monkeypatch.setattr(dbstats, "refresh", lambda: calls.append(1) or True)
    return calls


def test_refresh_gives_the_planner_statistics(planner_statistics_kept):
    DossierFactory.create_batch(3)
    assert dbstats.refresh() is True
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'dossiers_dossier'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'dossiers_dossier'"
                " AND schemaname = current_schema()"
            )
        assert cursor.fetchone()[0] > 0


def test_a_large_share_of_the_table_refreshes_once_committed(
    refreshed, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(dbstats, "GROWN_ROWS", 2)
    DossierFactory.create_batch(25)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dbstats.refresh_after(Dossier, 1)  # under GROWN_ROWS: nothing to wait for
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True):
        dbstats.refresh_after(Dossier, 2)  # 2 of 25: under a tenth
    assert refreshed == []
    with django_capture_on_commit_callbacks(execute=True):
        dbstats.refresh_after(Dossier, 3)  # 3 of 25: a tenth or more
        assert refreshed == []  # not before the commit
    assert refreshed == [1]


def test_a_large_list_refreshes_the_statistics_after_its_next_steps(
    refreshed, monkeypatch, onthaal, django_capture_on_commit_callbacks
):
    from bereik.intake import actions
    from bereik.intake.tests.conftest import company, csv_content

    header = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
              "Geplande actie", "Geplande datum", "Datum verwittiging"]  # fmt: skip
    rows = [
        [f"K{n}", f"Peeters, Jan{n}", f"Kerkstraat {n}", "3800 Sint-Truiden", "10,00",
         "Afsluiting", "15/01/2027", "02/11/2026"]
        for n in range(1, 5)
    ]  # fmt: skip

    def run(name):
        with django_capture_on_commit_callbacks(execute=True):
            actions.import_file(
                csv_content([header, *rows]),
                file_name=name,
                kind="verwittiging",
                company=company("Farys"),
                actor=onthaal,
            )

    monkeypatch.setattr(dbstats, "GROWN_ROWS", 5)
    run("klein.csv")  # 4 dossiers: fewer than GROWN_ROWS
    assert refreshed == []
    monkeypatch.setattr(dbstats, "GROWN_ROWS", 4)
    rows = [[f"L{row[0][1:]}", *row[1:]] for row in rows]
    run("groot.csv")  # 4 more of 8: a large share, once the next steps are done
    assert Dossier.objects.count() == 8
    assert refreshed == [1]
