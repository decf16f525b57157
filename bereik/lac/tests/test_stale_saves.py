"""No lost updates in the LAC (bereik.lib.locking): two saves in a row from the same loaded form,
as when two people had it open: the second is refused, shows both versions, overwrites nothing."""

import datetime

import pytest

from bereik.lac import actions
from bereik.lac.models import LacPerson
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.lib.tests.stale import assert_refused, two_saves


def test_a_session(onthaal, login):
    session = SessionFactory(place="Raadzaal")
    url = f"/lac/zitting/{session.pk}/wijzigen/"

    first, second = two_saves(
        login(onthaal), url, {"place": "Zaal 1 (Bea)"}, {"place": "Zaal 2 (Bart)"}
    )

    assert first.status_code == 302
    assert_refused(second, "Zaal 1 (Bea)", "Zaal 2 (Bart)")
    session.refresh_from_db()
    assert session.place == "Zaal 1 (Bea)"


def test_a_closed_session_corrected_twice(onthaal, login):
    session = SessionFactory(date=datetime.date(2026, 11, 26), place="Raadzaal")
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, attendance="afwezig", advice="uitstel")
    actions.session_close(session, actor=onthaal)
    url = f"/lac/zitting/{session.pk}/wijzigen/"

    first, second = two_saves(
        login(onthaal),
        url,
        {"place": "Zaal 1", "reason": "Verkeerd genoteerd"},
        {"place": "Zaal 2", "reason": "Ook verkeerd"},
    )

    assert first.status_code == 302
    assert_refused(second, "Zaal 1", "Zaal 2")
    session.refresh_from_db()
    assert session.place == "Zaal 1"


def test_a_member(beheerder, login):
    person = LacPersonFactory(name="Jan Peeters")
    url = f"/lac/leden/{person.pk}/"

    first, second = two_saves(
        login(beheerder), url, {"name": "Jan Peeters-Bea"}, {"name": "Jan Peeters-Bart"}
    )

    assert first.status_code == 302
    assert_refused(second, "Jan Peeters-Bea", "Jan Peeters-Bart")
    assert LacPerson.objects.get(pk=person.pk).name == "Jan Peeters-Bea"


@pytest.fixture
def held_today(onthaal):
    """An item on a session held today (27/11), nothing recorded yet."""
    return AgendaItemFactory(session=SessionFactory(date=datetime.date(2026, 11, 27)))


def test_the_advice_recorded_twice_at_once(held_today, onthaal, login):
    url = f"/lac/punt/{held_today.pk}/advies/"
    prefix = f"punt{held_today.pk}-"

    first, second = two_saves(
        login(onthaal),
        url,
        {f"{prefix}attendance": "afwezig", f"{prefix}advice": "uitstel"},
        {f"{prefix}attendance": "afwezig", f"{prefix}advice": "afbetalingsplan"},
        version_field=f"{prefix}version",
    )

    assert first.status_code == 302
    assert_refused(second)
    held_today.refresh_from_db()
    assert held_today.advice == "uitstel"


def test_an_advice_corrected_twice_at_once(held_today, onthaal, login):
    actions.agenda_item_record(held_today, actor=onthaal, attendance="afwezig", advice="uitstel")
    actions.session_close(held_today.session, actor=onthaal)
    url = f"/lac/punt/{held_today.pk}/correctie/"
    prefix = f"punt{held_today.pk}-"

    first, second = two_saves(
        login(onthaal),
        url,
        {f"{prefix}advice": "afbetalingsplan", f"{prefix}reason": "Verkeerd aangeduid"},
        {f"{prefix}advice": "geen_afsluiting", f"{prefix}reason": "Ook verkeerd"},
        version_field=f"{prefix}version",
    )

    assert first.status_code == 302
    assert_refused(second)
    held_today.refresh_from_db()
    assert held_today.advice == "afbetalingsplan"


def test_the_preparer_of_an_item(onthaal, mw, mw_other, login):
    item = AgendaItemFactory(session=SessionFactory())
    url = f"/lac/punt/{item.pk}/voorbereider/"

    first, second = two_saves(login(onthaal), url, {"preparer": mw.pk}, {"preparer": mw_other.pk})

    assert first.status_code == 302
    assert_refused(second, "Mia Test", "Marc Test")
    item.refresh_from_db()
    assert item.preparer == mw
