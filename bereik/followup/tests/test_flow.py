"""Done means: a reached household is taken through proposal, rights investigation, support
request, referral (internal accepted, external confirmed) and closing with an outcome, in the
browser; the timeline shows it all, in order, to everyone allowed."""

from django.urls import reverse

from bereik.dossiers.models import Dossier
from bereik.followup.models import (
    ExternalReferral,
    InternalReferral,
    Proposal,
    RightCheck,
    RightItem,
)
from bereik.followup.tests.factories import organisation, outcome, reached_dossier


def test_a_household_from_reached_to_closed(
    mw, mw_other, preventiewerker, diensthoofd, ervaringsdeskundige, team, login
):
    dossier = reached_dossier(mw, team["sociale_dienst"], route="A")
    client = login(mw)

    def post(name, data, *args):
        response = client.post(reverse(f"followup:{name}", args=args or [dossier.pk]), data)
        assert response.status_code == 302, response.context["form"].errors
        return response

    post(
        "proposal_create",
        {
            "conversation_date": "2026-11-20",
            "lac_options_discussed": "on",
            "brochure_discussed": "on",
            "arrangement": Proposal.Arrangement.PLAN,
            "amount_per_month": "30",
            "months": "12",
            "start_date": "2026-12-01",
            "client_agrees": Proposal.Agreement.AGREES,
            "feedback": "Plan van 12 maanden afgesproken.",
        },
    )
    tariff = RightItem.objects.get(name="Sociaal tarief")
    post("rights_edit", {f"status_{tariff.pk}": RightCheck.Status.APPLIED})
    post(
        "support_create", {"amount": "150", "purpose": "Waterfactuur", "submitted_on": "2026-11-21"}
    )
    post(
        "referral_create",
        {
            "to_team": team["trajectbegeleiding"].pk,
            "help_kind": InternalReferral.HelpKind.BUDGET,
            "reason": "Budgetbegeleiding gevraagd.",
        },
    )
    referral = InternalReferral.objects.get(dossier=dossier)
    assert (
        login(mw_other).post(reverse("followup:referral_accept", args=[referral.pk])).status_code
        == 302
    )
    client = login(mw)
    post(
        "handover_create",
        {
            "organisation": organisation("Mytrusto").pk,
            "contact_person": "Jonas",
            "referred_on": "2026-11-22",
            "meeting_date": "2026-11-24",
        },
    )
    handover = ExternalReferral.objects.get(dossier=dossier)
    post(
        "handover_decide",
        {"result": ExternalReferral.Status.CONFIRMED, "confirmed_on": "2026-11-26"},
        handover.pk,
    )
    post("dossier_close", {"outcome": outcome("opgelost_afbetalingsplan").pk, "note": "Loopt."})

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.CLOSED
    assert dossier.outcome == "opgelost_afbetalingsplan"
    expected = [
        "Gesprek en voorstel",
        "Rechtenonderzoek bijgewerkt",
        "Steunaanvraag ingediend",
        "Doorverwezen naar Trajectbegeleiding",
        "Doorverwijzing aanvaard",
        "Warme overdracht naar Mytrusto",
        "Warme overdracht bevestigd",
        "Status: Bereikt → Afgesloten",
        "Afgesloten met uitkomst: Opgelost met afbetalingsplan",
    ]
    for user in (mw, mw_other, preventiewerker, diensthoofd):
        response = login(user).get(reverse("followup:timeline", args=[dossier.pk]))
        summaries = [event.summary for event in response.context["events"]]
        positions = [
            next(i for i, summary in enumerate(summaries) if summary.startswith(text))
            for text in expected
        ]
        assert positions == sorted(positions), user
    assert (
        login(ervaringsdeskundige).get(reverse("followup:timeline", args=[dossier.pk])).status_code
        == 404
    )
