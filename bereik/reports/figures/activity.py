"""What was done for the dossiers opened in the period: contact attempts by kind and result, home
visits, letters by type, brochures handed over (outreach); conversations and payment plans, plans
still kept after 3, 6 and 12 months, rights investigations, support requests, referrals, warm
handovers and water scans (help). Counted whenever they happened: the dossiers of a period carry
their whole story. One query per kind of record."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.dossiers.models import Dossier
from bereik.followup.models import (
    ExternalReferral,
    InternalReferral,
    Proposal,
    RightCheck,
    SupportRequest,
    WaterScan,
)
from bereik.lib.days import day_start
from bereik.outreach.models import BrochureHandover, ContactAttempt, Letter
from bereik.reports import definitions
from bereik.reports.figures.base import PERCENT, Cell, Row, Table, rate
from bereik.reports.figures.span import Span

DOSSIER = "dossier__"


def _of(model, scope, span: Span, *extra):
    """The rows of `model` on the scope's dossiers of both periods, marked with their period."""
    return (
        model.objects.filter(scope.dossiers(DOSSIER), span.opened(DOSSIER), *extra)
        .annotate(p=span.opened_marker(DOSSIER))
        .order_by()
    )


def _pair(counts: dict, key) -> tuple[int, int]:
    return counts.get((1, key), 0), counts.get((0, key), 0)


def _cell(
    span: Span, values: tuple[int, int], figure: str, *, dossiers: bool = False, **filters
) -> Cell:
    """A number and the worklist filters of its dossiers (`dossiers`: it counts them)."""
    filters["cijfer"] = figure
    return Cell(*values, links=span.opened_links(**filters), dossiers=dossiers)


def attempts_table(scope, span: Span) -> Table:
    rows = _of(ContactAttempt, scope, span, definitions.CURRENT_ATTEMPT)
    counts = defaultdict(int)
    for row in rows.values("p", "kind", "result").annotate(n=Count("pk")):
        counts[(row["p"], row["kind"], row["result"])] += row["n"]
        counts[(row["p"], row["kind"], "*")] += row["n"]
        counts[(row["p"], "*", row["result"])] += row["n"]
        counts[(row["p"], "*", "*")] += row["n"]
        if row["kind"] in ContactAttempt.VISIT_KINDS:
            counts[(row["p"], "bezoek", row["result"])] += row["n"]
            counts[(row["p"], "bezoek", "*")] += row["n"]
    results = [(code, str(label)) for code, label in ContactAttempt.Result.choices]
    kinds = [("*", _("Alle pogingen"))] + [
        (code, str(label))
        for code, label in ContactAttempt.Kind.choices
        if counts.get((1, code, "*")) or counts.get((0, code, "*"))
    ]
    if any(counts.get((p, "bezoek", "*")) for p in (0, 1)):
        kinds.insert(1, ("bezoek", _("Huisbezoeken (beide soorten)")))
    table_rows = []
    for kind, label in kinds:
        cells = [
            _cell(
                span,
                (counts.get((1, kind, result), 0), counts.get((0, kind, result), 0)),
                f"poging:{kind}:{result}",
            )
            for result, _label in [("*", ""), *results]
        ]
        table_rows.append(Row(label, cells, total=kind in ("*", "bezoek"), key=kind))
    return Table(
        "pogingen",
        _("Contactpogingen per soort en resultaat"),
        [_("Totaal"), *(label for _code, label in results)],
        table_rows,
        caption=_("Aantal contactpogingen (verbeterde en geschrapte niet meegeteld)."),
    )


def letters_table(scope, span: Span) -> Table:
    counts, sent = defaultdict(int), defaultdict(int)
    rows = _of(Letter, scope, span).values("p", "letter_type")
    for row in rows.annotate(n=Count("pk"), sent=Count("pk", filter=Q(sent_on__isnull=False))):
        counts[(row["p"], row["letter_type"])] += row["n"]
        sent[(row["p"], row["letter_type"])] += row["sent"]
    types = sorted({key for _p, key in counts}, key=lambda code: definitions.letter_label(code))
    return Table(
        "brieven",
        _("Brieven per soort"),
        [_("Gemaakt"), _("Verstuurd")],
        [
            Row(
                definitions.letter_label(code),
                [
                    _cell(span, _pair(counts, code), f"brief:{code}"),
                    _cell(span, _pair(sent, code), f"brief-verstuurd:{code}"),
                ],
                key=code,
            )
            for code in types
        ],
    )


