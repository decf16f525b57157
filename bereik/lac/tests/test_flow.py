"""The issue's 'done': a secretary creates a session from an imported LAC list, the preparers see
their items, the chair sees what is missing, the session is recorded, letters and minutes are
made, the session is locked and the follow-up tasks appear."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string

from bereik.dossiers.models import Dossier, Signal, Task
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.lac import actions
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.lac.views import documents as document_views
from bereik.lib.documents import docx_text
from bereik.organisation.models import Company

SESSION_DATE = datetime.date(2026, 12, 17)
INSZ = "93051822361"


@pytest.fixture
def imported(db, mw):
    """Two dossiers from an imported De Watergroep list for 17/12, one of Mia's clients."""
    dossiers = [
        DossierFactory(last_name="Peeters", first_name="Jan", insz=INSZ, assigned_to=mw),
        DossierFactory(last_name="Janssens", first_name="An"),
    ]
    for dossier in dossiers:
        SignalFactory(dossier=dossier, kind=Signal.Kind.LAC_WATER, session_date=SESSION_DATE)
    return dossiers


@pytest.fixture
def members(voorzitter, onthaal):
    return {
        "chair": LacPersonFactory(
            name="Vera Maes", function=LacPerson.Function.CHAIR, user=voorzitter
        ),
        "secretary": LacPersonFactory(
            name="Olga Peeters", function=LacPerson.Function.SECRETARY, user=onthaal
        ),
    }


def test_the_secretary_creates_a_session_from_an_imported_list(imported, members, onthaal, login):
    client = login(onthaal)
    watergroep = Company.objects.get(name="De Watergroep")

    response = client.post(
        "/lac/zitting/nieuw/",
        {
            "kind": Session.Kind.WATER,
            "company": watergroep.pk,
            "date": "2026-12-17",
            "time": "14:00",
            "place": "Raadzaal",
            "chair": members["chair"].pk,
            "secretary": members["secretary"].pk,
        },
        follow=True,
    )

    session = Session.objects.get()
    assert response.redirect_chain[-1][0] == f"/lac/zitting/{session.pk}/"
    assert {item.dossier for item in session.items.all()} == set(imported)
    assert "2 dossiers op de agenda gezet" in response.content.decode()


def test_the_fill_button_places_imported_dossiers(imported, onthaal, login):
    response = login(onthaal).post("/lac/agenda-aanvullen/", follow=True)
    assert AgendaItem.objects.count() == 2
    assert "Nieuwe zitting(en) aangemaakt" in response.content.decode()


def test_the_preparer_sees_their_item_on_the_home_page_and_their_list(imported, mw, onthaal, login):
    actions.agenda_fill_from_imports(actor=onthaal)
    client = login(mw)

    home = client.get("/").content.decode()
    assert "Voor te bereiden voor de LAC" in home
    assert "Peeters Jan" in home
    page = client.get("/lac/voorbereiden/").content.decode()
    assert "Peeters Jan" in page and "Janssens An" not in page
    assert "niet bereikt" in page


def test_the_chair_sees_the_overview_with_what_is_missing(
    imported, members, voorzitter, onthaal, login
):
    session = actions.agenda_fill_from_imports(actor=onthaal).placed[0].session
    actions.session_update(session, chair=members["chair"], actor=onthaal)
    client = login(voorzitter)

    page = client.get(f"/lac/zitting/{session.pk}/").content.decode()
    assert "Peeters Jan" in page and "Janssens An" in page
    assert "2 met ontbrekende stukken" in page
    # Each missing piece is named in its column: not reached, proposal, rights, report.
    assert page.count(">niet bereikt<") == 2
    assert page.count(">ontbreekt<") == 6
    assert INSZ not in page and "93.05.18" not in page
    home = client.get("/").content.decode()
    assert "Volgende LAC-zitting" in home


