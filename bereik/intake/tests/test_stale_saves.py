"""No lost updates on the confirmation of an upload's kind and company (bereik.lib.locking): two
saves in a row from the same loaded form: the second is refused, shows both versions, and
overwrites nothing."""

import pytest
from django.urls import reverse

from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import company, sample
from bereik.intake.tests.test_proposed_kind import upload
from bereik.lib.tests.stale import assert_refused, two_saves

pytestmark = pytest.mark.django_db


def test_the_kind_confirmed_twice_at_once(onthaal, login):
    client = login(onthaal)
    upload(client, sample("farys-verwittigingen.csv"), "lijst.csv")
    batch = ImportBatch.objects.get()

    first, second = two_saves(
        client,
        reverse("intake:kind", args=[batch.pk]),
        {"kind": "verwittiging", "company": company("Farys").pk},
        {"kind": "verwittiging", "company": company("De Watergroep").pk},
    )

    assert first.status_code == 302
    assert_refused(second, "Farys", "De Watergroep")
    batch.refresh_from_db()
    assert batch.company.name == "Farys"
