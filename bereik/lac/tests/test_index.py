"""The list of sessions: coming sessions first, then the past and closed ones."""

import datetime

from bereik.lac import actions
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

TODAY = datetime.date(2026, 11, 27)


def test_a_closed_session_of_today_is_listed_with_the_past_ones(onthaal, login, db):
    closed_today = SessionFactory(date=TODAY)
    item = AgendaItemFactory(session=closed_today)
    actions.agenda_item_record(item, actor=onthaal, attendance="afwezig", advice="uitstel")
    actions.session_close(closed_today, actor=onthaal)
    open_today = SessionFactory(date=TODAY)
    coming = SessionFactory(date=datetime.date(2026, 12, 10))
    past = SessionFactory(date=datetime.date(2026, 11, 12))

    response = login(onthaal).get("/lac/")

    assert [s.pk for s in response.context["upcoming"]] == [open_today.pk, coming.pk]
    assert [s.pk for s in response.context["past_page"].object_list] == [
        closed_today.pk,
        past.pk,
    ]
    page = response.content.decode()
    coming_part, past_part = page.split('id="voorbije-zittingen"')
    assert f"/lac/zitting/{closed_today.pk}/" in past_part
    assert f"/lac/zitting/{closed_today.pk}/" not in coming_part
