import datetime
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import paging
from bereik.organisation.models import Company, Organisation
from bereik.triage.actions import matching
from bereik.triage.models import Triage

TODAY = timezone.localdate()


def url(key, **params):
    base = reverse("dossiers:worklist", args=[key])
    return f"{base}?{urlencode(params)}" if params else base


def numbers(response):
    return [d.number for d in response.context["page"].object_list]


def test_my_dossiers_are_sorted_by_deadline_with_a_warning(login, mw):
    late = DossierFactory(assigned_to=mw, deadline=TODAY + datetime.timedelta(days=20))
    near = DossierFactory(assigned_to=mw, deadline=TODAY + datetime.timedelta(days=2))
    reached = DossierFactory(
        assigned_to=mw, deadline=TODAY + datetime.timedelta(days=3), reached_on=TODAY
    )
    none = DossierFactory(assigned_to=mw)
    DossierFactory(assigned_to=mw, status=Dossier.Status.CLOSED)

    response = login(mw).get(url("mijn"))

    assert numbers(response) == [near.number, reached.number, late.number, none.number]
    html = response.content.decode()
    assert html.count('text-bg-danger">Termijn nadert, niet bereikt<') == 1
    assert "nog 2 dagen" in html


def test_a_worker_outside_a_dossier_gets_no_page_no_row_no_search_no_export(
    login, mw, mw_other, team
):
    hidden = DossierFactory(
        assigned_to=mw_other, team=team["trajectbegeleiding"], last_name="Verborgen"
    )
    DossierFactory(assigned_to=mw, last_name="Zichtbaar")
    client = login(mw)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for key in ("mijn", "team", "alle"):
        assert hidden.number not in numbers(client.get(url(key)))
    assert numbers(client.get(url("alle", q="Verborgen", status="alle"))) == []
    export = b"".join(client.get(reverse("dossiers:worklist_export", args=["alle", "csv"])))
    assert b"Zichtbaar" in export and b"Verborgen" not in export
    assert (
        b"Verborgen"
        not in client.get(reverse("dossiers:worklist_export", args=["alle", "xlsx"])).content
    )


def test_the_ervaringsdeskundige_has_no_worklist(login, ervaringsdeskundige):
    DossierFactory()
    assert login(ervaringsdeskundige).get(url("alle")).status_code == 404


def test_triage_lists_are_for_the_triage_roles(login, mw, preventiewerker):
    assert login(mw).get(url("te-trieren")).status_code == 404
    assert login(mw).get(url("te-bevestigen")).status_code == 404
    assert login(preventiewerker).get(url("te-trieren")).status_code == 200


def test_the_filters_narrow_the_list(login, preventiewerker, mw):
    water = DossierFactory(kind=Dossier.Kind.WATER, route="A", assigned_to=mw)
    energy = DossierFactory(
        kind=Dossier.Kind.ENERGIE, company=Company.objects.get(name="Fluvius"), route="C"
    )
    overdue = DossierFactory(deadline=TODAY - datetime.timedelta(days=1), route="C")
    client = login(preventiewerker)

    assert numbers(client.get(url("alle", kind="energie"))) == [energy.number]
    assert numbers(client.get(url("alle", route="A"))) == [water.number]
    assert numbers(client.get(url("alle", worker=mw.pk))) == [water.number]
    assert set(numbers(client.get(url("alle", worker="geen")))) == {energy.number, overdue.number}
    assert numbers(client.get(url("alle", deadline="verlopen"))) == [overdue.number]
    fluvius = Company.objects.get(name="Fluvius").pk
    assert numbers(client.get(url("alle", company=fluvius))) == [energy.number]
    assert numbers(client.get(url("alle", q=water.customer_number))) == [water.number]


def test_a_bad_filter_value_is_ignored(login, preventiewerker):
    dossier = DossierFactory()
    response = login(preventiewerker).get(url("alle", kind="onzin", per_page="7"))
    assert numbers(response) == [dossier.number]


