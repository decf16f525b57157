"""The columns of the dossier worklists: one definition for the screen and the CSV/XLSX export.

`COLUMNS` is the export, in its order (README.md, "Exporting dossiers"). A column with a `cell`
is also on the screen: its heading, its place from left to right, and how the cell is drawn (a
function of `bereik/dossiers/cells.py` that makes its HTML, or the value as text). Adding a column
is one entry here; for example the date the household was reached, in the export and on wide
screens:

    Column("Bereikt op", lambda d: d.reached_on, 12,
           cell=Cell(95, _("Bereikt op"), wide_only=True)),

A value that needs a related object names it in `related`, so the rows still come in one query.
A value that only a later app knows how to read (the first contact attempt, the label of the
outcome, the LAC's advice) names an `annotation`; that app registers the expression with
`register_annotation(name, func)` from its AppConfig.ready() (the figures do, so the export and the
figures read the same definitions), and it is added to the same query as a subquery. Without it
the value is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import cells
from bereik.lib import drawing
from bereik.lib.export import Column as ExportColumn


@dataclass(frozen=True)
class Cell:
    order: int  # place on the screen, left to right
    header: str
    # (dossier, page) -> its HTML (`bereik.dossiers.cells`, `cells.Page`); None: the value
    draw: Callable | None = None
    wide_only: bool = False  # not on a phone


@dataclass(frozen=True)
class Column:
    header: str  # the export's heading
    value: Callable  # dossier -> str, int, Decimal, date or None
    width: int = 16  # XLSX width, in characters
    cell: Cell | None = None
    related: tuple[str, ...] = ()
    annotation: str = ""  # a value registered with `register_annotation`

    def export(self) -> ExportColumn:
        return ExportColumn(self.header, self.value, self.width)


_annotations: dict[str, Callable] = {}


def register_annotation(name: str, expression: Callable) -> None:
    """`expression()` gives the (subquery) expression for the column's `annotation` `name`."""
    _annotations[name] = expression


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _day(moment):
    return timezone.localdate(moment) if moment is not None else None


COLUMNS = [
    Column("Dossiernummer", lambda d: d.number, 14, cell=Cell(10, _("Dossier"), cells.number)),
    Column(
        "Soort",
        lambda d: d.get_kind_display(),
        10,
        cell=Cell(30, _("Soort"), cells.label("kind"), wide_only=True),
    ),
    Column(
        "Maatschappij",
        lambda d: d.company.name if d.company else "",
        16,
        cell=Cell(40, _("Maatschappij"), cells.company, wide_only=True),
        related=("company",),
    ),
    Column("Klantnummer", lambda d: d.customer_number, 16),
    Column(
        "Cliëntnummer",
        lambda d: d.client.client_number if d.client else "",
        14,
        related=("client",),
    ),
    Column("Naam", lambda d: d.household_name, 28, cell=Cell(20, _("Huishouden"), cells.household)),
    Column(
        "Beschermde klant",
        lambda d: {True: "ja", False: "nee"}.get(d.protected_customer, ""),
        9,
        cell=Cell(25, _("Beschermd"), cells.protected, wide_only=True),
    ),
    Column("Postcode", lambda d: d.postcode, 9),
    Column("Gemeente", lambda d: d.city, 16),
    Column("Route", lambda d: d.route, 7, cell=Cell(50, _("Route"), cells.route, wide_only=True)),
    Column(
        "Toegewezen aan",
        lambda d: _name(d.assigned_to),
        20,
        cell=Cell(70, _("Toegewezen aan"), cells.worker, wide_only=True),
        related=("assigned_to",),
    ),
    Column("Team", lambda d: d.team.name if d.team else "", 18, related=("team",)),
    Column(
        "Status",
        lambda d: d.get_status_display(),
        14,
        cell=Cell(60, _("Status"), cells.label("status"), wide_only=True),
    ),
    Column(
        "Termijn",
        lambda d: d.deadline,
        12,
        cell=Cell(90, _("Termijn"), cells.deadline_and_attention),
    ),
    Column("Soort termijn", lambda d: d.get_deadline_kind_display() if d.deadline_kind else "", 16),
    Column("Dagen resterend", lambda d: d.days_left, 10),
    Column("Geopend op", lambda d: _day(d.opened_at), 12),
    Column(
        "Eerste poging",
        lambda d: getattr(d, "first_attempt_on", None),
        12,
        annotation="first_attempt_on",
    ),
    Column("Bereikt op", lambda d: d.reached_on, 12),
    Column(
        "Volgende stap", lambda d: d.next_step, 36, cell=Cell(80, _("Volgende stap"), cells.step)
    ),
    Column("Datum volgende stap", lambda d: d.next_step_date, 12),
    Column(
        "Uitkomst",
        lambda d: (getattr(d, "outcome_label", None) or d.outcome) if d.outcome else "",
        24,
        annotation="outcome_label",
    ),
    Column("Afgesloten op", lambda d: _day(d.closed_at), 12),
    Column(
        "LAC-advies", lambda d: getattr(d, "lac_advice", None) or "", 22, annotation="lac_advice"
    ),
]


