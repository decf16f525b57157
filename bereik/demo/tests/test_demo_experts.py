"""The demo gives eddy, the ervaringsdeskundige, something to follow: proposals in every state,
contacts of every kind, a referral, a LAC session to go along to, a household he brought in."""

import pytest
from django.urls import reverse

from bereik.accounts.models import User
from bereik.dossiers.models import Signal
from bereik.experts import queries
from bereik.experts.models import Contact, LacCompanion, OutreachSignal, Proposal

pytestmark = pytest.mark.xdist_group("demo")


def test_eddy_has_households_contacts_and_an_outreach_signal(demo, db, client):
    eddy = User.objects.get(username="eddy")
    statuses = set(Proposal.objects.filter(expert=eddy).values_list("status", flat=True))
    assert statuses >= {"voorgesteld", "aanvaard", "geweigerd"}
    kinds = set(Contact.objects.filter(proposal__expert=eddy).values_list("kind", flat=True))
    assert kinds == set(Contact.Kind.values)
    assert Contact.objects.filter(referral=Contact.Referral.MADE, referral_to="Waterscan").exists()
    assert LacCompanion.objects.filter(expert=eddy).exists()
    outreach = OutreachSignal.objects.get(expert=eddy)
    assert outreach.signal.source == Signal.Source.EXPERT
    assert any(card.lac for card in queries.households(
        eddy, list(queries.my_households(eddy).select_related("dossier__client"))
    ))  # fmt: skip
    client.force_login(eddy)
    page = client.get(reverse("experts:home")).content.decode()
    assert "Gezinnen die ik opvolg" in page and "Ontvangen op" in page
