"""The preventiewerker's triage panel on the home page: counts that stop at a bound, so a long
list costs the home page no more than a short one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import paging

pytestmark = pytest.mark.django_db


def test_the_panel_counts_up_to_its_bound(login, preventiewerker, monkeypatch):
    DossierFactory.create_batch(3, route="C")
    client = login(preventiewerker)
    assert "3 dossiers niet toegewezen" in client.get("/").content.decode()

    monkeypatch.setattr(paging, "PANEL_CAP", 2)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert "meer dan 2 dossiers niet toegewezen" in page
    assert "3 dossiers" not in page
    unassigned = [
        q["sql"]
        for q in queries
        if "COUNT(*)" in q["sql"] and '"assigned_to_id" IS NULL' in q["sql"]
    ]
    assert len(unassigned) == 1 and "LIMIT 3" in unassigned[0]


def test_bounded_counts_say_when_there_are_more():
    DossierFactory.create_batch(3)
    assert paging.Bounded.of(Dossier.objects.all(), cap=3) == paging.Bounded(3, False, 3)
    assert paging.Bounded.of(Dossier.objects.all(), cap=2) == paging.Bounded(2, True, 2)
