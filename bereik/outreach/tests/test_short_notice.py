"""An LAC invitation made fewer than N days before the session (settings
BEREIK_INVITATION_NOTICE_DAYS, default 7) says so: on the page where it is made and once it is
made, naming the dossiers concerned, for one letter, a worklist's batch and a session's batch."""

import datetime

import pytest

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

D = datetime.date
INVITATION_URL = "/contacten/dossier/{pk}/brief/uitnodiging_lac_water/"


def _lac_dossier(name, session_date):
    return DossierFactory(
        last_name=name,
        first_name="An",
        kind=Dossier.Kind.WATER,
        deadline=session_date,
        deadline_kind=Dossier.DeadlineKind.SESSION,
    )


@pytest.fixture
def soon(db, frozen_today):
    """Session on Tuesday 1/12, four days after today (Friday 27/11)."""
    return _lac_dossier("Peeters", D(2026, 12, 1))


@pytest.fixture
def in_time(db, frozen_today):
    return _lac_dossier("Janssens", D(2026, 12, 15))


def _invite(client, dossier, session_date):
    return client.post(
        INVITATION_URL.format(pk=dossier.pk),
        {
            "opties-session_date": session_date,
            "opties-session_time": "14.00 uur",
            "opties-session_place": "Kazernestraat 13",
        },
        follow=True,
    )


def test_the_invitation_page_warns_of_a_session_within_the_notice(soon, preventiewerker, login):
    page = login(preventiewerker).get(INVITATION_URL.format(pk=soon.pk)).content.decode()

    assert "Korte termijn" in page
    assert "minder dan 7 dagen vóór de LAC-zitting" in page
    assert soon.number in page
    assert "over 4 dagen" in page


def test_the_message_after_making_it_warns_too(soon, preventiewerker, login):
    page = _invite(login(preventiewerker), soon, "2026-12-01").content.decode()

    assert "De brief is klaar." in page
    assert "Korte termijn" in page and soon.number in page


def test_a_session_in_time_gets_no_warning(in_time, preventiewerker, login):
    client = login(preventiewerker)
    assert "Korte termijn" not in client.get(INVITATION_URL.format(pk=in_time.pk)).content.decode()
    assert "Korte termijn" not in _invite(client, in_time, "2026-12-15").content.decode()


def test_the_notice_is_a_setting(soon, preventiewerker, login, settings):
    settings.BEREIK_INVITATION_NOTICE_DAYS = 3
    client = login(preventiewerker)
    assert "Korte termijn" not in client.get(INVITATION_URL.format(pk=soon.pk)).content.decode()
    settings.BEREIK_INVITATION_NOTICE_DAYS = 10
    page = client.get(INVITATION_URL.format(pk=soon.pk)).content.decode()
    assert "minder dan 10 dagen vóór de LAC-zitting" in page


def test_a_worklist_batch_names_the_dossiers_invited_late(soon, in_time, preventiewerker, login):
    client = login(preventiewerker)
    data = {"dossiers": [str(soon.pk), str(in_time.pk)], "letter_type": "uitnodiging_lac"}

    options = client.post("/contacten/brieven/reeks/", data).content.decode()

    warning = options[options.index("Korte termijn") :]
    warning = warning[: warning.index("</div>")]
    assert soon.number in warning and in_time.number not in warning

    made = client.post(
        "/contacten/brieven/reeks/",
        {**data, "bevestigen": "1", "opties-session_time": "14.00 uur"},
        follow=True,
    ).content.decode()

    assert "Korte termijn" in made
    warning = made[made.index("Korte termijn") :]
    warning = warning[: warning.index("</div>")]
    assert soon.number in warning and in_time.number not in warning


def test_a_sessions_batch_warns_on_its_page(frozen_today, onthaal, login):
    session = SessionFactory(date=D(2026, 12, 1), time=datetime.time(14, 0))
    item = AgendaItemFactory(session=session, dossier__last_name="Maes")

    page = login(onthaal).post(f"/lac/zitting/{session.pk}/uitnodigingen/", follow=True)

    text = page.content.decode()
    assert "Korte termijn" in text and item.dossier.number in text
