"""Real files in their many shapes import to the same parsed signals (issue point 2)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from bereik.dossiers.models import Signal
from bereik.intake import actions
from bereik.intake.tests.conftest import company

pytestmark = pytest.mark.django_db


def test_a_messy_csv_from_a_windows_pc():
    lines = [
        "FARYS\tVerwittigingen week 47",
        "",
        "KLANT-NR.\tNAAM + VOORNAAM\tAdres:\tPostcode & Gemeente\tOpenstaand (€)\t"
        "Geplande datum\tBeschermde klant",
        "1001\tVan den Broeck Sarah\tMolenstraat 45 bus 1\t3800 Sint-Truiden\t€ 1 234,56\t"
        "5/1/2027\tX",
        "",
        "1002\tPeeters, Jan\tBeekstraat 55A\tB-3800 Brustem\t1234.56\t05-01-2027\t",
        "1003\tD'Hondt Gül\tPlankstraat 3/2\t3803 Duras\t1.234,56\t2027-01-05\t",
        "\tTotaal\t\t\t3.703,68\t\t",
    ]
    content = "\r\n".join(lines).encode("cp1252")
    result = actions.import_file(
        content, file_name="farys.txt", kind="verwittiging", company=company("Farys"), actor=None
    )
    assert result.plan.table.encoding == "cp1252"
    assert result.plan.table.delimiter == "\t"
    assert result.plan.counts["rows"] == 3
    assert result.plan.counts["rows_with_errors"] == 0
    signals = {s.customer_number: s for s in Signal.objects.all()}
    sarah, jan, gul = signals["1001"], signals["1002"], signals["1003"]
    assert (sarah.last_name, sarah.first_name) == ("Van den Broeck", "Sarah")
    assert (jan.last_name, jan.first_name) == ("Peeters", "Jan")
    assert (gul.last_name, gul.first_name) == ("D'Hondt", "Gül")
    assert (sarah.street, sarah.house_number, sarah.box) == ("Molenstraat", "45", "1")
    assert (jan.house_number, gul.house_number, gul.box) == ("55A", "3", "2")
    assert (jan.postcode, jan.city) == ("3800", "Brustem")
    assert {s.amount for s in signals.values()} == {Decimal("1234.56")}
    assert {s.measure_date for s in signals.values()} == {datetime.date(2027, 1, 5)}
    assert (sarah.protected_customer, jan.protected_customer) == (True, False)
    assert sarah.raw["NAAM + VOORNAAM"] == "Van den Broeck Sarah"


def test_a_spreadsheet_with_title_merged_cells_serial_dates_and_separate_name_columns():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Pidpa — oproeping LAC"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Klantnummer", "Familienaam", "Voornaam", "Straat", "Nr", "Bus", "Postcode",
                  "Zittingsdatum"])  # fmt: skip
    sheet.append([70011, "Claes", "Jean-Pierre", "Kerkstraat", 12, "2", 3800, 46364])
    sheet.append([70012, "Maes", "Wim", "Kerkstraat", "14", None, "3800", None])
    sheet.merge_cells("H3:H4")  # one session date for both rows
    sheet.append([None, "Totaal", None, None, None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = actions.import_file(
        buffer.getvalue(), file_name="pidpa.xlsx", kind="lac-water", company=company("Pidpa"),
        actor=None,
    )  # fmt: skip
    assert result.plan.counts["rows"] == 2
    assert result.plan.counts["rows_with_errors"] == 0
    claes = Signal.objects.get(customer_number="70011")
    assert (claes.last_name, claes.first_name) == ("Claes", "Jean-Pierre")
    assert (claes.house_number, claes.box, claes.postcode) == ("12", "2", "3800")
    assert claes.session_date == datetime.date(2026, 12, 8)
    assert Signal.objects.get(customer_number="70012").session_date == datetime.date(2026, 12, 8)
