import datetime
import shutil
import subprocess
from types import SimpleNamespace

import pytest

from bereik.accounts.models import Notification
from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.outreach import actions, queries, route_sheet
from bereik.outreach.models import ContactAttempt, PlannedVisit

D = datetime.date
UNANNOUNCED = ContactAttempt.Kind.UNANNOUNCED_VISIT


def test_house_numbers_sort_as_numbers():
    numbers = ["10", "2", "10A", "1", "bis", "12", "10b"]
    assert sorted(numbers, key=route_sheet.house_number_key) == [
        "1",
        "2",
        "10",
        "10A",
        "10b",
        "12",
        "bis",
    ]


def test_addresses_sort_by_postcode_then_street_then_number():
    addresses = [
        ("3800", "Stationsstraat", "4", ""),
        ("3800", "kerkstraat", "12", ""),
        ("3803", "Aalstraat", "1", ""),
        ("3800", "Kerkstraat", "3", "2"),
        ("3800", "Kerkstraat", "3", "10"),
        ("3800", "Éikenlaan", "9", ""),
    ]
    ordered = sorted(addresses, key=lambda a: route_sheet.address_key(*a))
    assert ordered == [
        ("3800", "Éikenlaan", "9", ""),
        ("3800", "Kerkstraat", "3", "2"),
        ("3800", "Kerkstraat", "3", "10"),
        ("3800", "kerkstraat", "12", ""),
        ("3800", "Stationsstraat", "4", ""),
        ("3803", "Aalstraat", "1", ""),
    ]


def test_the_villages_that_share_a_postcode_stay_together():
    addresses = [
        ("3800", "Plankstraat", "9", "", "Brustem"),
        ("3800", "Minderbroedersstraat", "103", "", "Sint-Truiden"),
        ("3800", "Plankstraat", "36", "", "Brustem"),
        ("3800", "Kerkstraat", "2", "", "Zepperen"),
        ("3800", "Tiensesteenweg", "64", "", "Sint-Truiden"),
        ("3800", "Bergstraat", "5", "", "Brustem"),
    ]
    ordered = sorted(addresses, key=lambda a: route_sheet.address_key(*a[:4], city=a[4]))
    assert [(a[4], a[1], a[2]) for a in ordered] == [
        ("Brustem", "Bergstraat", "5"),
        ("Brustem", "Plankstraat", "9"),
        ("Brustem", "Plankstraat", "36"),
        ("Sint-Truiden", "Minderbroedersstraat", "103"),
        ("Sint-Truiden", "Tiensesteenweg", "64"),
        ("Zepperen", "Kerkstraat", "2"),
    ]
    visits = [
        SimpleNamespace(
            pk=n,
            dossier=SimpleNamespace(
                postcode=postcode, street=street, house_number=number, box=box, city=city
            ),
        )
        for n, (postcode, street, number, box, city) in enumerate(addresses)
    ]
    assert [v.dossier.city for v in route_sheet.in_address_order(visits)] == [a[4] for a in ordered]


@pytest.fixture
def day_of_visits(frozen_today, preventiewerker):
    """Four visits today for Pieter, planned in no particular order, and one tomorrow."""
    specs = [
        ("Stationsstraat", "4", "3800", "Claes"),
        ("Kerkstraat", "12", "3800", "Maes"),
        ("Aalstraat", "1", "3803", "Wouters"),
        ("Kerkstraat", "3", "3800", "Jacobs"),
    ]
    visits = []
    for street, number, postcode, name in specs:
        dossier = DossierFactory(
            street=street,
            house_number=number,
            postcode=postcode,
            last_name=name,
            first_name="An",
            phone="011 22 33 44",
            insz="93051822361",
            amount_due="120.50",
            deadline=D(2026, 12, 15),
            deadline_kind="lac",
        )
        visits.append(
            actions.visit_plan(
                dossier,
                worker=preventiewerker,
                date=frozen_today,
                part_of_day="voormiddag",
                kind=UNANNOUNCED,
                actor=preventiewerker,
            )
        )
    tomorrow = DossierFactory(last_name="Morgen")
    actions.visit_plan(
        tomorrow,
        worker=preventiewerker,
        date=D(2026, 11, 30),
        part_of_day="namiddag",
        kind=UNANNOUNCED,
        actor=preventiewerker,
    )
    return visits


