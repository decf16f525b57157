"""What a preparer who does not sit on the session sees on its page: the dossiers they prepare
first, then the other dossiers on the agenda they may see (their team's), each under a heading
that says so; nothing else of the agenda."""

import pytest

from bereik.accounts.models import Role, Team
from bereik.conftest import make_user
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

OLD_TEXT = "Je ziet alleen de dossiers die jij voorbereidt."


@pytest.fixture
def colleague(db):
    return make_user("sara", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])


@pytest.fixture
def agenda(mw, colleague):
    team = Team.objects.get(code="sociale_dienst")
    session = SessionFactory()
    theirs = AgendaItemFactory(
        session=session,
        dossier=DossierFactory(last_name="Collega", assigned_to=colleague, team=team),
        preparer=colleague,
    )
    mine = AgendaItemFactory(
        session=session,
        dossier=DossierFactory(last_name="Eigen", assigned_to=mw, team=team),
        preparer=mw,
    )
    unseen = AgendaItemFactory(
        session=session, dossier=DossierFactory(last_name="Onzichtbaar", team=None)
    )
    return session, mine, theirs, unseen


def test_a_preparer_sees_their_own_dossiers_first_then_their_teams(agenda, mw, login):
    session, mine, theirs, unseen = agenda

    page = login(mw).get(f"/lac/zitting/{session.pk}/").content.decode()

    assert OLD_TEXT not in page
    own_heading = page.index("Dossiers die jij voorbereidt")
    others_heading = page.index("Andere dossiers op deze agenda die je mag inzien")
    assert own_heading < page.index(mine.dossier.household_name) < others_heading
    assert others_heading < page.index(theirs.dossier.household_name)
    assert unseen.dossier.household_name not in page
    assert "De rest van de agenda zie je niet" in page


def test_a_preparer_without_dossiers_on_the_session_is_told_so(agenda, colleague, mw, login):
    session, mine, theirs, unseen = agenda
    mine.delete()

    page = login(mw).get(f"/lac/zitting/{session.pk}/").content.decode()

    assert "Je bereidt geen dossiers voor op deze zitting." in page
    assert theirs.dossier.household_name in page
    assert OLD_TEXT not in page


def test_the_secretariat_sees_the_whole_agenda_in_one_list(agenda, onthaal, login):
    session, mine, theirs, unseen = agenda
    page = login(onthaal).get(f"/lac/zitting/{session.pk}/").content.decode()
    for item in (mine, theirs, unseen):
        assert item.dossier.household_name in page
    assert "Dossiers die jij voorbereidt" not in page
