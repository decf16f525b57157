"""The demo, loaded once for the tests of this package that read it.

`load_all()` takes many seconds, so the tests that need the whole demo share one load: the `demo`
fixture loads it inside a transaction that stays open for the package and is rolled back after
its last test; each test's `db` fixture nests a savepoint in it, so what one test writes is gone
before the next. On PostgreSQL the load's deferred foreign-key checks are run once, right after
it: left pending, they would run again at the end of every test (a test's `SET CONSTRAINTS ALL
IMMEDIATE` fires them inside its savepoint, and rolling the savepoint back makes them pending
again), tens of thousands of checks per test. Modules that use it carry
`pytestmark = pytest.mark.xdist_group("demo")`: under pytest-xdist (`--dist loadgroup`) all of
them run in one worker, which loads the demo once.
"""

import pytest
from django.db import connection, transaction
from django.test import override_settings

from bereik.demo.loader import load_all


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The DemoContext of a demo loaded once for this package; request `db` next to it."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
        transaction.atomic(),
    ):
        loaded = load_all()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        yield loaded
        transaction.set_rollback(True)
