"""A suggestion turned into a referral in one step: a water scan, an internal referral to the
team, a warm handover to the organisation; each once, and advice never."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.checklists import actions
from bereik.checklists.models import Reply
from bereik.checklists.tests.factories import question, starting_list
from bereik.followup.models import ExternalReferral, InternalReferral, WaterScan
from bereik.followup.tests.factories import reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


def suggestion(dossier, actor, list_name, start, reply=Reply.YES):
    checklist = starting_list(list_name)
    filled = actions.checklist_fill(
        dossier, checklist, {question(checklist, start): reply}, actor=actor
    )
    return filled.suggestions[0]


def test_one_click_requests_the_water_scan(dossier, mw, login):
    answer = suggestion(dossier, mw, "Water", "Is de waterfactuur")

    response = login(mw).post(reverse("checklists:refer", args=[answer.pk]), follow=True)

    scan = dossier.water_scans.get()
    assert scan.status == WaterScan.Status.REQUESTED
    assert scan.requested_by == mw
    answer.refresh_from_db()
    assert answer.referred_by == mw and answer.referral_summary == "Waterscan aangevraagd"
    assert "Waterscan aangevraagd." in response.content.decode()
    assert dossier.events.filter(kind="waterscan").exists()
    assert AuditEvent.objects.filter(
        action="checklists.suggestion.refer", object_id=str(answer.pk)
    ).exists()


def test_one_click_refers_to_the_energie_en_watercel(dossier, mw, cel):
    answer = suggestion(dossier, mw, "Energie", "Is het koud in huis")

    actions.suggestion_refer(answer, actor=mw)

    referral = dossier.internal_referrals.get()
    assert referral.to_team.code == "energiecel"
    assert referral.help_kind == InternalReferral.HelpKind.ENERGY
    assert "Voorgesteld door de richtvragen Energie" in referral.reason
    assert dossier.shared_with.filter(code="energiecel").exists()


def test_one_click_hands_over_to_mytrusto_with_the_contact_person_if_known(dossier, mw, login):
    answer = suggestion(dossier, mw, "Geld", "Vindt het gezin het moeilijk")

    login(mw).post(reverse("checklists:refer", args=[answer.pk]), {"contact_person": "An Peeters"})

    handover = dossier.external_referrals.get()
    assert handover.organisation.name == "Mytrusto"
    assert handover.contact_person == "An Peeters"
    assert handover.status == ExternalReferral.Status.OPEN


def test_without_a_contact_person_the_handover_names_the_services_reception(dossier, mw):
    answer = suggestion(dossier, mw, "Woningkwaliteit", "Zoekt het gezin hulp")

    actions.suggestion_refer(answer, actor=mw)

    assert dossier.external_referrals.get().contact_person == "onthaal van CAW"


def test_a_suggestion_is_referred_once(dossier, mw, login):
    answer = suggestion(dossier, mw, "Water", "Is de waterfactuur")
    client = login(mw)
    client.post(reverse("checklists:refer", args=[answer.pk]))

    response = client.post(reverse("checklists:refer", args=[answer.pk]), follow=True)

    assert "Dit voorstel is al doorverwezen." in response.content.decode()
    assert dossier.water_scans.count() == 1


def test_advice_is_shown_but_not_referred(dossier, mw, login):
    answer = suggestion(dossier, mw, "Water", "Is het gezin beschermde klant")

    page = login(mw).get(reverse("checklists:filled", args=[answer.filled_id])).content.decode()
    assert "hier hoort geen doorverwijzing bij" in page
    with pytest.raises(ValidationError):
        actions.suggestion_refer(answer, actor=mw)


def test_a_worker_is_not_offered_a_referral_to_her_own_team(dossier, mw, login):
    answer = suggestion(
        dossier, mw, "Geld", "Heeft het gezin financiële problemen"
    )  # Sociale Dienst

    page = login(mw).get(reverse("checklists:filled", args=[answer.filled_id])).content.decode()

    assert "Dit is je eigen team" in page
    assert reverse("checklists:refer", args=[answer.pk]) not in page
    with pytest.raises(ValidationError):
        actions.suggestion_refer(answer, actor=mw)
    assert not dossier.internal_referrals.exists()


def test_a_failed_referral_says_why_and_marks_nothing(dossier, mw, login):
    answer = suggestion(dossier, mw, "Water", "Is de waterfactuur")
    other = suggestion(dossier, mw, "Water", "Lekt er")
    actions.suggestion_refer(answer, actor=mw)

    response = login(mw).post(reverse("checklists:refer", args=[other.pk]), follow=True)

    assert "Er is al een waterscan aangevraagd" in response.content.decode()
    other.refresh_from_db()
    assert other.referred_at is None
