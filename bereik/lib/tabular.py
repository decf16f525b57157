"""Reading CSV and XLSX lists safely into a plain table of rows.

Companies send lists in whatever shape their systems produce: `;`, `,` or tab separated text in
UTF-8 (with or without BOM) or Windows-1252, spreadsheets with title rows above the header, merged
cells, blank rows and a total row at the bottom. `read_table()` turns any of those into a `Table`:
the header texts and the data rows, each with the row number the user sees in Excel.

Everything is checked before it is parsed; every refusal raises `TabularError` in Dutch:

- the size limit (`settings.BEREIK_MAX_UPLOAD_BYTES`);
- the kind of file is decided by its content, never by its name; a name that says otherwise is
  refused (a PDF called `.csv`, a CSV called `.xlsx`, an old `.xls`);
- an XLSX is a zip: its member count and total uncompressed size are checked from the zip
  directory before anything is decompressed (a zip bomb is refused in milliseconds), and every
  XML member is refused when it declares a DOCTYPE or entities (`defusedxml`).

Use: `read_table(content, filename=name, header_score=spec.header_score)`; each row's `number`
and `values` line up with `table.headers` (`bereik.lib.columns` recognises the columns).

Values are returned as read: strings from a CSV; str, int, float, bool or datetime from an XLSX
(with `data_only`, so a formula cell gives its last computed value, and a text that merely starts
with "=" stays text). Parsing them is `bereik.lib.values`' job.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from bereik.lib.csvtext import detect_delimiter, lines

CSV = "csv"
XLSX = "xlsx"

# Defaults for the zip checks; settings may override them.
MAX_XLSX_MEMBERS = 500
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# How far down a title block may push the header.
HEADER_SEARCH_ROWS = 30

_XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
_TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
_TOTAL_WORDS = ("totaal", "eindtotaal", "subtotaal", "total", "som", "aantal", "tot")
_DIGIT = re.compile(r"[0-9]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=[\"']([A-Z]+\d+):([A-Z]+\d+)[\"']")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class TabularError(Exception):
    """The file can't be read as a list; `message` says why, in Dutch, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Row:
    """One data row. `number` is the row number as a spreadsheet shows it (1-based, counting
    title and blank rows), so a user can find it in the file."""

    number: int
    values: list


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    header_row: int
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    # Rows left out on purpose, as (row number, reason): title rows, blank rows, a total row.
    skipped: list[tuple[int, str]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # the text of the title rows

    def raw(self, row: Row) -> dict:
        """The row as original header -> value, JSON-safe, for keeping next to parsed fields."""
        return {
            header: json_safe(value)
            for header, value in zip(self.headers, row.values, strict=False)
            if not is_blank(value)
        }

    def column(self, index: int) -> list:
        return [row.values[index] for row in self.rows]


# --------------------------------------------------------------------------------------------
# Small helpers, also used by bereik.lib.columns and bereik.lib.values


def normalise_header(text) -> str:
    """A header reduced to compare it with known names: lower case, no accents, punctuation as a
    space: "Cliëntnummer" -> "clientnummer", "Postcode & Gemeente:" -> "postcode gemeente"."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return _NON_ALNUM.sub(" ", plain).strip()


def header_key(text) -> str:
    """`normalise_header` without spaces, so "Klant nr." and "Klantnr" compare equal."""
    return normalise_header(text).replace(" ", "")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def json_safe(value):
    """A cell value as it can be stored in a JSONField, as close to what was read as possible."""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def display(value) -> str:
    """A cell value as text for messages and previews."""
    value = json_safe(value)
    if value is None:
        return ""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


# --------------------------------------------------------------------------------------------
# Entry point


def read_table(
    content: bytes,
    *,
    filename: str = "",
    header_score: Callable[[list], int] | None = None,
    max_bytes: int | None = None,
) -> Table:
    """Read a CSV or XLSX list. Raises TabularError with a Dutch message when it can't.

    `header_score(cells)` (optional) says how many cells of a row are known column names; the
    row with the highest score within the first rows is the header. Without it, or when no row
    scores, the first row that looks like a header (distinct texts, no numbers or dates) is it."""
    limit = max_bytes if max_bytes is not None else settings.BEREIK_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise TabularError(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": _megabytes(len(content)), "limit": _megabytes(limit)}
        )
    if not content:
        raise TabularError(_("Het bestand is leeg."))

    kind = sniff(content)
    _check_name_matches(filename, kind)
    if kind == XLSX:
        grid, sheet = _read_xlsx(content)
        table_info = {"file_format": XLSX, "sheet": sheet}
    elif kind == CSV:
        text, encoding = decode_text(content)
        delimiter = detect_delimiter(text)
        grid = _read_csv(text, delimiter)
        del text  # not needed while the table is built
        table_info = {"file_format": CSV, "encoding": encoding, "delimiter": delimiter}
    else:
        raise TabularError(_describe_refused(kind))
    return _build_table(grid, header_score, **table_info)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


# --------------------------------------------------------------------------------------------
# What is this file, by content?


def sniff(content: bytes) -> str:
    """The kind of file by its first bytes: "xlsx", "csv", or what else it is ("pdf", "xls",
    "zip", "image", "html", "binary")."""
    head = content[:8192]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"  # OLE2: Excel 97-2003, or a password-protected XLSX
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return XLSX if _looks_like_xlsx(content) else "zip"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return CSV  # UTF-16 text, as Excel's "Unicode text" export writes it
    if b"\x00" in head:
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype", b"<html", b"<?xml", b"<table")):
        return "html"
    return CSV


def _looks_like_xlsx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def _check_name_matches(filename: str, kind: str) -> None:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in _XLSX_EXTENSIONS and kind != XLSX:
        raise TabularError(
            _("Het bestand heet %(name)s maar is geen Excel-bestand: %(what)s.")
            % {"name": filename, "what": _what(kind)}
        )
    if suffix in _TEXT_EXTENSIONS and kind != CSV:
        raise TabularError(
            _("Het bestand heet %(name)s maar is geen CSV-bestand: %(what)s.")
            % {"name": filename, "what": _what(kind)}
        )
    if suffix == ".xls" and kind != "xls":
        raise TabularError(
            _(
                "Het bestand heet %(name)s maar is geen Excel 97-2003-bestand: %(what)s. "
                "Sla het op als .xlsx of als CSV en probeer opnieuw."
            )
            % {"name": filename, "what": _what(kind)}
        )


def _what(kind: str) -> str:
    return {
        XLSX: _("het is een Excel-bestand (.xlsx)"),
        CSV: _("het is een tekstbestand (CSV)"),
        "pdf": _("het is een PDF-document"),
        "xls": _("het is een Excel 97-2003-bestand of een beveiligd Excel-bestand"),
        "zip": _("het is een zip-archief"),
        "image": _("het is een afbeelding"),
        "html": _("het is een webpagina (HTML) of XML-bestand"),
    }.get(kind, _("de inhoud is niet leesbaar als lijst"))


def _describe_refused(kind: str) -> str:
    if kind == "xls":
        return _(
            "Dit is een Excel 97-2003-bestand (.xls) of een met een wachtwoord beveiligd "
            "Excel-bestand. Sla het op als .xlsx (zonder wachtwoord) of als CSV en probeer opnieuw."
        )
    return _("Dit is geen CSV- of Excel-lijst: %(what)s.") % {"what": _what(kind)}


# --------------------------------------------------------------------------------------------
# CSV


def decode_text(content: bytes) -> tuple[str, str]:
    """Decode text bytes: a BOM decides (UTF-8, UTF-16); else UTF-8 when valid, else
    Windows-1252 (what Excel writes on a Belgian Windows). Returns (text, encoding name)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _decode(content, "utf-8-sig"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(content, "utf-16"), "utf-16"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Five byte values are undefined in cp1252; Latin-1 maps every byte.
        return content.decode("latin-1"), "latin-1"


def _decode(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TabularError(
            _("Het bestand begint als %(encoding)s-tekst maar bevat ongeldige tekens.")
            % {"encoding": encoding.upper()}
        ) from exc


def _read_csv(text: str, delimiter: str) -> list[list]:
    try:
        return list(csv.reader(lines(text), delimiter=delimiter))  # a new list per row
    except csv.Error as exc:
        raise TabularError(
            _("Het CSV-bestand kon niet gelezen worden: %(error)s.") % {"error": exc}
        ) from exc


# --------------------------------------------------------------------------------------------
# XLSX


def check_xlsx_archive(content: bytes) -> None:
    """Refuse a zip bomb and XML with DOCTYPE or entity declarations, before any parsing."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    max_members = getattr(settings, "BEREIK_MAX_XLSX_MEMBERS", MAX_XLSX_MEMBERS)
    max_total = getattr(settings, "BEREIK_MAX_XLSX_UNCOMPRESSED_BYTES", MAX_XLSX_UNCOMPRESSED_BYTES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TabularError(_("Het Excel-bestand is beschadigd (geen geldig zip-archief).")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise TabularError(
                _(
                    "Het Excel-bestand bevat %(count)s onderdelen (maximum %(max)s). "
                    "Het wordt niet geopend."
                )
                % {"count": len(members), "max": max_members}
            )
        # The sizes come from the zip directory; Python's zipfile never decompresses more than
        # the declared size of a member (it stops and fails the CRC check), so this bounds it.
        total = sum(member.file_size for member in members)
        if total > max_total:
            raise TabularError(
                _(
                    "Het Excel-bestand zou uitgepakt %(size)s MB groot zijn (maximum %(max)s MB). "
                    "Het wordt niet geopend."
                )
                % {"size": _megabytes(total), "max": _megabytes(max_total)}
            )
        for member in members:
            if member.flag_bits & 0x1:
                raise TabularError(_("Het Excel-bestand is versleuteld."))
            if not member.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(member) as stream:
                    # A DOCTYPE or entity can only come before the root element: the first
                    # start event is far enough.
                    for _event in iterparse(stream, events=("start",), forbid_dtd=True):
                        break
            except DefusedXmlException as exc:
                raise TabularError(
                    _(
                        "Het Excel-bestand bevat XML-declaraties (DOCTYPE of entiteiten) die "
                        "niet in een gewone lijst horen. Het wordt niet geopend."
                    )
                ) from exc
            except (ParseError, zipfile.BadZipFile, EOFError, OSError) as exc:
                raise TabularError(
                    _("Het Excel-bestand is beschadigd (%(part)s is onleesbaar).")
                    % {"part": member.filename}
                ) from exc


def _read_xlsx(content: bytes) -> tuple[list[list], str]:
    import openpyxl

    check_xlsx_archive(content)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TabularError(
            _("Het Excel-bestand kon niet geopend worden: het is beschadigd of onvolledig.")
        ) from exc
    try:
        sheet = _pick_sheet(workbook)
        if sheet is None:
            raise TabularError(_("Het Excel-bestand bevat geen werkblad met gegevens."))
        sheet.reset_dimensions()  # exporters often write a wrong dimension; read all cells
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        merges = _merged_ranges(content, getattr(sheet, "_worksheet_path", ""))
        title = sheet.title
    except TabularError:
        raise
    except Exception as exc:
        raise TabularError(
            _("Het Excel-bestand kon niet gelezen worden: het is beschadigd of onvolledig.")
        ) from exc
    finally:
        workbook.close()
    _fill_merged(grid, merges)
    return grid, title


def _pick_sheet(workbook):
    """The active sheet, or else the first visible sheet that has cells."""
    candidates = [workbook.active] + list(workbook.worksheets)
    for sheet in candidates:
        if sheet is None or getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        for _row in sheet.iter_rows(max_row=1000, values_only=True):
            return sheet
    return None


def _merged_ranges(content: bytes, path: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges as (min_row, min_col, max_row, max_col), 1-based. Read-only worksheets don't
    expose them; the sheet XML was checked above, so a plain search of its bytes is safe."""
    if not path:
        return []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        try:
            data = archive.read(path.lstrip("/"))
        except KeyError:
            return []
    ranges = []
    for start, end in _MERGE_REF.findall(data):
        (col1, row1), (col2, row2) = _cell(start.decode()), _cell(end.decode())
        ranges.append((min(row1, row2), min(col1, col2), max(row1, row2), max(col1, col2)))
    return ranges


def _cell(ref: str) -> tuple[int, int]:
    letters, digits = _CELL_REF.fullmatch(ref).groups()
    column = 0
    for letter in letters:
        column = column * 26 + (ord(letter) - 64)
    return column, int(digits)


def _fill_merged(grid: list[list], merges) -> None:
    """Give every cell of a merged range the value of its top-left cell (a session date merged
    over twenty rows belongs to each of them)."""
    for min_row, min_col, max_row, max_col in merges:
        if min_row > len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for row_index in range(min_row - 1, min(max_row, len(grid))):
            row = grid[row_index]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for col_index in range(min_col - 1, max_col):
                if row[col_index] is None:
                    row[col_index] = value


# --------------------------------------------------------------------------------------------
# From a grid of cells to header + rows


def _build_table(grid: list[list], header_score, **info) -> Table:
    # The first non-blank rows (where the header is) and the number of the last one, without a
    # second list of a long file's rows.
    nonblank, last_filled = [], 0
    for number, cells in enumerate(grid, start=1):
        if any(not is_blank(c) for c in _trim(cells)):
            last_filled = number
            if len(nonblank) < HEADER_SEARCH_ROWS:
                nonblank.append((number, cells))
    if not nonblank:
        raise TabularError(_("Het bestand bevat geen gegevens."))

    header_number, header_cells = _find_header(nonblank, header_score)
    headers = _unique_headers(header_cells)
    width = len(headers)
    above = [(n, cells) for n, cells in nonblank if n < header_number]
    titles = [" ".join(str(c) for c in cells if not is_blank(c)) for _n, cells in above]
    skipped = [(number, _("titelrij")) for number, _cells in above]

    header_keys = [header_key(h) for h in header_cells]
    # A first cell with a digit can't repeat a header whose key has none (ASCII digits survive
    # the normalisation): most rows are ruled out without normalising their first cell.
    key_has_digit = bool(header_keys and _DIGIT.search(header_keys[0]))
    data: list[Row] = []
    for number, cells in enumerate(grid, start=1):
        if number <= header_number:
            continue
        if all(is_blank(c) for c in cells):
            if number < last_filled:
                skipped.append((number, _("lege rij")))
            continue
        repeated = (
            cells
            and (key_has_digit or cells[0] is None or not _DIGIT.search(str(cells[0])))
            and header_key(cells[0]) == header_keys[0]  # the first cell: cheap
        )
        if repeated and [header_key(c) for c in cells[: len(header_keys)]] == header_keys:
            skipped.append((number, _("herhaalde kopregel")))
            continue
        if len(cells) > width and any(not is_blank(c) for c in cells[width:]):
            # Data beyond the last header: keep it under a generated column name.
            for extra in range(width, len(cells)):
                headers.append(_("Kolom %(letter)s") % {"letter": column_letter(extra + 1)})
            width = len(headers)
            for row in data:
                row.values.extend([None] * (width - len(row.values)))
        values = cells[:width] + [None] * (width - len(cells)) if len(cells) != width else cells
        data.append(Row(number, values))

    while data and _is_total_row(data[-1].values):
        skipped.append((data[-1].number, _("totaalrij")))
        data.pop()
    if not data:
        raise TabularError(
            _("Het bestand bevat een kopregel (rij %(row)s) maar geen gegevensrijen.")
            % {"row": header_number}
        )
    skipped.sort()
    return Table(headers, data, header_number, skipped=skipped, titles=titles, **info)


def _trim(cells: list) -> list:
    """The row without its blank cells at the end, in place (the grid's rows are our own lists)."""
    while cells and is_blank(cells[-1]):
        cells.pop()
    return cells


def _find_header(nonblank, header_score) -> tuple[int, list]:
    candidates = nonblank[:HEADER_SEARCH_ROWS]
    if header_score is not None:
        best, best_score = None, 0
        for number, cells in candidates:
            score = header_score(cells)
            if score > best_score:
                best, best_score = (number, cells), score
        if best is not None:
            return best
    widest = max(sum(1 for c in cells if not is_blank(c)) for _n, cells in candidates)
    for number, cells in candidates:
        filled = [c for c in cells if not is_blank(c)]
        distinct = {normalise_header(c) for c in filled}
        if (
            len(distinct) >= 2
            and len(filled) >= max(2, (widest * 6 + 9) // 10)
            and all(isinstance(c, str) for c in filled)
            and not any(_looks_like_data(c) for c in filled)
        ):
            return number, cells
    return candidates[0]


def _looks_like_data(text: str) -> bool:
    stripped = text.strip()
    return bool(re.fullmatch(r"[\d\s.,/€+-]+", stripped)) and any(ch.isdigit() for ch in stripped)


def _unique_headers(cells: list) -> list[str]:
    headers, seen = [], Counter()
    for index, cell in enumerate(cells, start=1):
        text = " ".join(str(cell).split()) if not is_blank(cell) else ""
        if not text:
            text = _("Kolom %(letter)s") % {"letter": column_letter(index)}
        seen[text] += 1
        if seen[text] > 1:
            text = f"{text} ({seen[text]})"
        headers.append(text)
    return headers


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (as a spreadsheet names columns)."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_total_row(values: list) -> bool:
    filled = sum(1 for value in values if not is_blank(value))
    if filled > max(3, len(values) // 2):
        return False  # a total row fills few cells; a household's row fills most
    for value in values:
        if isinstance(value, str) and value.strip():
            first_word = normalise_header(value).split(" ", 1)[0]
            return first_word in _TOTAL_WORDS
    return False
