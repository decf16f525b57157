"""The demo, loaded once for the tests of this package that read it.

`load_all()` takes many seconds, so the tests that need the whole demo share one load: the `demo`
fixture loads it inside a transaction that stays open for the package and is rolled back after
its last test; each test's `db` fixture nests a savepoint in it, so what one test writes is gone
before the next. Modules that use it carry `pytestmark = pytest.mark.xdist_group("demo")`: under
pytest-xdist (`--dist loadgroup`) all of them run in one worker, which loads the demo once.
"""

import pytest
from django.db import transaction
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
        yield load_all()
        transaction.set_rollback(True)
