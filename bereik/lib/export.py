"""Writing lists to CSV and XLSX for spreadsheet programs, safely.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice (CSV/formula injection: a name like `=HYPERLINK(...)` on a company list
would run when a worker opens the export). `escape_cell` puts an apostrophe in front of such
text, so the program shows it as text. Numbers and dates are written as themselves.

CSV is written the way Belgian spreadsheet programs open it without an import wizard: UTF-8 with
a BOM, `;` between fields, dates as dd/mm/yyyy and a decimal comma.

    columns = [Column("Dossiernummer", lambda d: d.number), ...]
    response = StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV_CONTENT_TYPE)
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable  # row object -> str, int, Decimal, date, bool or None
    width: int = 16  # XLSX column width, in characters


def escape_cell(value):
    """Text that a spreadsheet would run as a formula, made plain text; other values as-is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(value) -> str:
    """One value as CSV text (already escaped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, decimal.Decimal | float):
        return str(value).replace(".", ",")
    return str(escape_cell(str(value)))


def _line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def csv_lines(columns: list[Column], rows: Iterable) -> Iterator[str]:
    """The CSV as lines (BOM and header first), for a streaming response or a file."""
    yield BOM + _line([escape_cell(column.header) for column in columns])
    for row in rows:
        yield _line([csv_text(column.value(row)) for column in columns])


def write_csv(stream, columns: list[Column], rows: Iterable) -> int:
    """Write to a text stream; returns the number of data rows."""
    count = -1
    for count, line in enumerate(csv_lines(columns, rows)):  # noqa: B007 - the count is used
        stream.write(line)
    return max(count, 0)


def xlsx_value(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, decimal.Decimal):
        return float(value)
    return escape_cell(value)


def write_xlsx(stream, columns: list[Column], rows: Iterable, *, title: str = "Export") -> int:
    """Write an XLSX workbook (write-only, so memory stays flat for long lists) to a binary
    stream; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=escape_cell(column.header))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for column in columns:
            value = xlsx_value(column.value(row))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(value, datetime.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return count
