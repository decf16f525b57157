"""Proposing a household to an expert, the answer, and what the expert then sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.experts import actions
from bereik.experts.models import Proposal


def _propose(client, dossier, expert, **extra):
    return client.post(
        reverse("experts:propose", args=[dossier.pk]),
        {"expert": expert.pk, "help_asked": "Meegaan naar het OCMW", "note": "Bel na 17 uur."}
        | extra,
    )


def test_a_social_worker_proposes_and_the_household_appears_only_after_accepting(
    household, mw, ervaringsdeskundige, login, client
):
    response = _propose(login(mw), household, ervaringsdeskundige)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.PROPOSED
    assert DossierEvent.objects.filter(dossier=household, kind="ervaringsdeskundige.voorstel")

    login(ervaringsdeskundige)
    home = client.get(reverse("experts:home"))
    assert "Meegaan naar het OCMW" in home.content.decode()
    assert household.last_name not in home.content.decode()
    assert client.get(reverse("experts:household", args=[proposal.pk])).status_code == 404
    waiting = client.get(reverse("experts:proposal", args=[proposal.pk]))
    assert household.last_name not in waiting.content.decode()

    response = client.post(reverse("experts:proposal", args=[proposal.pk]), {"answer": "accept"})
    assert response.status_code == 302
    page = client.get(reverse("experts:household", args=[proposal.pk])).content.decode()
    assert "Janssens Els" in page
    assert "0470 11 22 33" in page
    assert "Bel na 17 uur." in page


def test_the_expert_sees_the_least_data(accepted, household, mw, ervaringsdeskundige, login):
    dossier_log(household, "note", "Geheime notitie", actor=mw, text="schuld bij de bank")
    client = login(ervaringsdeskundige)
    for url in (
        reverse("experts:home"),
        reverse("experts:household", args=[accepted.pk]),
        reverse("experts:contact", args=[accepted.pk]),
    ):
        page = client.get(url).content.decode()
        for secret in (
            "85073003328",
            "85.07.30",
            "1234",
            "1.234",
            "Geheime notitie",
            "schuld bij de bank",
            household.number,
            household.customer_number,
        ):
            assert secret not in page, (url, secret)


def test_the_expert_may_decline_with_a_reason(household, mw, ervaringsdeskundige, login):
    proposal = actions.proposal_create(
        household, expert=ervaringsdeskundige, help_asked="x", note="y", actor=mw
    )
    client = login(ervaringsdeskundige)
    client.post(
        reverse("experts:proposal", args=[proposal.pk]),
        {"answer": "decline", "reason": "Ik ken de familie."},
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert proposal.reason == "Ik ken de familie."
    assert client.get(reverse("experts:household", args=[proposal.pk])).status_code == 404
    event = DossierEvent.objects.get(dossier=household, kind="ervaringsdeskundige.geweigerd")
    assert event.text == "Ik ken de familie."


def test_it_refuses_a_second_open_proposal_to_the_same_expert(
    accepted, household, mw, ervaringsdeskundige, login
):
    response = _propose(login(mw), household, ervaringsdeskundige)
    assert response.status_code == 200
    assert "al aan" in response.content.decode()
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("persona", ["cel", "onthaal", "diensthoofd", "mw_other"])
def test_only_the_dossiers_social_worker_or_the_preventiewerker_proposes(
    persona, household, ervaringsdeskundige, login, request
):
    client = login(request.getfixturevalue(persona))
    assert _propose(client, household, ervaringsdeskundige).status_code == 404
    assert not Proposal.objects.exists()


def test_the_preventiewerker_proposes(household, preventiewerker, ervaringsdeskundige, login):
    assert _propose(login(preventiewerker), household, ervaringsdeskundige).status_code == 302


def test_a_closed_dossier_disappears_for_the_expert(
    accepted, household, ervaringsdeskundige, login
):
    household.status = household.Status.CLOSED
    household.save()
    client = login(ervaringsdeskundige)
    assert client.get(reverse("experts:household", args=[accepted.pk])).status_code == 404


def test_the_worker_ends_the_experts_part(accepted, household, mw, ervaringsdeskundige, login):
    client = login(mw)
    client.post(reverse("experts:end", args=[accepted.pk]), {"reason": "Gezin verhuisd"})
    accepted.refresh_from_db()
    assert accepted.status == Proposal.Status.ENDED
    expert = login(ervaringsdeskundige)
    assert expert.get(reverse("experts:household", args=[accepted.pk])).status_code == 404


def test_every_view_of_the_expert_is_an_audited_read_with_the_role_as_purpose(
    accepted, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    for url in (
        reverse("experts:home"),
        reverse("experts:household", args=[accepted.pk]),
        reverse("experts:contact", args=[accepted.pk]),
    ):
        before = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).count()
        client.get(url)
        reads = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).order_by("-pk")
        assert reads.count() == before + 1, url
        read = reads.first()
        assert read.actor == ervaringsdeskundige
        assert read.purpose.startswith("Ervaringsdeskundige")
        assert read.object_id == str(accepted.pk)


def test_the_dossier_section_shows_proposals_and_the_button(accepted, household, mw, login):
    page = login(mw).get(household.get_absolute_url()).content.decode()
    assert "Voorstellen aan een ervaringsdeskundige" in page
    assert "Aanvaard" in page


def test_the_experts_home_panel_replaces_nothing_to_follow(accepted, ervaringsdeskundige, login):
    page = login(ervaringsdeskundige).get(reverse("home")).content.decode()
    assert "nog niets voor jou" not in page
    assert "Je volgt 1 gezin op." in page


def test_the_experts_list_reads_in_a_fixed_number_of_queries(
    accepted, mw, ervaringsdeskundige, login
):
    """Only the audited read of each household (one insert) grows with the list."""
    client = login(ervaringsdeskundige)
    url = reverse("experts:home")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in context.captured_queries]

    before = count()
    for index in range(3):
        dossier = DossierFactory(assigned_to=mw, client=ClientFactory())
        proposal = actions.proposal_create(
            dossier, expert=ervaringsdeskundige, help_asked="x", note="y", actor=mw
        )
        if index < 2:
            actions.proposal_accept(proposal, actor=ervaringsdeskundige)
    after = count()
    inserts = [sql for sql in after if sql.startswith("INSERT")]
    # One logged read per household shown, three queries each: the audit chain's head, the
    # event, the head moved on (ADR 0027).
    assert len(after) - len(before) == 3 * 3, "\n".join(after)
    assert len(inserts) - len([s for s in before if s.startswith("INSERT")]) == 3
