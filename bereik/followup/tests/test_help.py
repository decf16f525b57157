"""The conversation and proposal (terugkoppeling), the sociaal verslag, the rights investigation,
support requests and the water scan."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from bereik.accounts.models import Notification, Role
from bereik.conftest import make_user
from bereik.followup import actions, queries
from bereik.followup.models import Proposal, RightCheck, RightItem, SocialReport, WaterScan
from bereik.followup.tests.factories import reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"], route="A")


PLAN = {
    "conversation_date": "2026-11-20",
    "lac_options_discussed": "on",
    "brochure_discussed": "on",
    "arrangement": Proposal.Arrangement.PLAN,
    "amount_per_month": "45,50",
    "months": "10",
    "start_date": "2026-12-01",
    "client_agrees": Proposal.Agreement.AGREES,
    "feedback": "Cliënt betaalt af, vraagt geen debietbegrenzer.",
}


def test_a_payment_plan_is_recorded_as_feedback_for_the_chair(dossier, mw, login):
    response = login(mw).post(reverse("followup:proposal_create", args=[dossier.pk]), PLAN)

    assert response.status_code == 302
    proposal = queries.latest_proposal(dossier)
    assert proposal.amount_per_month == Decimal("45.50")
    assert proposal.months == 10
    assert proposal.plan_total == Decimal("455.00")
    assert proposal.author == mw
    assert proposal.feedback.startswith("Cliënt betaalt af")
    event = dossier.events.get(kind="proposal")
    assert "afbetalingsplan € 45,50 × 10 maanden" in event.summary


def test_a_plan_needs_amount_months_and_start(dossier, mw, login):
    data = {**PLAN, "amount_per_month": "", "months": "", "start_date": ""}

    response = login(mw).post(reverse("followup:proposal_create", args=[dossier.pk]), data)

    errors = response.context["form"].errors
    assert {"amount_per_month", "months", "start_date"} <= set(errors)
    assert not Proposal.objects.exists()


def test_the_chair_who_can_see_the_dossier_is_notified(dossier, mw, team):
    chair = make_user("vic", [Role.Code.LAC_VOORZITTER], ["sociale_dienst"])
    other_chair = make_user("val", [Role.Code.LAC_VOORZITTER], ["schuldbemiddeling"])

    actions.proposal_create(
        dossier,
        conversation_date=datetime.date(2026, 11, 20),
        lac_options_discussed=True,
        brochure_discussed=False,
        arrangement=Proposal.Arrangement.NONE,
        client_agrees=Proposal.Agreement.PENDING,
        feedback="Nog geen voorstel.",
        actor=mw,
    )

    assert Notification.objects.filter(user=chair, text__contains="Terugkoppeling").exists()
    assert not Notification.objects.filter(user=other_chair).exists()


def test_the_sociaal_verslag_keeps_its_history(dossier, mw, login):
    client = login(mw)
    url = reverse("followup:report_edit", args=[dossier.pk])

    client.post(url, {"text": "Eerste versie."})
    client.post(url, {"text": "Eerste versie."})
    client.post(url, {"text": "Tweede versie, met inkomsten."})

    assert [r.text for r in queries.report_history(dossier)] == [
        "Tweede versie, met inkomsten.",
        "Eerste versie.",
    ]
    assert queries.latest_report(dossier).version == 2
    page = client.get(url)
    assert page.context["form"].initial["text"] == "Tweede versie, met inkomsten."
    assert "Versie 1" in page.content.decode()


def test_the_rights_investigation_records_a_status_per_right(dossier, mw, login):
    tariff = RightItem.objects.get(name="Sociaal tarief")
    protected = RightItem.objects.get(name="Beschermde klant")
    leefloon = RightItem.objects.get(name="Leefloon")

    response = login(mw).post(
        reverse("followup:rights_edit", args=[dossier.pk]),
        {
            f"status_{tariff.pk}": RightCheck.Status.APPLIED,
            f"note_{tariff.pk}": "Aanvraag via Fluvius",
            f"status_{protected.pk}": RightCheck.Status.TO_CHECK,
            f"status_{leefloon.pk}": RightCheck.Status.NOT_ELIGIBLE,
        },
    )

    assert response.status_code == 302
    summary = queries.rights_summary(dossier)
    assert summary.applied == ["Sociaal tarief"]
    assert summary.to_check == ["Beschermde klant"]
    assert summary.not_eligible == ["Leefloon"]
    assert summary.in_progress
    assert RightCheck.objects.get(item=tariff).note == "Aanvraag via Fluvius"
    page = login(mw).get(dossier.get_absolute_url()).content.decode()
    assert "Geopend voor dit gezin" in page and "Sociaal tarief" in page


def test_saving_the_same_rights_again_changes_nothing(dossier, mw):
    tariff = RightItem.objects.get(name="Sociaal tarief")
    actions.rights_update(dossier, {tariff.pk: (RightCheck.Status.USED, "")}, actor=mw)

    assert actions.rights_update(dossier, {tariff.pk: (RightCheck.Status.USED, "")}, actor=mw) == []
    assert dossier.events.filter(kind="rights").count() == 1


def test_a_retired_right_stays_in_the_dossier_that_used_it(dossier, mw, login):
    scan = RightItem.objects.get(name="Energiescan")
    actions.rights_update(dossier, {scan.pk: (RightCheck.Status.APPLIED, "")}, actor=mw)
    scan.active = False
    actions.config_item_save(scan, actor=None)
    other = reached_dossier(mw)

    form_here = login(mw).get(reverse("followup:rights_edit", args=[dossier.pk])).context["form"]
    form_other = login(mw).get(reverse("followup:rights_edit", args=[other.pk])).context["form"]

    assert f"status_{scan.pk}" in form_here.fields
    assert f"status_{scan.pk}" not in form_other.fields


def test_a_support_request_gets_a_decision(dossier, mw, login):
    support = actions.support_request_create(
        dossier,
        amount=Decimal("320"),
        purpose="Achterstallige waterfactuur",
        submitted_on=datetime.date(2026, 11, 21),
        actor=mw,
    )
    client = login(mw)
    url = reverse("followup:support_decide", args=[support.pk])

    missing_date = client.post(url, {"decision": "toegekend", "decision_date": ""})
    assert "decision_date" in missing_date.context["form"].errors

    client.post(url, {"decision": "toegekend", "decision_date": "2026-11-26"})
    support.refresh_from_db()
    assert support.decision == "toegekend"
    assert support.decision_date == datetime.date(2026, 11, 26)
    assert dossier.events.filter(kind="support", summary__contains="toegekend").exists()


def test_the_water_scan_is_requested_then_done(dossier, mw, login):
    client = login(mw)

    client.post(reverse("followup:water_scan_request", args=[dossier.pk]))
    client.post(reverse("followup:water_scan_request", args=[dossier.pk]))
    scan = WaterScan.objects.get(dossier=dossier)
    assert scan.status == WaterScan.Status.REQUESTED

    client.post(
        reverse("followup:water_scan_result", args=[scan.pk]),
        {"status": WaterScan.Status.DONE, "done_on": "2026-11-26", "result": "Lek in de wc."},
    )
    scan.refresh_from_db()
    assert scan.status == WaterScan.Status.DONE
    assert scan.result == "Lek in de wc."
    assert [e.summary for e in dossier.events.filter(kind="waterscan")][-1] == (
        "Waterscan uitgevoerd"
    )


def test_social_report_versions_are_unique_per_dossier(dossier, mw):
    actions.report_save(dossier, text="a", actor=mw)
    other = reached_dossier(mw)
    actions.report_save(other, text="b", actor=mw)

    assert set(SocialReport.objects.values_list("version", flat=True)) == {1}
