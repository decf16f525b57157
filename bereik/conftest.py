"""Test personas, one per role (see docs/architecture.md).

- onthaal: Olga (Onthaalteam)          - preventiewerker: Pieter (Onthaalteam)
- mw: Mia (Sociale Dienst)             - mw_other: Marc (Trajectbegeleiding), outside Mia's dossiers
- voorzitter: Vera (LAC-voorzitter, Schuldbemiddeling)
- cel: Celine (Energie- en Watercel)   - ervaringsdeskundige: Eddy (no dossier access)
- diensthoofd: Dirk                    - beheerder: Bea
"""

import pytest

from bereik.accounts import actions
from bereik.accounts.models import Role, Team

PASSWORD = "test-pass-123"  # noqa: S105


def make_user(username, roles, teams=(), **extra):
    return actions.user_create(
        username=username,
        first_name=username.capitalize(),
        last_name="Test",
        email=f"{username}@example.org",
        password=PASSWORD,
        roles=roles,
        teams=[Team.objects.get(code=code) for code in teams],
        actor=None,
        **extra,
    )


@pytest.fixture
def team(db):
    return {team.code: team for team in Team.objects.all()}


@pytest.fixture
def onthaal(db):
    return make_user("olga", [Role.Code.ONTHAAL], ["onthaalteam"])


@pytest.fixture
def preventiewerker(db):
    return make_user("pieter", [Role.Code.PREVENTIEWERKER], ["onthaalteam"])


@pytest.fixture
def mw(db):
    return make_user("mia", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])


@pytest.fixture
def mw_other(db):
    return make_user("marc", [Role.Code.MAATSCHAPPELIJK_WERKER], ["trajectbegeleiding"])


@pytest.fixture
def voorzitter(db):
    return make_user("vera", [Role.Code.LAC_VOORZITTER], ["schuldbemiddeling"])


@pytest.fixture
def cel(db):
    return make_user("celine", [Role.Code.ENERGIECEL], ["energiecel"])


@pytest.fixture
def ervaringsdeskundige(db):
    return make_user("eddy", [Role.Code.ERVARINGSDESKUNDIGE])


@pytest.fixture
def diensthoofd(db):
    return make_user("dirk", [Role.Code.DIENSTHOOFD])


@pytest.fixture
def beheerder(db):
    return make_user("bea", [Role.Code.BEHEERDER])


@pytest.fixture
def login(client):
    """`login(user)` signs the test client in as that persona and returns the client."""

    def do_login(user):
        client.force_login(user)
        return client

    return do_login
