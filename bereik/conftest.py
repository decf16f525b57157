"""Test personas, one per role (see docs/architecture.md).

- onthaal: Olga (Onthaalteam)          - preventiewerker: Pieter (Onthaalteam)
- mw: Mia (Sociale Dienst)             - mw_other: Marc (Trajectbegeleiding), outside Mia's dossiers
- voorzitter: Vera (LAC-voorzitter, Schuldbemiddeling)
- cel: Celine (Energie- en Watercel)   - ervaringsdeskundige: Eddy (no dossier access)
- diensthoofd: Dirk                    - beheerder: Bea
"""

import pytest
from django.core.cache import cache
from django.test import override_settings

from bereik.accounts import actions
from bereik.accounts.models import Role, Team
from bereik.dossiers import access
from bereik.home import nav
from bereik.lib import lookups
from bereik.lib.tests import names

PASSWORD = "test-pass-123"  # noqa: S105


@pytest.fixture(autouse=True)
def xdist_group_kept(request):
    """Under `--dist loadgroup` pytest-xdist marks the tests of an xdist group with a suffix on
    their id. Some pytest and pytest-xdist versions together drop it without a word (pytest 9.2
    with pytest-xdist 3.8.0), and then each worker would load the demo: fail instead."""
    item, grouped = request.node, getattr(request.config.option, "loadgroup", False)
    if grouped and item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
        pytest.fail(
            "pytest-xdist ignored this test's xdist_group: use the pytest and pytest-xdist "
            "versions pinned in requirements/dev.txt.",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _names_of_this_test(request):
    """The factories' names depend on the test's id only (`lib.tests.names`), the same with or
    without `--dist loadgroup`, which adds its group to the id of a grouped test."""
    test_id, group = request.node.nodeid, request.node.get_closest_marker("xdist_group")
    if group is not None:  # without the "@name" of its group
        test_id = test_id.removesuffix(
            "@" + (group.args[0] if group.args else group.kwargs["name"])
        )
    names.reseed(test_id)


@pytest.fixture(scope="session", autouse=True)
def session_media_root(tmp_path_factory):
    """Files the tests upload or generate (and audit reads spooled while the database was busy)
    go to a directory of this run (one per xdist worker), never to var/: parallel workers never
    share a file, and a run leaves nothing behind."""
    with override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        BEREIK_AUDIT_SPOOL_DIR=tmp_path_factory.mktemp("audit-spool"),
    ):
        yield


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


@pytest.fixture(autouse=True)
def _fresh_organisation_settings():
    """The organisation's settings and the select boxes' lists are kept per process
    (`lib.lookups`), so are the access policy's Qs and the menus, figures in Django's cache; a
    test starts without any."""
    lookups.clear()
    access.forget_policies()
    nav.forget()
    cache.clear()
    yield
    lookups.clear()
    cache.clear()


@pytest.fixture
def calls_to(monkeypatch):
    """`calls_to(module, "name")`: from now on, the argument of every call to `module.name` (the
    function still does its work). For tests that count work, such as the translations of a
    batch: `asked = calls_to(preparation, "_")`."""

    def watch(module, name: str) -> list:
        calls = []
        real = getattr(module, name)

        def counting(argument, *args, **kwargs):
            calls.append(argument)
            return real(argument, *args, **kwargs)

        monkeypatch.setattr(module, name, counting)
        return calls

    return watch


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


@pytest.fixture
def planner_statistics_kept(db):
    """For a test that runs ANALYZE or writes the planner's statistics: SQLite keeps the
    statistics it loaded in the connection after the test's transaction is rolled back, and the
    next tests on that connection would be planned with them. They are put back as they were."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        exists = cursor.fetchone()[0]
        cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1" if exists else "SELECT 1 LIMIT 0")
        kept = cursor.fetchall()
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", kept)
        cursor.execute("ANALYZE sqlite_schema")
