"""The Cijfers page as its readers use it: who gets which figures, the links behind the numbers,
small numbers, the worker breakdown as an audited read, and a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.accounts.models import Role
from bereik.audit.models import AuditEvent
from bereik.conftest import make_user
from bereik.dossiers.models import Dossier
from bereik.followup import actions as followup
from bereik.followup.tests.factories import ProposalFactory, outcome
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.outreach import actions as outreach
from bereik.reports.scope import PARTS
from bereik.reports.tests.conftest import dossier

D = datetime.date
URL = reverse("reports:index")


def test_the_diensthoofd_reaches_the_figures_from_his_home_in_one_click(login, diensthoofd):
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3))
    dossier(D(2026, 2, 2))
    dossier(D(2025, 2, 2), reached=D(2025, 2, 3))
    client = login(diensthoofd)

    home = client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' in home  # in the menu and in the panel
    assert "Bereik dit jaar" in home and "50,0" in home and "1 van de 2 huishoudens" in home

    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Cijfers: 2026 (tot en met 27 november 2026)" in html
    assert "50,0\u00a0%" in html and "100,0\u00a0%" in html  # this year and the year earlier
    assert 'role="img"' in html and "Bereikgraad per maand" in html
    assert "Wat telt hoe?" in html


def test_the_home_panel_counts_once_in_a_few_minutes_and_says_when(login, diensthoofd):
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3))
    client = login(diensthoofd)
    first = client.get(reverse("home")).content.decode()
    assert "1 van de 1 huishoudens" in first and "Geteld om " in first
    dossier(D(2026, 2, 2))

    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("home")).content.decode()
    assert "1 van de 1 huishoudens" in again  # kept, not counted again
    assert not [q for q in queries if "reached_on" in q["sql"] and "COUNT" in q["sql"]]
    assert "50,0\u00a0%" in client.get(URL).content.decode()  # the figures page counts afresh

    cache.clear()  # as after five minutes
    assert "1 van de 2 huishoudens" in client.get(reverse("home")).content.decode()


def test_a_preventiewerker_sees_her_own_figures(login, preventiewerker, mw):
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3), assigned_to=preventiewerker)
    dossier(D(2026, 2, 2), assigned_to=mw)

    page = login(preventiewerker).get(URL)

    summary = page.context["figures"].summary
    assert (summary["opened"].current, summary["reached"].current) == (1, 1)
    assert summary["opened"].urls[0].startswith(reverse("dossiers:worklist", args=["mijn"]))
    assert "Toon de cijfers per medewerker" not in page.content.decode()


def test_the_lac_chair_sees_the_lac_part_of_her_sessions_only(login, voorzitter):
    chair = LacPersonFactory(user=voorzitter)
    hers = SessionFactory(date=D(2026, 5, 5), chair=chair)
    AgendaItemFactory(session=hers, attendance="aanwezig", advice="afbetalingsplan")
    AgendaItemFactory(session=SessionFactory(date=D(2026, 5, 6)), attendance="afwezig")

    page = login(voorzitter).get(URL)

    figures = page.context["figures"]
    assert set(figures.tables) == {
        "lac_zittingen",
        "lac_aanwezigheid",
        "lac_advies",
        "lac_beslissing",
    }
    assert not figures.summary
    sessions = figures.tables["lac_zittingen"].rows[0].cells[0]
    assert (sessions.current, sessions.urls) == (1, (None, None))  # no worklist behind it


def test_others_get_no_figures(login, mw, onthaal, client):
    assert login(mw).get(URL).status_code == 404
    assert login(onthaal).get(URL).status_code == 404
    assert 'href="/cijfers/"' not in login(mw).get(reverse("home")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_beheerder_sees_every_figure_without_lists(login, beheerder):
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3))

    page = login(beheerder).get(URL)

    opened = page.context["figures"].summary["opened"]
    assert opened.current == 1 and opened.urls == (None, None)


def test_the_worker_breakdown_is_an_audited_read(login, diensthoofd, preventiewerker):
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3), assigned_to=preventiewerker)
    client = login(diensthoofd)

    client.get(URL)
    assert not AuditEvent.objects.filter(action="reports.workers").exists()

    page = client.get(URL, {"periode": "jaar", "jaar": 2026, "per": "medewerker"})

    assert "Pieter Test" in page.content.decode()
    event = AuditEvent.objects.get(action="reports.workers")
    assert (event.actor, event.kind) == (diensthoofd, AuditEvent.Kind.READ)
    assert event.details == {"from": "2026-01-01", "to": "2026-11-27"}


def test_only_the_beheerder_and_the_diensthoofd_see_small_numbers(login, diensthoofd, team):
    pieter = make_user("piet", [Role.Code.PREVENTIEWERKER], ["onthaalteam"])
    for _n in range(6):
        dossier(D(2026, 2, 2), reached=D(2026, 2, 3), route="C", assigned_to=pieter)
    for _n in range(2):
        dossier(D(2026, 2, 2), route="A", assigned_to=pieter)

    def route_a(user):
        table = login(user).get(URL).context["figures"].tables["bereik_route"]
        return next(row for row in table.rows if row.key == "A")

    shown = route_a(diensthoofd)
    assert shown.cells[0].masked == (False, False) and shown.cells[0].current == 2
    masked = route_a(pieter)
    assert masked.cells[0].masked[0] and masked.cells[4].masked[0]  # the count and its rate
    assert masked.cells[0].urls[0] is None
    html = login(pieter).get(URL).content.decode()
    assert "&lt; 5" in html


def test_every_number_lists_its_dossiers(login, diensthoofd, preventiewerker, team):
    deadline = D(2026, 2, 9)
    one = dossier(D(2026, 2, 2), reached=D(2026, 2, 3), deadline=deadline, route="A",
                  status=Dossier.Status.REACHED, assigned_to=preventiewerker)  # fmt: skip
    dossier(D(2026, 3, 2), route="C", company=None, team=team["onthaalteam"])
    dossier(D(2026, 3, 2), status=Dossier.Status.CLOSED, outcome="verhuisd", kind="energie")
    dossier(D(2025, 3, 2), reached=D(2025, 3, 9))
    outreach.attempt_record(
        one, kind="telefoon", date=D(2026, 2, 3), part_of_day="voormiddag", result="bereikt",
        performed_by=preventiewerker, actor=preventiewerker,
    )  # fmt: skip
    outreach.brochure_hand_over_once(one, date=D(2026, 2, 3), actor=preventiewerker)
    ProposalFactory(dossier=one, start_date=D(2026, 3, 1), author=preventiewerker)
    one.support_requests.create(amount=10, purpose="x", created_by=preventiewerker)
    one.water_scans.create(requested_by=preventiewerker)
    followup.dossier_close(one, outcome=outcome("afsluiting_vermeden"), actor=preventiewerker)
    followup.dossier_reopen(one, reason="Opnieuw", actor=preventiewerker)
    AgendaItemFactory(dossier=one, session__date=D(2026, 2, 10), attendance="aanwezig",
                      advice="afbetalingsplan", unanimous=True)  # fmt: skip
    client = login(diensthoofd)
    cells = []
    for part in PARTS:
        params = {"periode": "jaar", "jaar": 2026, "per": "medewerker", "deel": part}
        figures = client.get(URL, params).context["figures"]
        cells += [c for table in figures.tables.values() for row in table.rows for c in row.cells]
        cells += list(figures.summary.values()) + list(figures.notes.values())
        cells += [durations.measured for durations in figures.durations.values()]

    counted = listed_any = 0
    for cell in cells:
        if cell.links is None:
            continue
        for url, value in zip(cell.urls, cell.values(), strict=True):
            assert url, cell
            listed = client.get(url).context["page"].paginator.count
            if cell.dossiers:  # a count of dossiers: exactly those
                assert listed == value, (url, value, listed)
                counted += 1
            else:  # attempts, letters, requests, agenda items: the dossiers they are in
                assert (listed > 0) == (value > 0) and listed <= value, (url, value, listed)
                listed_any += 1
    assert counted > 60 and listed_any > 40


@pytest.mark.parametrize(
    "params", [{}, {"per": "medewerker"}, *({"deel": part} for part in PARTS[1:])]
)
def test_each_part_costs_the_same_queries_whatever_the_data(
    login, diensthoofd, preventiewerker, params, django_assert_num_queries
):
    client = login(diensthoofd)
    dossier(D(2026, 2, 2), reached=D(2026, 2, 3), assigned_to=preventiewerker)
    client.get(URL, params)  # warm the caches (session, organisation)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    for day in range(1, 28):
        dossier(D(2026, 3, day), reached=D(2026, 3, 28), assigned_to=preventiewerker, route="B")
        dossier(D(2025, 4, day), kind=Dossier.Kind.ENERGIE)
        AgendaItemFactory(session__date=D(2026, 5, day), attendance="aanwezig")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL, params)


def test_a_period_of_choice_and_a_wrong_one(login, diensthoofd):
    client = login(diensthoofd)

    page = client.get(URL, {"periode": "kwartaal", "jaar": 2026, "kwartaal": 2})
    assert page.context["figures"].period.label == "tweede kwartaal 2026"
    page = client.get(URL, {"periode": "maand", "jaar": 2025, "maand": 2})
    assert page.context["figures"].period.label == "februari 2025"
    page = client.get(URL, {"periode": "vrij", "van": "01/03/2026", "tot": "15/03/2026"})
    assert page.context["figures"].period.label == "1 maart 2026 tot en met 15 maart 2026"

    page = client.get(URL, {"periode": "vrij", "van": "15/03/2026", "tot": "01/03/2026"})
    assert page.status_code == 200
    assert "De laatste dag valt vóór de eerste." in page.content.decode()
    assert page.context["figures"].period.label.startswith("2026")
    assert client.get(URL, {"periode": "maand", "jaar": "x", "maand": "99"}).status_code == 200


def test_each_part_is_its_own_page_with_the_same_period(login, diensthoofd):
    client = login(diensthoofd)

    page = client.get(URL, {"periode": "maand", "jaar": 2026, "maand": 3, "deel": "lac"})

    html = page.content.decode()
    assert set(page.context["figures"].tables) == {
        "lac_zittingen", "lac_aanwezigheid", "lac_advies", "lac_beslissing"
    }  # fmt: skip
    assert (
        'aria-current="page" href="?periode=maand&amp;jaar=2026&amp;maand=3&amp;deel=lac"' in html
    )
    assert 'href="?periode=maand&amp;jaar=2026&amp;maand=3&amp;deel=hulp"' in html
    assert '<input type="hidden" name="deel" value="lac">' in html
    assert client.get(URL, {"deel": "onzin"}).context["part"] == "bereik"
    only_a_part = client.get(URL, {"deel": "hulp"})  # no period chosen: this year, no error
    assert not only_a_part.context["form"].errors
    assert "Dit veld is verplicht" not in only_a_part.content.decode()
