import datetime
import io
import time
import zipfile

import openpyxl
import pytest

from bereik.lib import tabular
from bereik.lib.tabular import TabularError, read_table

HEADER = ["Klantnummer", "Naam", "Bedrag"]
ROWS = [["1001", "Peeters, Jan", "1.234,56"], ["1002", "Martens An", "12,50"]]


def csv_bytes(rows, *, delimiter=";", encoding="utf-8", newline="\r\n") -> bytes:
    return newline.join(delimiter.join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows, *, merges=(), text_cells=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lijst"
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    for ref in text_cells:  # a text starting with "=" that is not a formula
        sheet[ref].data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- encodings and separators


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_it_detects_the_encoding(encoding, prefix, expected):
    rows = [["Klantnummer", "Naam"], ["1", "Vandevelde Gül"], ["2", "Cliënt Müller"]]
    table = read_table(prefix + csv_bytes(rows, encoding=encoding), filename="lijst.csv")
    assert table.encoding == expected
    assert table.headers == ["Klantnummer", "Naam"]
    assert [row.values[1] for row in table.rows] == ["Vandevelde Gül", "Cliënt Müller"]


def test_it_reads_utf16_text_as_excel_exports_it():
    content = "\ufeffKlantnummer\tNaam\r\n1\tGül\r\n".encode("utf-16-le")
    table = read_table(content, filename="lijst.txt")
    assert table.encoding == "utf-16"
    assert table.rows[0].values == ["1", "Gül"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_it_detects_the_separator(delimiter):
    rows = [HEADER, ["1001", '"Peeters, Jan"', '"1.234,56"'], ["1002", "Martens An", "12"]]
    table = read_table(csv_bytes(rows, delimiter=delimiter), filename="lijst.csv")
    assert table.delimiter == delimiter
    assert table.headers == HEADER
    assert table.rows[0].values == ["1001", "Peeters, Jan", "1.234,56"]


def test_a_comma_inside_names_does_not_fool_the_semicolon_detection():
    table = read_table(csv_bytes([HEADER, *ROWS]), filename="lijst.csv")
    assert table.delimiter == ";"
    assert table.rows[0].values[1] == "Peeters, Jan"


# --- shape: title rows, blank rows, totals, merged cells


def test_it_skips_title_rows_above_the_header_in_a_csv():
    rows = [["Farys: verwittigingen november"], ["Aangemaakt op 20/11/2026"], [""], HEADER, *ROWS]
    table = read_table(csv_bytes(rows), filename="lijst.csv")
    assert table.header_row == 4
    assert table.headers == HEADER
    assert [row.number for row in table.rows] == [5, 6]
    assert (1, "titelrij") in table.skipped


def test_it_skips_title_rows_above_the_header_in_a_spreadsheet():
    content = xlsx_bytes([["De Watergroep: oproeping LAC"], [None], HEADER, *ROWS])
    table = read_table(content, filename="lijst.xlsx")
    assert table.header_row == 3
    assert table.headers == HEADER
    assert table.sheet == "Lijst"


def test_a_header_score_picks_the_header_among_look_alike_rows():
    rows = [["Gemeente", "Sint-Truiden", "zitting"], HEADER, *ROWS]
    known = {"klantnummer", "naam", "bedrag"}

    def score(cells):
        return sum(1 for cell in cells if tabular.header_key(cell) in known)

    table = read_table(csv_bytes(rows), filename="lijst.csv", header_score=score)
    assert table.header_row == 2


def test_it_skips_blank_rows_and_keeps_the_row_numbers():
    rows = [HEADER, ROWS[0], ["", "", ""], [""], ROWS[1]]
    table = read_table(csv_bytes(rows), filename="lijst.csv")
    assert [row.number for row in table.rows] == [2, 5]
    assert (3, "lege rij") in table.skipped


def test_it_leaves_out_a_total_row_at_the_bottom():
    rows = [HEADER, *ROWS, ["", "Totaal", "1.247,06"], [""]]
    table = read_table(csv_bytes(rows), filename="lijst.csv")
    assert len(table.rows) == 2
    assert (4, "totaalrij") in table.skipped


def test_it_leaves_out_a_total_row_in_a_spreadsheet():
    content = xlsx_bytes([HEADER, [1001, "Peeters", 10.5], ["TOTAAL:", None, 10.5]])
    table = read_table(content, filename="lijst.xlsx")
    assert [row.values[0] for row in table.rows] == [1001]


def test_it_gives_every_cell_of_a_merged_range_its_value():
    content = xlsx_bytes(
        [
            ["Oproeping LAC", None, None, None],
            ["Klantnummer", "Naam", "Bedrag", "Datum LAC"],
            ["1001", "Peeters", 10, datetime.datetime(2026, 12, 8)],
            ["1002", "Martens", 20, None],
            ["1003", "Claes", 30, None],
        ],
        merges=["A1:D1", "D3:D5"],
    )
    table = read_table(content, filename="lijst.xlsx")
    assert table.header_row == 2
    assert [row.values[3] for row in table.rows] == [datetime.datetime(2026, 12, 8)] * 3


def test_it_reads_excel_dates_and_numbers_as_values():
    content = xlsx_bytes(
        [HEADER + ["Datum"], ["1001", "Peeters", 1253.97, datetime.date(2026, 12, 8)]]
    )
    row = read_table(content, filename="lijst.xlsx").rows[0]
    assert row.values[2] == 1253.97
    assert row.values[3] == datetime.datetime(2026, 12, 8)


def test_it_keeps_text_that_looks_like_a_formula_as_text():
    formula = '=HYPERLINK("http://example.org","klik")'
    csv_table = read_table(csv_bytes([HEADER, ["1001", formula, "1"]]), filename="lijst.csv")
    assert csv_table.rows[0].values[1] == formula
    xlsx_table = read_table(
        xlsx_bytes([HEADER, ["1001", formula, 1]], text_cells=["B2"]), filename="lijst.xlsx"
    )
    assert xlsx_table.rows[0].values[1] == formula
    assert xlsx_table.raw(xlsx_table.rows[0])["Naam"] == formula


def test_it_names_unnamed_and_repeated_columns():
    table = read_table(
        csv_bytes([["Naam", "", "Naam", "Bedrag"], ["a", "b", "c", "1"]]), filename="x.csv"
    )
    assert table.headers == ["Naam", "Kolom B", "Naam (2)", "Bedrag"]


def test_the_raw_row_is_json_safe():
    content = xlsx_bytes([HEADER + ["Datum"], [1001, "Peeters", 10.0, datetime.date(2026, 12, 8)]])
    table = read_table(content, filename="lijst.xlsx")
    assert table.raw(table.rows[0]) == {
        "Klantnummer": 1001,
        "Naam": "Peeters",
        "Bedrag": 10,
        "Datum": "2026-12-08",
    }


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("Cliëntnummer", "clientnummer"),
        ("  POSTCODE & Gemeente: ", "postcode gemeente"),
        ("Klant-nr.", "klant nr"),
        ("Datum_LAC", "datum lac"),
    ],
)
def test_it_normalises_headers(header, normalised):
    assert tabular.normalise_header(header) == normalised
    assert tabular.header_key(header) == normalised.replace(" ", "")


