"""The recording page: one compact row per dossier with what is recorded; one dossier's form open
at a time (the next one to record, or the one asked for), saved in place with htmx, and the same
form working without JavaScript (a normal POST and a redirect)."""

import datetime
import re

import pytest

from bereik.lac import actions
from bereik.lac.models import AgendaItem
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def session(db):
    """A session of today (27/11) with three dossiers."""
    session = SessionFactory(date=datetime.date(2026, 11, 27))
    for _n in range(3):
        AgendaItemFactory(session=session)
    return session


def items_of(session):
    return list(session.items.order_by("position", "pk"))


def advice_data(item, **values) -> dict:
    return {f"punt{item.pk}-{name}": value for name, value in values.items()}


def forms_in(page: str) -> list[str]:
    return re.findall(r'<form method="post" action="(/lac/punt/\d+/advies/)"', page)


def test_each_dossier_is_one_row_and_only_the_next_to_record_is_open(session, onthaal, login):
    first, second, third = items_of(session)
    actions.agenda_item_record(first, actor=onthaal, attendance="afwezig", advice="uitstel")

    page = login(onthaal).get(f"/lac/zitting/{session.pk}/notuleren/").content.decode()

    for item in (first, second, third):
        assert f'<tbody id="punt-{item.pk}"' in page
    assert forms_in(page) == [f"/lac/punt/{second.pk}/advies/"]
    # The others open in place (htmx) or, without JavaScript, on this page with ?punt=.
    assert f'hx-get="/lac/punt/{third.pk}/advies/"' in page
    assert f'href="/lac/zitting/{session.pk}/notuleren/?punt={third.pk}#punt-{third.pk}"' in page
    # What is recorded shows in the row.
    first_row = re.search(rf'<tbody id="punt-{first.pk}".*?</tbody>', page, re.DOTALL).group(0)
    assert "Afwezig" in first_row and "Uitstel" in first_row
    assert "1 van 3 dossiers genoteerd" in page


def test_a_dossier_asked_for_opens_without_javascript(session, onthaal, login):
    first, second, third = items_of(session)
    page = login(onthaal).get(f"/lac/zitting/{session.pk}/notuleren/?punt={third.pk}")
    assert forms_in(page.content.decode()) == [f"/lac/punt/{third.pk}/advies/"]


def test_htmx_opens_one_dossier_in_place(session, onthaal, login):
    item = items_of(session)[1]

    response = login(onthaal).get(f"/lac/punt/{item.pk}/advies/", **HTMX)

    fragment = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in fragment and fragment.lstrip().startswith(f'<tbody id="punt-{item.pk}"')
    assert f'hx-post="/lac/punt/{item.pk}/advies/"' in fragment
    assert "autofocus" in fragment


def test_htmx_saves_in_place_and_opens_the_next_dossier(session, onthaal, login):
    first, second, third = items_of(session)

    response = login(onthaal).post(
        f"/lac/punt/{first.pk}/advies/",
        advice_data(first, attendance="aanwezig", advice="afbetalingsplan", unanimous="ja"),
        **HTMX,
    )

    assert response.status_code == 200
    fragment = response.content.decode()
    first.refresh_from_db()
    recorded = (first.attendance, first.advice, first.unanimous)
    assert recorded == ("aanwezig", "afbetalingsplan", True)
    saved = re.search(rf'<tbody id="punt-{first.pk}".*?</tbody>', fragment, re.DOTALL).group(0)
    # Saved: no advice form any more (the letters' buttons are forms of their own).
    assert "Afbetalingsplan" in saved and 'name="punt' not in saved
    # Out of band: the progress and the next dossier's form.
    assert 'id="notuleren-stand" hx-swap-oob="true"' in fragment
    assert "1 van 3 dossiers genoteerd" in fragment
    assert f'<tbody id="punt-{second.pk}" hx-swap-oob="true"' in fragment
    assert f'hx-post="/lac/punt/{second.pk}/advies/"' in fragment


def test_htmx_shows_the_errors_in_place_and_saves_nothing(session, onthaal, login):
    item = items_of(session)[0]

    response = login(onthaal).post(
        f"/lac/punt/{item.pk}/advies/",
        advice_data(item, attendance="vertegenwoordigd", advice="uitstel"),
        **HTMX,
    )

    fragment = response.content.decode()
    assert response.status_code == 200
    assert "Zeg door wie de cliënt vertegenwoordigd was." in fragment
    assert 'role="alert"' in fragment
    item.refresh_from_db()
    assert item.advice == ""


def test_without_javascript_the_form_posts_and_redirects(session, onthaal, login):
    item = items_of(session)[0]
    response = login(onthaal).post(
        f"/lac/punt/{item.pk}/advies/", advice_data(item, attendance="afwezig", advice="uitstel")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/lac/zitting/{session.pk}/notuleren/#punt-{item.pk}"
    assert AgendaItem.objects.get(pk=item.pk).advice == "uitstel"


def test_a_closed_session_shows_rows_with_a_correction_link_and_no_form(session, onthaal, login):
    for item in items_of(session):
        actions.agenda_item_record(item, actor=onthaal, attendance="afwezig", advice="uitstel")
    actions.session_close(session, actor=onthaal)
    page = login(onthaal).get(f"/lac/zitting/{session.pk}/notuleren/").content.decode()
    assert forms_in(page) == []
    assert page.count("/correctie/") == 3


def test_the_record_page_costs_the_same_queries_for_more_dossiers(
    session, onthaal, login, django_assert_max_num_queries
):
    client = login(onthaal)
    client.get(f"/lac/zitting/{session.pk}/notuleren/")
    with django_assert_max_num_queries(40) as small:
        client.get(f"/lac/zitting/{session.pk}/notuleren/")
    for _n in range(6):
        AgendaItemFactory(session=session)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/lac/zitting/{session.pk}/notuleren/")
