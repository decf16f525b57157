"""Amounts are typed and shown the Belgian way: 1.250,00."""

from decimal import Decimal

from django.urls import reverse

from bereik.followup.forms import SupportRequestForm
from bereik.followup.tests.factories import reached_dossier


def _form(amount):
    return SupportRequestForm(
        {"amount": amount, "purpose": "Waterfactuur", "submitted_on": "2026-11-27"}
    )


def test_it_accepts_an_amount_with_a_thousands_separator():
    for typed in ("1.250,00", "1250,00", "€ 1 250", "1250"):
        form = _form(typed)
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["amount"] == Decimal("1250.00")


def test_it_refuses_what_is_no_amount_with_a_dutch_message():
    form = _form("twaalf euro")

    assert not form.is_valid()
    assert form.errors["amount"] == ["'twaalf euro' is geen geldig bedrag."]


def test_a_support_request_typed_with_a_thousands_separator_is_shown_the_same_way(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    client = login(mw)

    response = client.post(
        reverse("followup:support_create", args=[dossier.pk]),
        {"amount": "1.250,00", "purpose": "Achterstal", "submitted_on": "2026-11-27"},
    )

    assert response.status_code == 302
    assert dossier.support_requests.get().amount == Decimal("1250.00")
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "€ 1.250,00" in page


def test_a_payment_plan_shows_its_monthly_amount_the_belgian_way(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"])
    client = login(mw)

    client.post(
        reverse("followup:proposal_create", args=[dossier.pk]),
        {
            "conversation_date": "2026-11-27",
            "arrangement": "afbetalingsplan",
            "amount_per_month": "1.045,50",
            "months": "3",
            "start_date": "2027-01-01",
            "client_agrees": "ja",
        },
    )

    assert dossier.proposals.get().amount_per_month == Decimal("1045.50")
    assert "€ 1.045,50 × 3 maanden" in client.get(dossier.get_absolute_url()).content.decode()