def related() -> list[str]:
    return sorted({name for column in COLUMNS for name in column.related})


def with_related(queryset: QuerySet, columns: list[Column] | None = None) -> QuerySet:
    """The rows with everything the columns need, in one query: the related objects joined, and
    the registered values of `columns` (default: all of them, as the export) as subqueries."""
    columns = COLUMNS if columns is None else columns
    annotations = {
        column.annotation: _annotations[column.annotation]()
        for column in columns
        if column.annotation in _annotations
    }
    return queryset.select_related(*related()).annotate(**annotations)


def export_columns() -> list[ExportColumn]:
    return [column.export() for column in COLUMNS]


def screen_columns() -> list[Column]:
    return sorted((c for c in COLUMNS if c.cell is not None), key=lambda c: c.cell.order)


@dataclass
class ScreenRow:
    """A dossier on a worklist page: its cells in screen order, `(column, value)` (the value
    drawn as HTML, or as it is), and `html`, its table row, drawn when a template asks for it
    (a page has 25 to 100 rows of a dozen cells; the template engine drew them ten times
    slower). `choose`: the row starts with a box to choose the dossier for the bulk actions,
    labelled by this text with the dossier's number (translated once a page); "" for none."""

    dossier: object
    cells: list
    choose: str = ""

    @cached_property
    def html(self) -> SafeString:
        """The row as the template drew it: a value shown as it is in local time, localized
        and escaped."""
        dossier = self.dossier
        parts = [
            '<tr class="row-attention">\n'
            if getattr(dossier, "deadline_near_unreached", False)
            or getattr(dossier, "next_step_overdue", False)
            else "<tr>\n"
        ]
        if self.choose:
            label = self.choose % {"number": dossier.number}
            parts.append(
                drawing.format_html(
                    '<td><input class="form-check-input" type="checkbox" name="dossiers" '
                    'value="{}" id="kies-{}" aria-label="{}"></td>\n',
                    dossier.pk,
                    dossier.pk,
                    label,
                )
            )
        for column, value in self.cells:
            shown = drawing.text(value)
            parts.append(f"<td{_WIDE if column.cell.wide_only else ''}>{shown}</td>")
        parts.append("\n</tr>")
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


_WIDE = ' class="d-none d-md-table-cell"'


def screen_rows(dossiers, *, choose: bool = False) -> list[ScreenRow]:
    """Each dossier with its cells in screen order (`ScreenRow`), drawn against one
    `cells.Page` (today, the warning period, the words: read once, not once a row)."""
    columns = screen_columns()
    page = cells.Page()
    label = gettext("Dossier %(number)s kiezen") if choose else ""
    return [
        ScreenRow(
            dossier,
            [(c, c.cell.draw(dossier, page) if c.cell.draw else c.value(dossier)) for c in columns],
            label,
        )
        for dossier in dossiers
    ]
