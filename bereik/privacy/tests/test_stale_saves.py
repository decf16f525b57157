"""No lost updates on the retention periods (bereik.lib.locking): two saves in a row from the
same loaded form: the second is refused, shows both versions, and overwrites nothing."""

from django.urls import reverse

from bereik.lib.tests.stale import assert_refused, two_saves
from bereik.privacy.models import periods


def test_the_retention_periods(login, beheerder):
    first, second = two_saves(
        login(beheerder), reverse("privacy:retention"), {"water": "7"}, {"water": "9"}
    )

    assert first.status_code == 302
    assert_refused(second, "7", "9")
    assert periods()["water"] == 7