def test_the_route_sheet_lists_the_days_visits_in_address_order(day_of_visits, preventiewerker):
    html = route_sheet.render_html(
        worker=preventiewerker,
        day=D(2026, 11, 27),
        visits=day_of_visits,
        organisation=Organisation.get(),
    )
    positions = [html.index(name) for name in ("Jacobs", "Maes", "Claes", "Wouters")]
    assert positions == sorted(positions)
    assert "Kerkstraat 3" in html and "011 22 33 44" in html
    assert "De Watergroep" in html and "€ 120,50" in html
    assert "15/12/2026" in html
    assert "93051822361" not in html and "INSZ" not in html  # only what the visit needs


def test_the_route_sheet_is_a_pdf_and_a_logged_read(day_of_visits, preventiewerker, login):
    response = login(preventiewerker).get("/contacten/huisbezoeken/routeblad/?datum=2026-11-27")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    read = AuditEvent.objects.get(kind=AuditEvent.Kind.READ, purpose="routeblad huisbezoeken")
    assert len(read.details["ids"]) == 4  # one event for today's four, not tomorrow's
    assert read.action == "dossier.list" and read.object_type == "dossiers.dossier"


def test_the_route_sheet_only_holds_dossiers_the_viewer_may_see(
    frozen_today, preventiewerker, mw, mw_other, team, login
):
    mine = DossierFactory(last_name="Zichtbaar", assigned_to=mw, team=team["sociale_dienst"])
    other = DossierFactory(last_name="Verborgen")
    for dossier in (mine, other):
        actions.visit_plan(
            dossier,
            worker=mw,
            date=frozen_today,
            part_of_day="voormiddag",
            kind=UNANNOUNCED,
            actor=preventiewerker,
        )
    page = login(mw).get("/contacten/huisbezoeken/").content.decode()
    assert "Zichtbaar" in page and "Verborgen" not in page
    page = login(mw_other).get(f"/contacten/huisbezoeken/?medewerker={mw.pk}").content.decode()
    assert "Zichtbaar" not in page and "Verborgen" not in page
    response = login(mw_other).get(f"/contacten/huisbezoeken/routeblad/?medewerker={mw.pk}")
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, actor=mw_other).exists()


def test_the_day_view_lists_visits_in_address_order_and_the_week_view_the_week(
    day_of_visits, preventiewerker, login, django_assert_max_num_queries
):
    client = login(preventiewerker)
    with django_assert_max_num_queries(12):
        page = client.get("/contacten/huisbezoeken/").content.decode()
    positions = [page.index(name) for name in ("Jacobs", "Maes", "Claes", "Wouters")]
    assert positions == sorted(positions)
    assert "Morgen" not in page
    week = client.get("/contacten/huisbezoeken/?weergave=week&datum=2026-11-30").content.decode()
    assert "Morgen" in week and "Jacobs" not in week  # next week holds only Monday's visit
    week = client.get("/contacten/huisbezoeken/?weergave=week&datum=2026-11-25").content.decode()
    assert "Jacobs" in week and "Morgen" not in week


def test_planning_a_visit_for_a_colleague_notifies_them(
    frozen_today, route_c_dossier, preventiewerker, mw, login
):
    route_c_dossier.deadline_kind = "maatregel"  # a warning letter: no LAC invitation first
    route_c_dossier.save()
    response = login(preventiewerker).post(
        f"/contacten/dossier/{route_c_dossier.pk}/huisbezoek/",
        {
            "kind": UNANNOUNCED,
            "date": "2026-12-01",
            "part_of_day": "namiddag",
            "worker": mw.pk,
            "note": "samen gaan",
        },
    )
    assert response.status_code == 302
    visit = PlannedVisit.objects.get()
    assert (visit.worker, visit.date, visit.part_of_day) == (mw, D(2026, 12, 1), "namiddag")
    assert Notification.objects.filter(user=mw).exists()
    route_c_dossier.refresh_from_db()
    assert route_c_dossier.next_step == "Onaangekondigd huisbezoek"
    assert route_c_dossier.next_step_date == D(2026, 12, 1)


