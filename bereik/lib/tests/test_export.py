import datetime
import decimal
import io

import openpyxl
import pytest

from bereik.lib.export import Column, csv_lines, escape_cell, write_csv, write_xlsx

DANGEROUS = ['=HYPERLINK("http://x")', "+32 11 22 33", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_it_escapes_text_a_spreadsheet_would_run(text):
    assert escape_cell(text) == "'" + text


def test_it_leaves_plain_text_and_numbers_alone():
    assert escape_cell("Peeters") == "Peeters"
    assert escape_cell(-12) == -12
    assert escape_cell(None) is None


COLUMNS = [
    Column("Naam", lambda r: r["name"]),
    Column("Bedrag", lambda r: r["amount"]),
    Column("Termijn", lambda r: r["deadline"]),
]
ROWS = [
    {"name": "=1+2", "amount": decimal.Decimal("-12.50"), "deadline": datetime.date(2026, 12, 8)},
    {"name": "Janssens; Els", "amount": None, "deadline": None},
]


def test_the_csv_is_excel_friendly_and_escaped():
    text = "".join(csv_lines(COLUMNS, ROWS))
    assert text.startswith("\ufeffNaam;Bedrag;Termijn\r\n")
    lines = text.splitlines()
    assert lines[1] == "'=1+2;-12,50;08/12/2026"
    assert lines[2] == '"Janssens; Els";;'


def test_write_csv_counts_the_rows():
    stream = io.StringIO()
    assert write_csv(stream, COLUMNS, ROWS) == 2


def test_the_xlsx_has_real_dates_and_no_formulas():
    stream = io.BytesIO()
    assert write_xlsx(stream, COLUMNS, ROWS, title="Dossiers") == 2
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).active
    assert [c.value for c in sheet[1]] == ["Naam", "Bedrag", "Termijn"]
    name, amount, deadline = sheet[2]
    assert name.value == "'=1+2" and name.data_type == "s"
    assert amount.value == -12.5
    assert deadline.value == datetime.datetime(2026, 12, 8)