def brochures(scope, span: Span) -> Cell:
    counts = dict(
        _of(BrochureHandover, scope, span)
        .values("p")
        .annotate(n=Count("dossier", distinct=True))
        .values_list("p", "n")
    )
    return _cell(span, (counts.get(1, 0), counts.get(0, 0)), "brochure", dossiers=True)


def _status_counts(model, scope, span: Span, field: str) -> dict:
    counts = defaultdict(int)
    for row in _of(model, scope, span).values("p", field).annotate(n=Count("pk")):
        counts[(row["p"], row[field])] += row["n"]
        counts[(row["p"], "*")] += row["n"]
    return counts


def help_table(scope, span: Span) -> Table:
    proposals = {
        row["p"]: row
        for row in _of(Proposal, scope, span)
        .values("p")
        .annotate(
            dossiers=Count("dossier", distinct=True),
            plans=Count("dossier", distinct=True, filter=definitions.PAYMENT_PLAN),
        )
    }
    rights = {
        row["p"]: row
        for row in _of(RightCheck, scope, span)
        .values("p")
        .annotate(
            dossiers=Count("dossier", distinct=True),
            applied=Count("pk", filter=definitions.RIGHT_APPLIED),
        )
    }

    def pair(found, name):
        return found.get(1, {}).get(name, 0), found.get(0, {}).get(name, 0)

    rows = [
        Row(
            _("Dossiers met een gesprek en voorstel"),
            [_cell(span, pair(proposals, "dossiers"), "voorstel", dossiers=True)],
        ),
        Row(
            _("Dossiers met een afbetalingsplan"),
            [_cell(span, pair(proposals, "plans"), "plan", dossiers=True)],
        ),
        Row(
            _("Dossiers met een rechtenonderzoek"),
            [_cell(span, pair(rights, "dossiers"), "rechtenonderzoek", dossiers=True)],
        ),
        Row(_("Rechten aangevraagd"), [_cell(span, pair(rights, "applied"), "recht-aangevraagd")]),
    ]
    for model, field, figure, title, choices in (
        (SupportRequest, "decision", "steun", _("Steunaanvragen"), SupportRequest.Decision.choices),
        (
            InternalReferral,
            "status",
            "intern",
            _("Interne doorverwijzingen"),
            InternalReferral.Status.choices,
        ),
        (
            ExternalReferral,
            "status",
            "extern",
            _("Warme overdrachten (extern)"),
            ExternalReferral.Status.choices,
        ),
        (WaterScan, "status", "waterscan", _("Waterscans aangevraagd"), WaterScan.Status.choices),
    ):
        counts = _status_counts(model, scope, span, field)
        rows.append(Row(title, [_cell(span, _pair(counts, "*"), figure)], total=True))
        for code, label in choices:
            rows.append(
                Row(f"– {label}", [_cell(span, _pair(counts, code), f"{figure}:{code}")], key=code)
            )
    return Table(
        "hulp",
        _("Hulp"),
        [_("Aantal")],
        rows,
        caption=_(
            "Aantallen aanvragen, doorverwijzingen en scans; bij een dossier telt het dossier één "
            "keer."
        ),
        breakdown=False,
    )


def plans_table(scope, span: Span, today=None) -> Table:
    """Payment plans still kept after 3, 6 and 12 months, of the plans that have run that long
    (two queries)."""
    today = today or timezone.localdate()
    checks = definitions.plan_checks(Dossier.objects.filter(scope.dossiers(), span.opened()))
    start = day_start(span.current.first)
    rows = []
    for months in definitions.PLAN_MONTHS:
        measured, kept = {1: 0, 0: 0}, {1: 0, 0: 0}
        for check in checks:
            period = 1 if check.opened_at >= start else 0
            measured[period] += check.measurable(months, today)
            kept[period] += check.kept(months, today)
        rows.append(
            Row(
                _("Na %(months)d maanden") % {"months": months},
                [
                    _cell(
                        span, (measured[1], measured[0]), f"plan-meetbaar:{months}", dossiers=True
                    ),
                    _cell(span, (kept[1], kept[0]), f"plan-nageleefd:{months}", dossiers=True),
                    Cell(rate(kept[1], measured[1]), rate(kept[0], measured[0]), kind=PERCENT),
                ],
                key=str(months),
            )
        )
    return Table(
        "plannen",
        _("Afbetalingsplannen nog nageleefd"),
        [_("Plannen die zo lang lopen"), _("Nog nageleefd"), _("Aandeel")],
        rows,
        caption=_(
            "Een plan telt als nageleefd zolang de maatschappij na de eerste betaling geen nieuw "
            "signaal voor het dossier stuurde."
        ),
        breakdown=False,
    )
