"""Going along to the LAC as vertrouwenspersoon, seen from the dossier page: once an expert goes
along to a session, the page says who goes (with a way to undo it) and stops offering that
session; a later session of the same household can still be offered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bereik.experts import actions
from bereik.experts.models import LacCompanion
from bereik.lac.tests.factories import AgendaItemFactory

OFFER = "Mee naar de LAC als vertrouwenspersoon</a>"


def _page(client, dossier) -> str:
    return client.get(dossier.get_absolute_url()).content.decode()


def test_the_offer_goes_once_the_expert_goes_along_and_the_page_says_who(
    household, mw, ervaringsdeskundige, accepted, login
):
    item = AgendaItemFactory(dossier=household)
    client = login(mw)
    offer_url = reverse("experts:lac_companion", args=[household.pk])
    assert offer_url in _page(client, household)

    client.post(offer_url, {"item": item.pk, "expert": ervaringsdeskundige.pk})

    page = _page(client, household)
    assert offer_url not in page and OFFER not in page
    companion = LacCompanion.objects.get()
    assert f"{item.session.date:%d/%m/%Y}: {ervaringsdeskundige.get_full_name()}" in page
    assert reverse("experts:lac_companion_remove", args=[companion.pk]) in page
    # Following an old link: back to the dossier, with what was already done.
    response = client.get(offer_url, follow=True)
    assert response.redirect_chain[-1][0].endswith("#sectie-ervaringsdeskundige")
    assert "gaat al een ervaringsdeskundige mee" in response.content.decode()


def test_a_later_session_of_the_same_household_is_still_offered_alone(
    household, mw, ervaringsdeskundige, accepted, login
):
    first = AgendaItemFactory(dossier=household)
    later = AgendaItemFactory(
        dossier=household,
        session__date=timezone.localdate() + datetime.timedelta(days=45),
    )
    actions.lac_companion_set(first, expert=ervaringsdeskundige, actor=mw)
    client = login(mw)
    offer_url = reverse("experts:lac_companion", args=[household.pk])
    assert offer_url in _page(client, household)

    form = client.get(offer_url).content.decode()
    assert f'value="{later.pk}"' in form and f'value="{first.pk}"' not in form
    client.post(offer_url, {"item": later.pk, "expert": ervaringsdeskundige.pk})
    assert LacCompanion.objects.count() == 2
    assert offer_url not in _page(client, household)


def test_undoing_offers_the_session_again(household, mw, ervaringsdeskundige, accepted, login):
    item = AgendaItemFactory(dossier=household)
    companion = actions.lac_companion_set(item, expert=ervaringsdeskundige, actor=mw)
    client = login(mw)
    client.post(reverse("experts:lac_companion_remove", args=[companion.pk]))
    assert reverse("experts:lac_companion", args=[household.pk]) in _page(client, household)


def test_a_session_with_a_companion_takes_no_second_one(
    household, mw, ervaringsdeskundige, other_expert, accepted, login
):
    second = actions.proposal_accept(
        actions.proposal_create(
            household, expert=other_expert, help_asked="Budget", note="Bellen.", actor=mw
        ),
        actor=other_expert,
    )
    assert second.status == "aanvaard"
    item = AgendaItemFactory(dossier=household)
    actions.lac_companion_set(item, expert=ervaringsdeskundige, actor=mw)
    # A form shown before the first was recorded, posted after it.
    response = login(mw).post(
        reverse("experts:lac_companion", args=[household.pk]),
        {"item": item.pk, "expert": other_expert.pk},
    )
    assert response.status_code == 302  # nothing left to offer: back to the dossier
    assert LacCompanion.objects.count() == 1
    with pytest.raises(Exception, match="gaat al"):
        actions.lac_companion_set(item, expert=other_expert, actor=mw)