def test_te_trieren_and_te_bevestigen(login, preventiewerker):
    ClientFactory(last_name="Claes", first_name="Mehmet", street="Kerkstraat", house_number="51")
    queued = DossierFactory(last_name="Claes", first_name="Mehmet", street="Molenstraat")
    untriaged = DossierFactory(last_name="Nog", first_name="Niet")
    matching.match_dossiers([queued.pk], preventiewerker)
    client = login(preventiewerker)

    assert numbers(client.get(url("te-trieren"))) == [untriaged.number]
    response = client.get(url("te-bevestigen"))
    assert numbers(response) == [queued.number]
    html = response.content.decode()
    assert "Dit is de cliënt" in html and "Kerkstraat 51" in html


@pytest.mark.parametrize("key", ["alle", "te-bevestigen"])
def test_a_page_costs_the_same_queries_whatever_its_size(
    login, preventiewerker, mw, team, key, django_assert_num_queries
):
    client = login(preventiewerker)

    def make(count):
        for i in range(count):
            record = ClientFactory(
                last_name=f"Naam{i}", first_name="Piet", street="Kerkstraat", house_number="9"
            )
            dossier = DossierFactory(
                assigned_to=mw,
                team=team["sociale_dienst"],
                client=None,
                last_name=f"Naam{i}",
                first_name="Piet",
                street="Kerkstraat",
                house_number="99",
                deadline=TODAY,
            )
            triage = Triage.objects.create(
                dossier=dossier, match_status=Triage.MatchStatus.TO_CONFIRM
            )
            triage.candidates.create(client=record, score=80, details={})

    make(2)
    client.get(url(key))  # warm caches (organisation settings, session)
    Organisation.warning_days()
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url(key, per_page=100)).context["page"].object_list) == 2
    make(40)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(url(key, per_page=100)).context["page"].object_list) == 42


def test_the_list_is_paginated(login, preventiewerker):
    for _ in range(30):
        DossierFactory()
    response = login(preventiewerker).get(url("alle"))
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.num_pages == 2
    assert "pagina=2" in response.content.decode()


def test_bulk_reassignment_from_a_list(login, preventiewerker, mw, mw_other):
    chosen = [DossierFactory(assigned_to=mw) for _ in range(2)]
    other = DossierFactory(assigned_to=mw)

    response = login(preventiewerker).post(
        reverse("triage:bulk_assign"),
        {
            "dossiers": [d.pk for d in chosen],
            "worker": mw_other.pk,
            "reason": "Mia met verlof",
            "next": url("mijn"),
        },
    )

    assert response.status_code == 302
    assert set(Dossier.objects.filter(assigned_to=mw_other)) == set(chosen)
    other.refresh_from_db()
    assert other.assigned_to == mw


