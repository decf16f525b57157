"""The dossier's contact person for letters (a brugfiguur), and the experts' impact figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bereik.audit.models import AuditEvent
from bereik.dossiers.models import DossierEvent, Signal
from bereik.experts import actions, impact
from bereik.experts.models import Contact
from bereik.intake.actions.signals import HouseholdData
from bereik.outreach import letters
from bereik.reports import periods


def test_the_contact_person_is_set_with_a_reason_and_the_letters_use_it(
    household, mw, ervaringsdeskundige, login
):
    client = login(mw)
    response = client.post(
        reverse("experts:contact_person", args=[household.pk]),
        {"person": ervaringsdeskundige.pk, "reason": "Het gezin vertrouwt hem."},
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.contact_person == ervaringsdeskundige
    assert letters.contact_person(household) == ervaringsdeskundige
    context = letters.common_context(household, actor=mw)
    assert context["contactpersoon_naam"] == ervaringsdeskundige.get_full_name()
    assert context["contactpersoon_email"] == ervaringsdeskundige.email
    event = DossierEvent.objects.get(dossier=household, kind="contactpersoon")
    assert event.text == "Het gezin vertrouwt hem."
    # Being the contact person on letters opens nothing to the expert.
    expert = login(ervaringsdeskundige)
    assert expert.get(household.get_absolute_url()).status_code == 404


def test_the_contact_person_needs_a_reason(household, mw, voorzitter, login):
    response = login(mw).post(
        reverse("experts:contact_person", args=[household.pk]), {"person": voorzitter.pk}
    )
    assert response.status_code == 200
    household.refresh_from_db()
    assert household.contact_person is None


def test_someone_outside_the_dossier_cannot_set_it(household, mw_other, login):
    response = login(mw_other).get(reverse("experts:contact_person", args=[household.pk]))
    assert response.status_code == 404


def _story(accepted, expert, mw):
    actions.contact_record(
        accepted,
        date=timezone.localdate(),
        kind=Contact.Kind.HOME_VISIT,
        note="a",
        referral=Contact.Referral.MADE,
        referral_to="Waterscan",
        actor=expert,
    )
    actions.contact_record(
        accepted,
        date=timezone.localdate(),
        kind=Contact.Kind.PHONE,
        note="b",
        referral=Contact.Referral.SUGGESTED,
        referral_to="CAW",
        actor=expert,
    )
    actions.outreach_signal_register(
        kind=Signal.Kind.HAND_WATER,
        household=HouseholdData(last_name="Nieuw", street="Dorp", house_number="1"),
        problem="x",
        consent=True,
        met_at=Contact.Kind.FOOD_BANK,
        actor=expert,
    )


def test_the_impact_counts_what_happened_in_the_period(
    accepted, ervaringsdeskundige, other_expert, mw, django_assert_num_queries
):
    _story(accepted, ervaringsdeskundige, mw)
    period = periods.this_year()
    with django_assert_num_queries(5):
        data = impact.counts({"now": period, "before": period.previous()})
    now = impact.total(data["now"])
    assert now.values == {
        "proposed": 1, "accepted": 1, "declined": 0, "contacts": 2, "suggested": 1,
        "referred": 1, "signals": 1, "households": 1, "reached": 0,
    }  # fmt: skip
    assert now.kinds[Contact.Kind.HOME_VISIT] == 1 and now.kinds[Contact.Kind.PHONE] == 1
    assert impact.total(data["before"]).values["proposed"] == 0
    last_year = periods.between(
        period.first - datetime.timedelta(days=400), period.first - datetime.timedelta(days=1)
    )
    assert impact.total(impact.counts({"x": last_year})["x"]).values["contacts"] == 0


def test_the_expert_sees_his_own_impact_and_the_diensthoofd_everyones(
    accepted, ervaringsdeskundige, other_expert, mw, diensthoofd, login
):
    _story(accepted, ervaringsdeskundige, mw)
    page = login(ervaringsdeskundige).get(reverse("reports:experts")).content.decode()
    assert "Mijn cijfers" in page
    assert "Per ervaringsdeskundige" not in page
    page = login(diensthoofd).get(reverse("reports:experts")).content.decode()
    assert "Per ervaringsdeskundige" in page
    assert ervaringsdeskundige.get_full_name() in page
    assert AuditEvent.objects.filter(action="reports.workers", actor=diensthoofd).exists()


@pytest.mark.parametrize("persona", ["mw", "onthaal", "cel"])
def test_others_do_not_see_the_impact(persona, login, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:experts")).status_code == 403
