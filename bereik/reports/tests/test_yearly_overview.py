"""The yearly overview: an XLSX with a sheet per part (real numbers, percentages, dates) and a PDF
for the board with the charts."""

import datetime
import io

import openpyxl
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.reports import links, overview, periods
from bereik.reports.figures import compute
from bereik.reports.scope import scope_for
from bereik.reports.tests.conftest import dossier

D = datetime.date


def url(year, fmt):
    return reverse("reports:yearly_overview", args=[year, fmt])


def test_the_xlsx_has_a_sheet_per_part_with_real_numbers_and_dates(
    login, diensthoofd, preventiewerker
):
    dossier(D(2025, 3, 3), reached=D(2025, 3, 4), assigned_to=preventiewerker)
    dossier(D(2025, 3, 3))
    dossier(D(2024, 3, 3), reached=D(2024, 3, 4))

    response = login(diensthoofd).get(url(2025, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cijfers-2025.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Samenvatting",
        "Per maand",
        "Bereik",
        "Contact",
        "Hulp",
        "LAC",
        "Uitkomsten",
    ]
    summary = workbook["Samenvatting"]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=5)}
    assert rows["Periode van"][1].value == datetime.datetime(2025, 1, 1)
    assert rows["Periode tot en met"][1].value == datetime.datetime(2025, 12, 31)
    assert rows["Periode van"][1].number_format == "DD/MM/YYYY"
    assert (rows["Geopend"][1].value, rows["Geopend"][2].value) == (2, 1)
    assert rows["Bereikgraad"][1].value == 0.5 and rows["Bereikgraad"][1].number_format == "0.0%"
    reach = [[cell.value for cell in row] for row in workbook["Bereik"].iter_rows()]
    # Per worker (in the Excel file only): opened, reached, before the deadline, not reached and
    # the rate, each for 2025 and 2024.
    assert ["Pieter Test", 1, 0, 1, 0, 0, 0, 0, 0, 1.0, None] in reach
    months = workbook["Per maand"]
    assert months["A2"].value == datetime.datetime(2024, 1, 1)
    event = AuditEvent.objects.get(action="reports.workers")
    assert event.details == {"from": "2025-01-01", "to": "2025-12-31"}


def test_the_pdf_is_for_the_board_with_the_charts_and_without_workers(
    login, diensthoofd, preventiewerker
):
    dossier(D(2025, 3, 3), reached=D(2025, 3, 4), assigned_to=preventiewerker)

    response = login(diensthoofd).get(url(2025, "pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert not AuditEvent.objects.filter(action="reports.workers").exists()


def test_the_pdf_template_holds_the_charts_and_not_the_workers(
    diensthoofd, preventiewerker, monkeypatch
):

    dossier(D(2025, 3, 3), reached=D(2025, 3, 4), assigned_to=preventiewerker)
    rendered = {}
    monkeypatch.setattr(
        overview, "render_pdf", lambda name, context: rendered.update(context) or b"%PDF-"
    )
    figures = links.for_viewer(compute(scope_for(diensthoofd), periods.year(2025), per_worker=True))

    overview.pdf(figures)

    assert set(rendered["charts"]) == {"trend", "route", "uitkomsten"}
    assert "bereik_medewerker" not in rendered["tables"]


def test_a_year_to_come_or_another_format_is_not_found(login, diensthoofd, mw):
    client = login(diensthoofd)
    assert client.get(url(2027, "xlsx")).status_code == 404
    assert client.get(url(1999, "pdf")).status_code == 404
    assert client.get(url(2025, "csv")).status_code == 404
    assert login(mw).get(url(2025, "xlsx")).status_code == 404
