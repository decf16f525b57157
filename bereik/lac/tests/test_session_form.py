"""The session form: correcting a closed session, and a warning for a day the OCMW does not work."""

import datetime

import pytest

from bereik.lac import actions
from bereik.lac.models import Correction, LacPerson, Session
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.organisation.models import Company


@pytest.fixture
def closed(onthaal, db):
    """A session held yesterday (26/11), advice recorded and closed."""
    session = SessionFactory(date=datetime.date(2026, 11, 26))
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, attendance="afwezig", advice="uitstel")
    return actions.session_close(session, actor=onthaal)


def correction_data(session, **changes) -> dict:
    data = {
        "date": session.date.isoformat(),
        "time": "",
        "place": session.place,
        "notes": "",
        "reason": "",
    }
    data.update(changes)
    return data


def test_a_closed_session_opens_its_correction_form(closed, onthaal, login):
    response = login(onthaal).get(f"/lac/zitting/{closed.pk}/wijzigen/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zitting corrigeren" in page and "Reden van de correctie" in page


def test_a_closed_session_date_and_member_are_corrected_with_a_reason(closed, onthaal, login):
    chair = LacPersonFactory(name="Paul Ondervoorzitter", function=LacPerson.Function.CHAIR)
    client = login(onthaal)

    response = client.post(
        f"/lac/zitting/{closed.pk}/wijzigen/",
        correction_data(
            closed, date="2026-11-25", chair=chair.pk, reason="Verkeerde dag in de agenda gezet"
        ),
    )

    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.date == datetime.date(2026, 11, 25) and closed.chair == chair
    assert closed.is_closed
    corrections = {c.field: c for c in Correction.objects.filter(session=closed, item=None)}
    assert set(corrections) == {"date", "chair"}
    assert (corrections["date"].old_value, corrections["date"].new_value) == (
        "26/11/2026",
        "25/11/2026",
    )
    assert corrections["chair"].reason == "Verkeerde dag in de agenda gezet"


def test_a_correction_without_a_reason_is_refused_in_dutch(closed, onthaal, login):
    response = login(onthaal).post(
        f"/lac/zitting/{closed.pk}/wijzigen/", correction_data(closed, date="2026-11-25")
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    closed.refresh_from_db()
    assert closed.date == datetime.date(2026, 11, 26)
    assert not Correction.objects.exists()


def test_a_correction_keeps_the_representative_to_the_sessions_company(closed, onthaal, login):
    fluvius_rep = LacPersonFactory(
        function=LacPerson.Function.COMPANY, company=Company.objects.get(name="Fluvius")
    )
    response = login(onthaal).post(
        f"/lac/zitting/{closed.pk}/wijzigen/",
        correction_data(closed, company_representative=fluvius_rep.pk, reason="Vervanging"),
    )
    assert response.status_code == 200
    assert "Deze vertegenwoordiger hoort bij Fluvius." in response.content.decode()
    assert Session.objects.get(pk=closed.pk).company_representative is None


# --- a day the OCMW does not work: a warning, not a refusal ----------------------------------


def new_session_data(date: str) -> dict:
    return {
        "kind": Session.Kind.WATER,
        "company": Company.objects.get(name="De Watergroep").pk,
        "date": date,
        "time": "14:00",
        "place": "Raadzaal",
    }


@pytest.mark.parametrize(
    ("date", "warning"),
    [
        ("2026-12-12", "zaterdag 12/12/2026 is geen werkdag. Klopt de datum?"),
        ("2026-12-13", "zondag 13/12/2026 is geen werkdag. Klopt de datum?"),
        ("2026-12-25", "vrijdag 25/12/2026 is een feestdag (Kerstmis). Klopt de datum?"),
    ],
)
def test_a_session_on_a_day_off_is_saved_with_a_warning(date, warning, onthaal, login, db):
    response = login(onthaal).post("/lac/zitting/nieuw/", new_session_data(date), follow=True)

    session = Session.objects.get()
    assert session.date == datetime.date.fromisoformat(date)
    assert response.redirect_chain[-1][0] == f"/lac/zitting/{session.pk}/"
    assert warning in response.content.decode()


def test_a_session_on_a_working_day_gets_no_warning(onthaal, login, db):
    response = login(onthaal).post(
        "/lac/zitting/nieuw/", new_session_data("2026-12-17"), follow=True
    )
    assert Session.objects.exists()
    assert "Klopt de datum?" not in response.content.decode()


def test_the_form_warns_as_soon_as_a_day_off_is_chosen(onthaal, login, db):
    client = login(onthaal)
    form = client.get("/lac/zitting/nieuw/").content.decode()
    assert 'hx-get="/lac/zitting/dag/"' in form and 'id="datum-waarschuwing"' in form

    holiday = client.get("/lac/zitting/dag/", {"date": "2026-12-25"}, HTTP_HX_REQUEST="true")
    workday = client.get("/lac/zitting/dag/", {"date": "2026-12-17"}, HTTP_HX_REQUEST="true")
    garbage = client.get("/lac/zitting/dag/", {"date": "morgen"}, HTTP_HX_REQUEST="true")

    assert "feestdag (Kerstmis)" in holiday.content.decode()
    assert "<html" not in holiday.content.decode()
    assert workday.status_code == garbage.status_code == 200
    assert "Klopt de datum?" not in workday.content.decode() + garbage.content.decode()


def test_the_form_shown_again_with_errors_keeps_the_warning(onthaal, login, db):
    data = new_session_data("2026-12-26")
    data["company"] = ""
    response = login(onthaal).post("/lac/zitting/nieuw/", data)
    assert response.status_code == 200
    assert "zaterdag 26/12/2026 is geen werkdag" in response.content.decode()
    assert not Session.objects.exists()


def test_a_correction_to_a_day_off_is_kept_with_a_warning(closed, onthaal, login):
    response = login(onthaal).post(
        f"/lac/zitting/{closed.pk}/wijzigen/",
        correction_data(closed, date="2026-11-11", reason="Typfout"),
        follow=True,
    )
    assert "woensdag 11/11/2026 is een feestdag (Wapenstilstand)" in response.content.decode()
    closed.refresh_from_db()
    assert closed.date == datetime.date(2026, 11, 11)
