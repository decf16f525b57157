"""The yearly overview of the figures: an XLSX for the head of service's own analysis (one sheet
per part, real numbers, rates as percentages and dates as dates) and a PDF for the board, with the
charts (WeasyPrint). Both draw the tables `figures.compute` gives; the PDF leaves out the
breakdown per worker (it is about colleagues, not for the board)."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bereik.lib.documents import PDF_CONTENT_TYPE, render_pdf
from bereik.lib.export import XLSX_CONTENT_TYPE, escape_cell
from bereik.organisation.models import Organisation
from bereik.reports import charts
from bereik.reports.figures.base import AVERAGE, PERCENT, Figures, Table
from bereik.reports.scope import SMALL

FORMATS = ("xlsx", "pdf")

# Sheets in order: (title, table keys).
SHEETS = [
    (
        "Bereik",
        ["bereik_route", "bereik_soort", "bereik_maatschappij", "bereik_team", "bereik_medewerker"],
    ),
    ("Contact", ["pogingen", "brieven"]),
    ("Hulp", ["hulp", "plannen"]),
    ("LAC", ["lac_zittingen", "lac_aanwezigheid", "lac_advies", "lac_beslissing"]),
    ("Uitkomsten", ["uitkomsten", "afsluitingen"]),
]
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def _excel_value(value, kind: str, masked: bool):
    if masked:
        return f"< {SMALL}"
    if value is None:
        return None
    if kind == PERCENT:
        return value / 100  # shown as a percentage by the cell's number format
    return value


def _format(kind: str) -> str:
    if kind == PERCENT:
        return "0.0%"
    if kind == AVERAGE:
        return "0.0"
    return "0"


def _write_table(sheet, table: Table, figures: Figures, row: int) -> int:
    sheet.cell(row=row, column=1, value=table.title).font = TITLE
    row += 1
    if table.caption:
        sheet.cell(row=row, column=1, value=table.caption)
        row += 1
    column = 2
    for header in table.headers:
        for label in (figures.period.short_label, figures.previous.short_label):
            cell = sheet.cell(row=row, column=column, value=f"{header} {label}")
            cell.font = BOLD
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            column += 1
    row += 1
    for table_row in table.rows:
        label = sheet.cell(row=row, column=1, value=escape_cell(table_row.label))
        if table_row.total:
            label.font = BOLD
        column = 2
        for cell in table_row.cells:
            for period in (0, 1):
                value = _excel_value(cell.values()[period], cell.kind, cell.masked[period])
                target = sheet.cell(row=row, column=column, value=value)
                if not isinstance(value, str):
                    target.number_format = _format(cell.kind)
                column += 1
        row += 1
    return row + 1


def _sheet(workbook, title: str, widths=(38,)):
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index in range(len(widths) + 1, 20):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    return sheet


def _summary_sheet(workbook, figures: Figures) -> None:
    sheet = _sheet(workbook, _("Samenvatting"), widths=(38, 14, 14))
    organisation = Organisation.get()
    sheet.cell(
        row=1, column=1, value=_("Cijfers %(period)s") % {"period": figures.period.label}
    ).font = TITLE
    sheet.cell(row=2, column=1, value=organisation.name)
    rows = [
        (_("Periode van"), figures.period.first, figures.previous.first),
        (_("Periode tot en met"), figures.period.last, figures.previous.last),
        (_("Dossiers"), figures.scope.label, ""),
    ]
    labels = {
        "opened": _("Geopend"),
        "reached": _("Bereikt"),
        "before_deadline": _("Bereikt vóór de termijn"),
        "not_reached": _("Niet bereikt"),
        "rate": _("Bereikgraad"),
    }
    sheet.cell(row=4, column=2, value=figures.period.short_label).font = BOLD
    sheet.cell(row=4, column=3, value=figures.previous.short_label).font = BOLD
    row = 5
    for label, current, previous in rows:
        sheet.cell(row=row, column=1, value=label)
        for column, value in ((2, current), (3, previous)):
            target = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, datetime.date):
                target.number_format = "DD/MM/YYYY"
        row += 1
    for key, cell in figures.summary.items():
        sheet.cell(row=row, column=1, value=labels[key])
        for period, column in ((0, 2), (1, 3)):
            target = sheet.cell(
                row=row, column=column, value=_excel_value(cell.values()[period], cell.kind, False)
            )
            target.number_format = _format(cell.kind)
        row += 1
    for key, label in (("eerste_poging", _("eerste poging")), ("bereikt", _("bereikt"))):
        durations = figures.durations.get(key)
        if durations is None:
            continue
        for name, cell in (
            (_("Dagen tot %(what)s: mediaan") % {"what": label}, durations.median),
            (_("Dagen tot %(what)s: 90ste percentiel") % {"what": label}, durations.p90),
        ):
            sheet.cell(row=row, column=1, value=name)
            sheet.cell(row=row, column=2, value=cell.current)
            sheet.cell(row=row, column=3, value=cell.previous)
            row += 1
    sheet.cell(row=row + 1, column=1, value=_("Afgedrukt op")).font = BOLD
    printed = sheet.cell(row=row + 1, column=2, value=timezone.localtime().replace(tzinfo=None))
    printed.number_format = "DD/MM/YYYY HH:MM"


def _months_sheet(workbook, figures: Figures) -> None:
    sheet = _sheet(workbook, _("Per maand"), widths=(14, 14, 14, 14))
    for column, header in enumerate(
        (_("Maand"), _("Geopend"), _("Bereikt"), _("Bereikgraad")), start=1
    ):
        sheet.cell(row=1, column=column, value=header).font = BOLD
    for row, (month, opened, reached) in enumerate(figures.months, start=2):
        sheet.cell(row=row, column=1, value=month.first).number_format = "MM/YYYY"
        sheet.cell(row=row, column=2, value=opened)
        sheet.cell(row=row, column=3, value=reached)
        if opened:
            sheet.cell(row=row, column=4, value=reached / opened).number_format = "0.0%"


def xlsx(figures: Figures) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _summary_sheet(workbook, figures)
    if figures.months:
        _months_sheet(workbook, figures)
    for title, keys in SHEETS:
        tables = [figures.tables[key] for key in keys if key in figures.tables]
        if not tables:
            continue
        sheet = _sheet(workbook, title)
        row = 1
        for table in tables:
            row = _write_table(sheet, table, figures, row)
        if title == "Contact" and "brochures" in figures.notes:
            cell = figures.notes["brochures"]
            sheet.cell(row=row, column=1, value=_("Dossiers waarin de brochure overhandigd werd"))
            sheet.cell(row=row, column=2, value=cell.current)
            sheet.cell(row=row, column=3, value=cell.previous)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf(figures: Figures) -> bytes:
    tables = {key: table for key, table in figures.tables.items() if key != "bereik_medewerker"}
    drawn = charts.all_charts(figures)
    drawn.pop("medewerker", None)
    return render_pdf(
        "reports/overview_pdf.html",
        {
            "figures": figures,
            "tables": tables,
            "charts": drawn,
            "sheets": [
                (title, [tables[key] for key in keys if key in tables]) for title, keys in SHEETS
            ],
            "organisation": Organisation.get(),
            "printed_at": timezone.localtime(),
        },
    )


def render(figures: Figures, fmt: str) -> tuple[bytes, str]:
    if fmt == "xlsx":
        return xlsx(figures), XLSX_CONTENT_TYPE
    return pdf(figures), PDF_CONTENT_TYPE
