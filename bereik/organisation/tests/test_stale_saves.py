"""No lost updates in the organisation's settings and companies (bereik.lib.locking): two saves
in a row from the same loaded form: the second is refused, shows both versions, and overwrites
nothing."""

from django.urls import reverse

from bereik.lib.tests.stale import assert_refused, two_saves
from bereik.organisation.models import Company, Organisation


def test_the_settings(login, beheerder):
    first, second = two_saves(
        login(beheerder),
        reverse("organisation:settings"),
        {"office_hours": "van 9 tot 12 uur (Bea)"},
        {"office_hours": "van 13 tot 16 uur (Bart)"},
    )

    assert first.status_code == 302
    assert_refused(second, "van 9 tot 12 uur (Bea)", "van 13 tot 16 uur (Bart)")
    assert Organisation.get().office_hours == "van 9 tot 12 uur (Bea)"


def test_a_company(login, beheerder):
    company = Company.objects.get(name="De Watergroep")

    first, second = two_saves(
        login(beheerder),
        reverse("organisation:company_edit", args=[company.pk]),
        {"name": "De Watergroep (Bea)"},
        {"name": "De Watergroep (Bart)"},
    )

    assert first.status_code == 302
    assert_refused(second, "De Watergroep (Bea)", "De Watergroep (Bart)")
    company.refresh_from_db()
    assert company.name == "De Watergroep (Bea)"
