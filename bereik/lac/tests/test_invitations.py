"""The invitations of a session's households as one Word file to print, from the session page."""

import datetime

import pytest

from bereik.lac.models import Session
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.lib.documents import count_page_breaks, docx_text
from bereik.organisation.models import Company
from bereik.outreach.models import ContactAttempt, Letter, LetterBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory(
        date=datetime.date(2026, 12, 17), time=datetime.time(14, 0), place="Raadzaal, Stadhuis"
    )
    for name in ("Peeters", "Janssens", "Maes"):
        AgendaItemFactory(session=session, dossier__last_name=name, dossier__first_name="An")
    return session


def test_the_planner_makes_all_invitations_of_a_session_in_one_file(session, onthaal, login):
    response = login(onthaal).post(f"/lac/zitting/{session.pk}/uitnodigingen/")

    batch = LetterBatch.objects.get()
    assert response["Location"] == f"/contacten/brieven/reeks/{batch.pk}/"
    assert batch.letters.count() == 3
    data = batch.content()
    assert count_page_breaks(data) == 2  # three letters, each on its own page
    text = docx_text(data)
    for name in ("An Peeters", "An Janssens", "An Maes"):
        assert name in text
    assert "donderdag 17 december 2026" in text
    assert "14.00 uur" in text
    assert "Raadzaal, Stadhuis" in text
    # Not marked as sent: no contact attempt yet.
    assert not ContactAttempt.objects.exists()


def test_invitations_marked_as_sent_count_as_a_contact_attempt(session, onthaal, login):
    login(onthaal).post(f"/lac/zitting/{session.pk}/uitnodigingen/", {"verstuurd": "1"})
    assert Letter.objects.filter(sent_on=datetime.date(2026, 11, 27)).count() == 3
    assert ContactAttempt.objects.filter(kind=ContactAttempt.Kind.LETTER).count() == 3


def test_a_second_click_makes_no_duplicates(session, onthaal, login):
    client = login(onthaal)
    client.post(f"/lac/zitting/{session.pk}/uitnodigingen/")
    AgendaItemFactory(session=session, dossier__last_name="Nieuw")

    client.post(f"/lac/zitting/{session.pk}/uitnodigingen/")
    assert LetterBatch.objects.latest("pk").letters.get().dossier.last_name == "Nieuw"

    response = client.post(f"/lac/zitting/{session.pk}/uitnodigingen/", follow=True)
    assert LetterBatch.objects.count() == 2
    assert "kregen al een uitnodiging" in response.content.decode()


def test_only_a_planner_makes_the_invitations(session, mw, login):
    assert login(mw).post(f"/lac/zitting/{session.pk}/uitnodigingen/").status_code in (403, 404)
    assert not Letter.objects.exists()


def test_the_session_page_offers_the_invitations(session, onthaal, login):
    page = login(onthaal).get(f"/lac/zitting/{session.pk}/").content.decode()
    assert f'action="/lac/zitting/{session.pk}/uitnodigingen/"' in page


def test_the_invitation_form_of_a_dossier_takes_the_sessions_time_and_place(
    session, preventiewerker, login
):
    dossier = session.items.first().dossier
    page = (
        login(preventiewerker)
        .get(f"/contacten/dossier/{dossier.pk}/brief/uitnodiging_lac_water/")
        .content.decode()
    )
    assert 'value="17/12/2026"' in page
    assert 'value="14.00 uur"' in page
    assert 'value="Raadzaal, Stadhuis"' in page


def test_an_energy_session_invites_with_the_energy_letter(onthaal, login):
    fluvius = Company.objects.get(name="Fluvius")
    session = SessionFactory(kind=Session.Kind.ENERGIE, company=fluvius, time=datetime.time(9, 30))
    AgendaItemFactory(session=session)
    login(onthaal).post(f"/lac/zitting/{session.pk}/uitnodigingen/")
    letter = Letter.objects.get()
    assert letter.letter_type == "uitnodiging_lac_energie"
    assert "9.30 uur" in docx_text(letter.content())
