"""One truth for the brochure: handed over with the last letter, by hand on the dossier, or gone
through in the conversation (bereik.followup) — each is a BrochureHandover, recorded once."""

import datetime

import pytest

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions as followup_actions
from bereik.followup.models import Proposal
from bereik.outreach import actions
from bereik.outreach.models import BrochureHandover

D = datetime.date


@pytest.fixture
def reached(db, mw, team):
    return DossierFactory(
        status=Dossier.Status.REACHED,
        reached_on=D(2026, 11, 20),
        assigned_to=mw,
        team=team["sociale_dienst"],
    )


def _conversation(client, dossier, *, brochure: bool):
    data = {
        "conversation_date": "2026-11-26",
        "lac_options_discussed": "on",
        "arrangement": Proposal.Arrangement.NONE,
        "client_agrees": Proposal.Agreement.PENDING,
    }
    if brochure:
        data["brochure_discussed"] = "on"
    response = client.post(f"/opvolging/dossier/{dossier.pk}/gesprek/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _brochure_block(page: str) -> str:
    start = page.index(">Brochure</h3>")
    return page[start : page.index("</details>", start)]


def test_the_brochure_gone_through_in_the_conversation_counts_as_handed_over(
    frozen_today, reached, mw, login
):
    client = login(mw)
    _conversation(client, reached, brochure=True)
    handover = BrochureHandover.objects.get(dossier=reached)
    assert handover.date == D(2026, 11, 26)
    block = _brochure_block(client.get(reached.get_absolute_url()).content.decode())
    assert "meegegeven op 26/11/2026" in block
    assert "nog niet meegegeven" not in block


def test_a_conversation_without_the_brochure_records_no_handover(frozen_today, reached, mw, login):
    client = login(mw)
    _conversation(client, reached, brochure=False)
    assert not BrochureHandover.objects.filter(dossier=reached).exists()
    block = _brochure_block(client.get(reached.get_absolute_url()).content.decode())
    assert "De brochure werd nog niet meegegeven." in block


def test_the_handover_is_recorded_once(frozen_today, reached, mw, login):
    actions.brochure_hand_over(reached, date=D(2026, 11, 21), note="Bij de laatste brief", actor=mw)
    client = login(mw)
    _conversation(client, reached, brochure=True)
    _conversation(client, reached, brochure=True)
    assert list(
        BrochureHandover.objects.filter(dossier=reached).values_list("date", flat=True)
    ) == [D(2026, 11, 21)]


def test_the_once_action_returns_the_earlier_handover(frozen_today, reached, mw):
    first = actions.brochure_hand_over_once(reached, date=D(2026, 11, 24), actor=mw)
    again = actions.brochure_hand_over_once(reached, date=D(2026, 11, 26), actor=mw)
    assert again == first
    assert reached.events.filter(kind="brochure").count() == 1
    followup_actions.proposal_create(
        reached,
        actor=mw,
        conversation_date=D(2026, 11, 26),
        lac_options_discussed=True,
        brochure_discussed=True,
        arrangement=Proposal.Arrangement.NONE,
        client_agrees=Proposal.Agreement.PENDING,
    )
    assert BrochureHandover.objects.filter(dossier=reached).count() == 1
