"""What came of the dossiers opened in the period: closed by outcome code (as they stand today),
still open, cut-offs avoided and not avoided, and dossiers reopened after a closing."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.utils.translation import gettext as _

from bereik.dossiers.models import Dossier
from bereik.followup.models import Closure
from bereik.reports import definitions
from bereik.reports.figures.base import Cell, Row, Table
from bereik.reports.figures.span import Span


def outcome_tables(scope, span: Span, labels: dict) -> list[Table]:
    """Two queries: the dossiers per outcome (None: not closed) and the reopened ones."""
    closed_with = Case(
        When(status=Dossier.Status.CLOSED, then=F("outcome")),
        default=Value(None),
        output_field=CharField(),
    )
    rows = (
        Dossier.objects.filter(scope.dossiers(), span.opened())
        .annotate(p=span.opened_marker(), closed_with=closed_with)
        .values("p", "closed_with")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(int)
    for row in rows:
        counts[(row["p"], row["closed_with"])] += row["n"]

    def pair(key):
        return counts.get((1, key), 0), counts.get((0, key), 0)

    def cell(key, **filters):
        return Cell(*pair(key), links=span.opened_links(**filters), dossiers=True)

    codes = sorted(
        {key for _p, key in counts if key is not None},
        key=lambda code: (labels.get(code, (999, code))[0], code),
    )
    rows = [
        Row(
            labels.get(code, (0, code or _("Zonder uitkomst")))[1],
            [cell(code, status="afgesloten", uitkomst=code or "geen")],
            key=code,
        )
        for code in codes
    ]
    rows.append(Row(_("Nog niet afgesloten"), [cell(None, status="open")], key="open"))
    reopened = dict(
        Closure.objects.filter(
            Q(reopened_at__isnull=False), scope.dossiers("dossier__"), span.opened("dossier__")
        )
        .annotate(p=span.opened_marker("dossier__"))
        .values("p")
        .annotate(n=Count("dossier", distinct=True))
        .order_by()
        .values_list("p", "n")
    )
    summary = [
        Row(
            labels.get(definitions.CUTOFF_AVOIDED, (0, _("Afsluiting vermeden")))[1],
            [
                cell(
                    definitions.CUTOFF_AVOIDED,
                    status="afgesloten",
                    uitkomst=definitions.CUTOFF_AVOIDED,
                )
            ],
        ),
        Row(
            labels.get(definitions.CUTOFF_NOT_AVOIDED, (0, _("Afsluiting niet vermeden")))[1],
            [
                cell(
                    definitions.CUTOFF_NOT_AVOIDED,
                    status="afgesloten",
                    uitkomst=definitions.CUTOFF_NOT_AVOIDED,
                )
            ],
        ),
        Row(
            _("Heropende dossiers"),
            [
                Cell(
                    reopened.get(1, 0),
                    reopened.get(0, 0),
                    links=span.opened_links(cijfer="heropend"),
                    dossiers=True,
                )
            ],
        ),
    ]
    dossiers = _("Dossiers")
    return [
        Table(
            "uitkomsten",
            _("Afgesloten per uitkomst"),
            [dossiers],
            rows,
            caption=_("Hoe de dossiers die in de periode geopend werden er vandaag voor staan."),
        ),
        Table(
            "afsluitingen",
            _("Afsluitingen vermeden en heropende dossiers"),
            [dossiers],
            summary,
            breakdown=False,
        ),
    ]