# --- refusals


def test_it_refuses_a_file_above_the_size_limit(settings):
    settings.BEREIK_MAX_UPLOAD_BYTES = 100
    with pytest.raises(TabularError, match="te groot"):
        read_table(b"a;b\n" * 50, filename="lijst.csv")


def test_it_refuses_an_empty_file():
    with pytest.raises(TabularError, match="leeg"):
        read_table(b"", filename="lijst.csv")


def test_it_refuses_a_header_without_rows():
    with pytest.raises(TabularError, match="geen gegevensrijen"):
        read_table(csv_bytes([HEADER]), filename="lijst.csv")


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"%PDF-1.4\n...%%EOF", "lijst.csv", "PDF"),
        (b"%PDF-1.4\n...%%EOF", "lijst.xlsx", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "lijst.xlsx", "afbeelding"),
        (csv_bytes([HEADER, *ROWS]), "lijst.xlsx", "geen Excel-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "lijst.xls", "Excel 97-2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "lijst.csv", "Excel 97-2003"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "lijst.csv", "webpagina"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "lijst.csv", "niet leesbaar"),
    ],
)
def test_it_refuses_a_file_that_is_not_what_its_name_says(content, filename, message):
    with pytest.raises(TabularError, match=message):
        read_table(content, filename=filename)


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(TabularError, match="zip-archief"):
        read_table(buffer.getvalue(), filename="lijst.xlsx")


def test_it_goes_by_content_when_the_name_says_nothing():
    table = read_table(xlsx_bytes([HEADER, *ROWS]), filename="export.dat")
    assert table.file_format == "xlsx"


def _workbook_with(extra: dict[str, bytes], *, stream_zeros: int = 0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER, *ROWS]))) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members.update(extra)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if stream_zeros:
            with archive.open("xl/media/bom.bin", "w", force_zip64=True) as stream:
                chunk = b"\0" * (1 << 20)
                for _ in range(stream_zeros):
                    stream.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    # 300 MB of zeros, about 300 kB compressed: above the default 200 MB limit.
    return _workbook_with({}, stream_zeros=300)


def test_it_refuses_a_zip_bomb_quickly(zip_bomb):
    assert len(zip_bomb) < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(TabularError, match="uitgepakt"):
        read_table(zip_bomb, filename="lijst.xlsx")
    assert time.perf_counter() - started < 0.5


def test_it_refuses_a_workbook_with_too_many_parts():
    extra = {f"xl/extra/part{n}.bin": b"x" for n in range(tabular.MAX_XLSX_MEMBERS + 1)}
    with pytest.raises(TabularError, match="onderdelen"):
        read_table(_workbook_with(extra), filename="lijst.xlsx")


def test_it_refuses_xml_entity_declarations():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>&lol2;</t></si></sst>'
    )
    with pytest.raises(TabularError, match="DOCTYPE of entiteiten"):
        read_table(_workbook_with({"xl/sharedStrings.xml": laughs}), filename="lijst.xlsx")


def test_it_refuses_a_broken_workbook():
    content = xlsx_bytes([HEADER, *ROWS])
    with pytest.raises(TabularError):
        read_table(content[: len(content) // 2], filename="lijst.xlsx")


def test_column_letters():
    assert [tabular.column_letter(n) for n in (1, 26, 27, 52)] == ["A", "Z", "AA", "AZ"]


@pytest.mark.parametrize("first", ["Klantnummer", "Klant nr. 1"])
def test_a_repeated_header_row_is_left_out(first):
    """A list printed page by page repeats its header; such a row is skipped, named, whatever
    the first column's name (a row whose first cell has a digit is only compared in full when
    that name has one)."""
    header = [first, "Naam", "Bedrag"]
    repeated = [first.upper(), "naam", "BEDRAG"]  # the same names, written otherwise
    content = csv_bytes(
        [header, ["100", "Peeters, Jan", "12,50"], repeated, ["101", "Maes, An", "3,00"]]
    )
    table = read_table(content, filename="lijst.csv")
    assert [row.values[0] for row in table.rows] == ["100", "101"]
    assert (3, "herhaalde kopregel") in table.skipped
