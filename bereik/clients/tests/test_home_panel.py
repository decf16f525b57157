import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.clients.home_panels import my_dossiers_panel
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory


def test_my_dossiers_shows_the_first_by_deadline_those_without_last(db, mw):
    today = datetime.date(2027, 1, 10)
    late = [
        DossierFactory(assigned_to=mw, deadline=today + datetime.timedelta(days=n)) for n in (3, 1)
    ]
    without = DossierFactory(assigned_to=mw, deadline=None)
    DossierFactory(assigned_to=mw, deadline=today, status=Dossier.Status.CLOSED)
    panel = my_dossiers_panel(mw)
    assert [d.pk for d in panel["dossiers"]] == [late[1].pk, late[0].pk, without.pk]
    assert (panel["count"].count, panel["count"].more) == (3, False)


def test_my_dossiers_counts_up_to_the_cap_and_then_says_more(db, mw, login, monkeypatch):
    from bereik.lib import paging

    monkeypatch.setattr(paging, "PANEL_CAP", 2)
    for _ in range(3):
        DossierFactory(assigned_to=mw)
    access.dossier_q(mw)  # the policy, made once a day (on PostgreSQL with a count of its own)
    with CaptureQueriesContext(connection) as queries:
        panel = my_dossiers_panel(mw)
    assert (panel["count"].count, panel["count"].more) == (2, True)
    (count,) = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert "LIMIT 3" in count  # the count reads at most cap + 1 rows
    assert "meer dan 2 open dossiers" in login(mw).get("/").content.decode()


def test_my_dossiers_reads_those_without_a_deadline_only_to_fill_the_panel(db, mw):
    """A bounded number of queries whatever the worker has; the dossiers without a deadline are
    read only when those with one do not fill the panel."""
    DossierFactory(assigned_to=mw, deadline=None)
    my_dossiers_panel(mw)  # warm the caches (the organisation's settings)
    with CaptureQueriesContext(connection) as few:
        my_dossiers_panel(mw)
    for n in range(7):
        DossierFactory(assigned_to=mw, deadline=datetime.date(2027, 1, 1 + n))
    with CaptureQueriesContext(connection) as many:
        panel = my_dossiers_panel(mw)
    assert len(panel["dossiers"]) == 5
    assert len(many) == len(few) - 1
    without = [q for q in many.captured_queries if '"deadline" IS NULL' in q["sql"]]
    assert without == []