def test_the_overview_pdf_holds_no_insz(imported, onthaal, login, monkeypatch):
    session = actions.agenda_fill_from_imports(actor=onthaal).placed[0].session
    rendered = {}

    def fake_render_pdf(template, context):
        rendered["html"] = render_to_string(template, context)
        return b"%PDF-fake"

    monkeypatch.setattr(document_views, "render_pdf", fake_render_pdf)
    response = login(onthaal).get(f"/lac/zitting/{session.pk}/voorbereiding.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert "Peeters Jan" in rendered["html"]
    assert INSZ not in rendered["html"]


def test_the_session_is_recorded_closed_and_documented(
    imported, members, onthaal, mw, login, request
):
    session = actions.agenda_fill_from_imports(actor=onthaal).placed[0].session
    actions.session_update(
        session, chair=members["chair"], secretary=members["secretary"], actor=onthaal
    )
    plan_item, other = session.items.order_by("position")
    # On the session's day, the secretary records the attendance and the advice.
    traveller = time_machine.travel(datetime.datetime(2026, 12, 17, 16, 0, tzinfo=datetime.UTC))
    traveller.start()
    request.addfinalizer(traveller.stop)
    client = login(onthaal)

    response = client.post(
        f"/lac/punt/{plan_item.pk}/advies/",
        {
            f"punt{plan_item.pk}-attendance": AgendaItem.Attendance.REPRESENTED,
            f"punt{plan_item.pk}-representative_kind": AgendaItem.Representative.FAMILY,
            f"punt{plan_item.pk}-representative_name": "Dochter Lien",
            f"punt{plan_item.pk}-advice": AgendaItem.Advice.PLAN,
            f"punt{plan_item.pk}-conditional": "on",
            f"punt{plan_item.pk}-conditions": "Elke maand € 40.",
            f"punt{plan_item.pk}-condition_deadline": "2027-01-31",
            f"punt{plan_item.pk}-unanimous": "nee",
        },
    )
    assert response.status_code == 302
    client.post(
        f"/lac/punt/{other.pk}/advies/",
        {
            f"punt{other.pk}-attendance": AgendaItem.Attendance.ABSENT,
            f"punt{other.pk}-advice": "uitstel",
        },
    )

    letters = client.post(f"/lac/zitting/{session.pk}/brieven/klant/")
    assert letters["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(letters.content)
    assert "Jan Peeters" in text and "An Janssens" in text
    assert "Dochter Lien" in text
    assert "niet unaniem" in text
    assert INSZ not in text
    company_letter = docx_text(client.post(f"/lac/punt/{plan_item.pk}/brief/maatschappij/").content)
    assert (
        "De Watergroep" in company_letter and "mag u de levering niet afsluiten" in company_letter
    )
    assert plan_item.dossier.letters.count() == 2

    minutes = client.get(f"/lac/zitting/{session.pk}/verslag.pdf")
    assert minutes.content.startswith(b"%PDF")

    response = client.post(f"/lac/zitting/{session.pk}/afsluiten/")
    session.refresh_from_db()
    assert session.is_closed
    tasks = Task.objects.filter(dossier=plan_item.dossier)
    assert tasks.count() == 4
    assert set(tasks.values_list("assignee", flat=True)) == {mw.pk}


def test_the_session_page_costs_the_same_queries_for_more_dossiers(
    onthaal, login, django_assert_max_num_queries
):
    session = SessionFactory()
    for _n in range(3):
        AgendaItemFactory(session=session)
    client = login(onthaal)
    client.get(f"/lac/zitting/{session.pk}/")  # warm up caches (organisation, roles)
    with django_assert_max_num_queries(30) as small:
        client.get(f"/lac/zitting/{session.pk}/")
    for _n in range(6):
        AgendaItemFactory(session=session)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/lac/zitting/{session.pk}/")


def test_the_session_list_costs_the_same_queries_for_more_sessions(
    onthaal, login, django_assert_max_num_queries
):
    for day in (datetime.date(2026, 12, 3), datetime.date(2026, 11, 3)):
        AgendaItemFactory(session=SessionFactory(date=day))
    client = login(onthaal)
    client.get("/lac/")
    with django_assert_max_num_queries(30) as small:
        client.get("/lac/")
    for day in (
        datetime.date(2026, 12, 10),
        datetime.date(2026, 11, 10),
        datetime.date(2026, 10, 1),
    ):
        AgendaItemFactory(session=SessionFactory(date=day))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/lac/")


def test_the_dossier_page_shows_its_lac_session(onthaal, login, db):
    item = AgendaItemFactory(session=SessionFactory(date=SESSION_DATE))
    page = login(onthaal).get(item.dossier.get_absolute_url()).content.decode()
    assert "17/12/2026" in page


def test_the_dossier_page_names_a_route_a_preparer_reading_the_client_once(
    onthaal, mw, mw_other, login, db
):
    """Route A: the client's own social worker prepares, though another worker follows the
    dossier up. The page reads the client and its worker with the dossier; the section reads
    the agenda through the page's dossier (no join to it), and no client again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.clients.tests.factories import ClientFactory

    dossier = DossierFactory(
        assigned_to=mw_other, route=Dossier.Route.A, client=ClientFactory(social_worker=mw)
    )
    AgendaItemFactory(session=SessionFactory(date=SESSION_DATE), dossier=dossier, preparer=None)
    client = login(onthaal)
    client.get(dossier.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        page = client.get(dossier.get_absolute_url()).content.decode()
    assert f"Voorbereider: {mw.get_full_name()}" in page
    sqls = [q["sql"].split(" WHERE ")[0] for q in captured.captured_queries]
    items = [sql for sql in sqls if 'FROM "lac_agendaitem"' in sql]
    assert items and not [sql for sql in items if '"dossiers_dossier"' in sql]
    # (Whether the user may see the client follows from the dossier: `access.can_view_client_of`.)
    clients = [sql for sql in sqls if sql.partition(" FROM ")[2].startswith('"clients_client"')]
    assert clients == []
    # Nor the client's worker, one by one.
    assert not [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].partition(" FROM ")[2].startswith('"accounts_user"')
        and f'"accounts_user"."id" = {mw.pk} ' in q["sql"]
    ]


def test_a_planner_puts_a_dossier_on_an_agenda_from_the_dossier_page(onthaal, mw, login, db):
    session = SessionFactory(date=SESSION_DATE)
    dossier = DossierFactory(assigned_to=mw)
    client = login(onthaal)
    assert "Op de agenda zetten" in client.get(dossier.get_absolute_url()).content.decode()

    response = client.post(f"/lac/dossier/{dossier.pk}/agenda/", {"session": session.pk})

    assert response.status_code == 302
    assert AgendaItem.objects.get().session == session
    assert (
        login(mw).post(f"/lac/dossier/{dossier.pk}/agenda/", {"session": session.pk}).status_code
        == 404
    )
