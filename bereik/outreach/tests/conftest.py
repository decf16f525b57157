import datetime

import pytest
import time_machine

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory

TODAY = datetime.date(2026, 11, 27)  # a Friday


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Letters and templates are files: each test writes them to its own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 27, 10, 0), tick=False):
        yield TODAY


@pytest.fixture
def route_c_dossier(db, preventiewerker, team):
    """A water dossier called to the LAC, never in guidance, followed up by the preventiewerker."""
    return DossierFactory(
        kind=Dossier.Kind.WATER,
        route=Dossier.Route.C,
        status=Dossier.Status.ASSIGNED,
        first_name="Jan",
        last_name="Peeters",
        street="Kerkstraat",
        house_number="12",
        box="3",
        postcode="3800",
        city="Sint-Truiden",
        phone="0470 12 34 56",
        amount_due="245.80",
        deadline=datetime.date(2026, 12, 15),
        deadline_kind=Dossier.DeadlineKind.SESSION,
        assigned_to=preventiewerker,
        team=team["onthaalteam"],
    )
