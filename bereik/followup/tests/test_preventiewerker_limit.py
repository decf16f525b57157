"""The preventiewerker's own follow-up is limited to the Onthaalteam's tasks: intensive help goes
to Trajectbegeleiding through an internal referral."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.followup import actions
from bereik.followup.models import InternalReferral, Proposal, SupportRequest
from bereik.followup.tests.factories import reached_dossier

PROPOSAL = {
    "conversation_date": "2026-11-20",
    "lac_options_discussed": "on",
    "brochure_discussed": "on",
    "arrangement": Proposal.Arrangement.OTHER,
    "arrangement_text": "Eerst een overzicht van alle schulden.",
    "client_agrees": Proposal.Agreement.AGREES,
    "feedback": "Veel schulden; schuldhulpverlening nodig.",
}


@pytest.fixture
def dossier(preventiewerker, team):
    return reached_dossier(preventiewerker, team["onthaalteam"], route="C")


def test_intensive_help_sends_the_preventiewerker_to_the_referral_form(
    dossier, preventiewerker, login
):
    client = login(preventiewerker)

    response = client.post(
        reverse("followup:proposal_create", args=[dossier.pk]),
        {**PROPOSAL, "intensive_help_needed": "on"},
        follow=True,
    )

    assert Proposal.objects.filter(dossier=dossier, intensive_help_needed=True).exists()
    url, status = response.redirect_chain[-1]
    assert url.startswith(reverse("followup:referral_create", args=[dossier.pk]))
    assert "team=trajectbegeleiding" in url
    form = response.context["form"]
    assert form.initial["to_team"].code == "trajectbegeleiding"
    assert form.initial["help_kind"] == InternalReferral.HelpKind.DEBT
    assert "Trajectbegeleiding" in response.content.decode()


def test_without_intensive_help_she_goes_back_to_the_dossier(dossier, preventiewerker, login):
    response = login(preventiewerker).post(
        reverse("followup:proposal_create", args=[dossier.pk]), PROPOSAL
    )

    assert response.status_code == 302
    assert response["Location"].startswith(dossier.get_absolute_url())


def test_a_social_worker_is_not_sent_to_the_referral_form(mw, team, login):
    dossier = reached_dossier(mw, team["sociale_dienst"], route="A")

    response = login(mw).post(
        reverse("followup:proposal_create", args=[dossier.pk]),
        {**PROPOSAL, "intensive_help_needed": "on"},
    )

    assert response["Location"].startswith(dossier.get_absolute_url())


def test_the_dossier_page_keeps_asking_until_the_referral_is_made(
    dossier, preventiewerker, team, login
):
    client = login(preventiewerker)
    client.post(
        reverse("followup:proposal_create", args=[dossier.pk]),
        {**PROPOSAL, "intensive_help_needed": "on"},
    )
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "nog niet intern doorverwezen" in page

    actions.referral_create(
        dossier,
        to_team=team["trajectbegeleiding"],
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="Schuldhulpverlening",
        actor=preventiewerker,
    )
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "nog niet intern doorverwezen" not in page


def test_no_redirect_when_the_referral_already_exists(dossier, preventiewerker, team, login):
    actions.referral_create(
        dossier,
        to_team=team["trajectbegeleiding"],
        help_kind=InternalReferral.HelpKind.DEBT,
        reason="Schuldhulpverlening",
        actor=preventiewerker,
    )

    response = login(preventiewerker).post(
        reverse("followup:proposal_create", args=[dossier.pk]),
        {**PROPOSAL, "intensive_help_needed": "on"},
    )

    assert response["Location"].startswith(dossier.get_absolute_url())


def test_she_registers_support_requests_without_a_trajectory(dossier, preventiewerker, login):
    client = login(preventiewerker)
    url = reverse("followup:support_create", args=[dossier.pk])
    data = {"amount": "250", "purpose": "Waterfactuur", "submitted_on": "2026-11-25"}

    refused = client.post(url, {**data, "in_trajectory": "on"})
    assert refused.status_code == 200
    assert "Trajectbegeleiding" in str(refused.context["form"].errors["in_trajectory"])
    assert not SupportRequest.objects.exists()

    accepted = client.post(url, data)
    assert accepted.status_code == 302
    assert SupportRequest.objects.get().in_trajectory is False


def test_a_preventiewerker_who_is_also_a_social_worker_is_not_limited(dossier, team):
    both = make_user(
        "paula", [Role.Code.PREVENTIEWERKER, Role.Code.MAATSCHAPPELIJK_WERKER], ["onthaalteam"]
    )

    support = actions.support_request_create(
        dossier,
        amount=100,
        purpose="Traject",
        submitted_on=dossier.reached_on,
        in_trajectory=True,
        actor=both,
    )

    assert support.in_trajectory


def test_the_action_refuses_it_too(dossier, preventiewerker):
    with pytest.raises(ValidationError):
        actions.support_request_create(
            dossier,
            amount=100,
            purpose="Traject",
            submitted_on=dossier.reached_on,
            in_trajectory=True,
            actor=preventiewerker,
        )
