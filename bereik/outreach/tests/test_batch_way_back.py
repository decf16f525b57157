"""The batch page leads back to where the letters were made: the worklist whose rows were ticked,
or the LAC session whose invitations they are."""

import datetime

import pytest

from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.outreach import actions
from bereik.outreach.models import LetterBatch


def _way_back(page: str) -> str:
    start = page.index('aria-label="Terug"')
    return page[start : page.index("</nav>", start)]


def test_from_a_worklist_back_to_that_worklist(frozen_today, preventiewerker, login):
    dossiers = [DossierFactory(last_name=name) for name in ("Aerts", "Bosmans")]
    worklist = "/dossiers/lijsten/alle/?attention=termijn"
    client = login(preventiewerker)

    response = client.post(
        "/contacten/brieven/reeks/",
        {
            "dossiers": [str(d.pk) for d in dossiers],
            "letter_type": "vrije_brief",
            "terug": worklist,
            "bevestigen": "1",
            "opties-subject": "Afspraak",
            "opties-body": "Tekst",
        },
        follow=True,
    )

    back = _way_back(response.content.decode())
    assert 'href="/dossiers/lijsten/alle/?attention=termijn"' in back
    assert "Terug naar de werklijst" in back


def test_from_a_lac_session_back_to_that_session(frozen_today, onthaal, login):
    session = SessionFactory(date=datetime.date(2026, 12, 17), time=datetime.time(14, 0))
    AgendaItemFactory(session=session, dossier__last_name="Peeters")

    response = login(onthaal).post(f"/lac/zitting/{session.pk}/uitnodigingen/", follow=True)

    back = _way_back(response.content.decode())
    assert f'href="{session.get_absolute_url()}"' in back
    assert "Terug naar de LAC-zitting" in back


def test_a_way_back_elsewhere_is_not_kept(frozen_today, preventiewerker, login):
    dossier = DossierFactory(last_name="Aerts")

    login(preventiewerker).post(
        "/contacten/brieven/reeks/",
        {
            "dossiers": [str(dossier.pk)],
            "letter_type": "vrije_brief",
            "terug": "https://elders.example/",
            "bevestigen": "1",
            "opties-subject": "Afspraak",
            "opties-body": "Tekst",
        },
    )

    assert LetterBatch.objects.get().origin_url == ""


@pytest.mark.parametrize("origin", ["", "/dossiers/lijsten/mijn/"])
def test_the_action_keeps_where_the_batch_was_made(frozen_today, preventiewerker, origin):
    batch = actions.letters_generate_batch(
        [DossierFactory()],
        "vrije_brief",
        actor=preventiewerker,
        origin_url=origin,
        origin_label="Terug naar de werklijst" if origin else "",
        subject="Afspraak",
        body="Tekst",
    )
    assert batch.origin_url == origin