def test_bulk_reassignment_is_refused_without_the_right(login, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw)
    response = login(mw).post(
        reverse("triage:bulk_assign"),
        {"dossiers": [dossier.pk], "worker": mw_other.pk, "reason": "x"},
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.assigned_to == mw


def test_bulk_reassignment_needs_a_reason(login, preventiewerker, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw)
    login(preventiewerker).post(
        reverse("triage:bulk_assign"),
        {"dossiers": [dossier.pk], "worker": mw_other.pk, "reason": ""},
    )
    dossier.refresh_from_db()
    assert dossier.assigned_to == mw


# --- export ---------------------------------------------------------------------------------


def test_the_csv_export_has_the_documented_columns_and_escapes_formulas(login, preventiewerker, mw):
    client_record = ClientFactory(client_number="C10001")
    DossierFactory(
        number="2026-000007",
        last_name='=HYPERLINK("http://x")',
        customer_number="+123",
        client=client_record,
        route="A",
        assigned_to=mw,
        deadline=datetime.date(2026, 12, 8),
    )

    response = login(preventiewerker).get(reverse("dossiers:worklist_export", args=["alle", "csv"]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.split(";")[:5] == [
        "Dossiernummer", "Soort", "Maatschappij", "Klantnummer", "Cliëntnummer",
    ]  # fmt: skip
    for column in ("Route", "Toegewezen aan", "Status", "Termijn"):
        assert column in header.split(";")
    cells = row.split(";")
    assert cells[:5] == ["2026-000007", "Water", "De Watergroep", "'+123", "C10001"]
    assert "'=HYPERLINK" in row
    assert "08/12/2026" in cells
    assert response["Content-Disposition"].startswith("attachment;")
    event = AuditEvent.objects.get(action="dossiers.export")
    assert event.actor == preventiewerker and event.details["rows"] == 1
    assert event.details["ids"] == list(Dossier.objects.values_list("pk", flat=True))


def test_the_xlsx_export_has_real_dates_and_text_not_formulas(login, preventiewerker):
    DossierFactory(last_name="@SUM(A1)", deadline=datetime.date(2026, 12, 8))

    response = login(preventiewerker).get(
        reverse("dossiers:worklist_export", args=["alle", "xlsx"])
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Naam"].value.startswith("'@SUM(A1)") and row["Naam"].data_type == "s"
    assert row["Termijn"].value == datetime.datetime(2026, 12, 8)


def test_the_export_follows_the_filters(login, preventiewerker):
    DossierFactory(route="A", last_name="Alfa")
    DossierFactory(route="C", last_name="Charlie")
    response = login(preventiewerker).get(
        reverse("dossiers:worklist_export", args=["alle", "csv"]) + "?route=C"
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Charlie" in text and "Alfa" not in text


def test_the_client_number_search_finds_the_dossier(login, preventiewerker):
    dossier = DossierFactory(client=ClientFactory(client_number="C77777"))
    DossierFactory()
    assert numbers(login(preventiewerker).get(url("alle", q="C77777"))) == [dossier.number]


def test_home_panels_show_the_counts(login, preventiewerker, mw):
    DossierFactory()  # no route yet
    DossierFactory(assigned_to=mw, route="A")
    assert "1 dossier te triëren" in login(preventiewerker).get("/").content.decode()
    assert "1 open dossier" in login(mw).get("/").content.decode()


@pytest.mark.parametrize(
    "persona", ["onthaal", "preventiewerker", "mw", "voorzitter", "cel", "diensthoofd"]
)
def test_every_list_and_the_dossier_page_render_for_each_role(request, login, persona, mw):
    user = request.getfixturevalue(persona)
    dossier = DossierFactory(assigned_to=user if persona != "diensthoofd" else mw, route="B")
    client = login(user)
    assert client.get(reverse("dossiers:worklists")).status_code == 302
    for key in ("mijn", "team", "te-trieren", "te-bevestigen", "niet-toegewezen", "alle"):
        assert client.get(url(key)).status_code in (200, 404)
    assert client.get(dossier.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_a_long_list_is_counted_up_to_a_cap_and_pages_on(login, preventiewerker, monkeypatch):
    monkeypatch.setattr(paging, "CAP", 30)
    made = [DossierFactory(deadline=TODAY) for _ in range(31)]
    client = login(preventiewerker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("alle", per_page="25"))
    html = response.content.decode()
    assert "Meer dan 30 dossiers" in html
    assert ">Laatste<" not in html and ">Volgende<" in html
    counts = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"] and '"dossiers_dossier"' in q["sql"]
    ]
    assert counts and all("LIMIT 31" in sql for sql in counts)
    second = client.get(url("alle", per_page="25", pagina="2"))
    assert len(second.context["page"].object_list) == 6
    assert not second.context["page"].has_next()
    shown = numbers(response) + numbers(second)
    assert sorted(shown) == sorted(d.number for d in made)


def test_a_page_loads_only_its_own_rows_with_their_joins(login, preventiewerker):
    for _ in range(30):
        DossierFactory()
    client = login(preventiewerker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("alle", pagina="2"))
    assert len(response.context["page"].object_list) == 5
    # The ids of the page are chosen with LIMIT/OFFSET; the joined query reads those ids only.
    joined = [q["sql"] for q in queries.captured_queries if "dossiers_dossier" in q["sql"]]
    assert any("LIMIT 26 OFFSET 25" in sql for sql in joined)
    assert not any("JOIN" in sql and "OFFSET" in sql for sql in joined)


def test_a_long_confirmation_queue_is_walked_in_its_order_and_counted_by_its_status(
    login, preventiewerker, monkeypatch
):
    """Beyond the short list the queue's page is walked along the deadline order and counted
    through its own index, both reading the dossier's `to_confirm` (the triage's status kept
    on the dossier) and no other table: as a join SQLite read and sorted every triage of the
    status, and PostgreSQL hashed 33,000 of them for a count (43 ms; 3 ms now). The pages hold
    the dossiers the triage's status says, in the order of their deadline."""
    monkeypatch.setattr(paging, "SHORT", 3)
    queued = []
    for days in (5, 1, 9, 3, 7, 2, 8):
        dossier = DossierFactory(deadline=TODAY + datetime.timedelta(days=days))
        Triage.objects.create(dossier=dossier, match_status=Triage.MatchStatus.TO_CONFIRM)
        queued.append(dossier)
    other = DossierFactory(deadline=TODAY)
    Triage.objects.create(dossier=other, match_status=Triage.MatchStatus.NEW)
    linked = DossierFactory(deadline=TODAY, client=ClientFactory())
    Triage.objects.create(dossier=linked, match_status=Triage.MatchStatus.TO_CONFIRM)
    client = login(preventiewerker)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(url("te-bevestigen", per_page="25", sort="termijn"))
    expected = [d.number for d in sorted(queued, key=lambda d: d.deadline)]
    assert numbers(first) == expected
    assert "7 dossiers" in first.content.decode()
    # Its template draws cards, not table rows: no row HTML is made for it.
    assert first.context["rows"] and all("html" not in vars(r) for r in first.context["rows"])
    (walk,) = [q["sql"] for q in queries.captured_queries if "LIMIT 26" in q["sql"]]
    (count,) = [q["sql"] for q in queries.captured_queries if "WITH counted AS" in q["sql"]]
    for sql in (walk, count):
        assert '"to_confirm"' in sql and "triage_triage" not in sql


def test_the_filters_lists_are_read_once_a_minute_and_a_new_one_shows_at_once(
    login, preventiewerker, beheerder, mw
):
    """The companies, teams, workers, LAC sessions and outcome codes of the filter (and the
    workers of the bulk assignment) are kept a minute per process (`lib.lookups`); a company
    added here is in the next page's filter."""
    from bereik.organisation import actions as organisation_actions

    client = login(preventiewerker)
    client.get(url("alle"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url("alle"))
    assert page.status_code == 200
    lists = ("organisation_company", "accounts_team", "lac_session", "followup_outcomecode")
    read = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].partition(" FROM ")[2].split(" ", 1)[0].strip('"') in lists
        or q["sql"].startswith('SELECT DISTINCT "accounts_user"')
    ]
    assert read == []
    assert "Mia Test" in page.content.decode()  # a worker, in the filter and the assignment

    organisation_actions.company_save(Company(name="Aquafin Zuid", kind="water"), actor=beheerder)
    assert ">Aquafin Zuid</option>" in client.get(url("alle")).content.decode()


def test_the_filters_options_are_drawn_once_a_language(login, preventiewerker, mw, calls_to):
    """The filter's select boxes (its own lists, the companies, workers and teams kept a minute,
    and the other apps' filters) draw their options on the first page, then only mark the
    chosen one: the next page draws none again, in any filter."""
    from bereik.lib import formrender

    client = login(preventiewerker)
    asked = calls_to(formrender, "drawn_options")
    client.get(url("alle"))
    drawn = len(asked)
    page = client.get(url("alle", kind="water", worker=mw.pk, beschermd="nee"))
    html = page.content.decode()
    assert drawn >= 3  # at least the companies, workers and teams, read again in each test
    assert len(asked) == drawn
    assert '<option value="water" selected>Water</option>' in html
    assert f'<option value="{mw.pk}" selected>Mia Test</option>' in html
    assert '<option value="nee" selected>Geen beschermde klant</option>' in html
    assert '<option value="">Alle soorten</option>' in html


def test_a_company_picked_from_a_newer_list_still_filters(login, preventiewerker, mw, team):
    """Another process read the companies after this one: a company it showed (added there,
    so no signal here) is not in this process's list yet. The filter reads its lists again
    instead of ignoring the value."""
    client = login(preventiewerker)
    client.get(url("alle"))  # the lists kept
    [added] = Company.objects.bulk_create([Company(name="Aquafin Zuid", kind="water")])
    theirs = DossierFactory(company=added, assigned_to=mw, team=team["sociale_dienst"])
    DossierFactory(assigned_to=mw, team=team["sociale_dienst"])

    response = client.get(url("alle", company=added.pk))

    assert numbers(response) == [theirs.number]