def test_a_visit_in_the_past_cannot_be_planned(
    frozen_today, route_c_dossier, preventiewerker, login
):
    response = login(preventiewerker).post(
        f"/contacten/dossier/{route_c_dossier.pk}/huisbezoek/",
        {
            "kind": UNANNOUNCED,
            "date": "2026-11-20",
            "part_of_day": "namiddag",
            "worker": preventiewerker.pk,
        },
    )
    assert response.status_code == 200
    assert not PlannedVisit.objects.exists()


def test_a_visit_can_be_cancelled_with_a_reason(
    frozen_today, route_c_dossier, preventiewerker, login
):
    visit = actions.visit_plan(
        route_c_dossier,
        worker=preventiewerker,
        date=frozen_today,
        part_of_day="voormiddag",
        kind=UNANNOUNCED,
        actor=preventiewerker,
    )
    response = login(preventiewerker).post(
        f"/contacten/huisbezoek/{visit.pk}/annuleren/", {"reason": "ziek"}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.cancel_reason) == (PlannedVisit.Status.CANCELLED, "ziek")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_route_sheet_pdf_text_is_in_address_order(day_of_visits, preventiewerker, login):
    response = login(preventiewerker).get("/contacten/huisbezoeken/routeblad/?datum=2026-11-27")
    # Fixed arguments; the PDF comes in on stdin.
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    positions = [text.index(name) for name in ("Jacobs", "Maes", "Claes", "Wouters")]
    assert positions == sorted(positions)
    assert "Kerkstraat 3" in text


def test_without_a_phone_on_the_dossier_the_route_sheet_takes_the_registers(
    frozen_today, preventiewerker, login
):
    client_record = ClientFactory(phone="0495 24 71 55")
    dossier = DossierFactory(phone="", client=client_record, last_name="Pauwels")
    actions.visit_plan(
        dossier,
        worker=preventiewerker,
        date=frozen_today,
        part_of_day="voormiddag",
        kind=UNANNOUNCED,
        actor=preventiewerker,
    )
    browser = login(preventiewerker)
    html = route_sheet.render_html(
        worker=preventiewerker,
        day=frozen_today,
        visits=list(actions_visits(preventiewerker, frozen_today)),
        organisation=Organisation.get(),
    )
    assert "Tel. 0495 24 71 55" in html
    page = browser.get("/contacten/huisbezoeken/?datum=2026-11-27").content.decode()
    assert 'href="tel:0495 24 71 55"' in page


def actions_visits(worker, day):
    return queries.visits_of(worker, worker, day, day)


def test_the_visits_page_needs_no_query_per_visit(
    day_of_visits, preventiewerker, login, django_assert_max_num_queries
):
    client = login(preventiewerker)
    client.get("/contacten/huisbezoeken/?datum=2026-11-27")
    with django_assert_max_num_queries(30) as captured:
        client.get("/contacten/huisbezoeken/?datum=2026-11-27")
    baseline = len(captured)
    for name in ("Extra", "Nog"):
        actions.visit_plan(
            # The phone comes from the client register: read with the visits, not per visit.
            DossierFactory(last_name=name, phone="", client=ClientFactory(phone="011 00 00 00")),
            worker=preventiewerker,
            date=D(2026, 11, 27),
            part_of_day="namiddag",
            kind=UNANNOUNCED,
            actor=preventiewerker,
        )
    with django_assert_max_num_queries(baseline):
        client.get("/contacten/huisbezoeken/?datum=2026-11-27")
