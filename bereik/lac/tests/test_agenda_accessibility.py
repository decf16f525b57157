"""The agenda and preparation pages tell what needs attention in words and an icon, not by
colouring every row: colour stays for the few rows that need it (a session after the legal
deadline, no preparer), on a background where every text reaches 4.5:1 (bereik/lac/static)."""

import datetime
import re

import pytest

from bereik.dossiers.tests.factories import DossierFactory
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

SESSION_DAY = datetime.date(2026, 12, 11)


@pytest.fixture
def agenda(mw):
    session = SessionFactory(date=SESSION_DAY)
    ordinary = [
        AgendaItemFactory(
            session=session,
            dossier=DossierFactory(assigned_to=mw),
            preparer=mw,
            legal_deadline=SESSION_DAY + datetime.timedelta(days=5),
        )
        for _n in range(3)
    ]
    late = AgendaItemFactory(
        session=session,
        dossier=DossierFactory(assigned_to=mw),
        preparer=mw,
        legal_deadline=SESSION_DAY - datetime.timedelta(days=2),
    )
    return session, ordinary, late


def row_of(page: str, item) -> str:
    return re.search(rf'<tr id="punt-{item.pk}"[^>]*>.*?</tr>', page, re.DOTALL).group(0)


def test_the_agenda_colours_only_the_rows_that_need_it(agenda, onthaal, login):
    session, ordinary, late = agenda

    page = login(onthaal).get(f"/lac/zitting/{session.pk}/").content.decode()

    assert "table-warning" not in page and "table-danger" not in page
    assert "text-bg-danger" not in page
    assert page.count("lac-flagged") == 1
    late_row = row_of(page, late)
    assert 'class="lac-flagged"' in late_row
    assert "Te laat" in late_row and "visually-hidden" in late_row
    for item in ordinary:
        assert "lac-flagged" not in row_of(page, item)
    # What is missing is said in its column, with an icon (lac.css), in the text's own colour.
    assert page.count('<span class="lac-missing">niet bereikt</span>') == 4
    assert page.count('<span class="lac-missing">ontbreekt</span>') == 12
    assert "lac/lac.css" in page


def test_a_dossier_without_a_preparer_is_flagged(onthaal, login, db):
    item = AgendaItemFactory(session=SessionFactory(date=SESSION_DAY), preparer=None)
    page = login(onthaal).get(f"/lac/zitting/{item.session.pk}/").content.decode()
    row = row_of(page, item)
    assert 'class="lac-flagged"' in row and "Geen voorbereider" in row


def test_a_closed_session_flags_nothing(onthaal, login, db):
    session = SessionFactory(date=datetime.date(2026, 11, 20))
    item = AgendaItemFactory(
        session=session, preparer=None, legal_deadline=datetime.date(2026, 11, 1)
    )
    session.closed_at = datetime.datetime(2026, 11, 20, 17, 0, tzinfo=datetime.UTC)
    session.save(update_fields=["closed_at"])
    page = login(onthaal).get(f"/lac/zitting/{session.pk}/").content.decode()
    assert "lac-flagged" not in row_of(page, item)


def test_the_preparers_list_does_not_colour_its_rows(agenda, mw, login):
    page = login(mw).get("/lac/voorbereiden/").content.decode()
    assert "table-warning" not in page and "table-danger" not in page
    assert page.count("lac-flagged") == 1
    assert "lac-missing" in page
