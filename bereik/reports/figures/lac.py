"""The LAC: the sessions held in the period (by their date) and the dossiers on their agenda:
sessions and dossiers per company, dossiers reached before the session, the client present,
represented or absent, the advice by type, unanimity, and advice given after the legal deadline.
Two queries: the sessions, and the agenda items grouped by everything the tables need."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import BooleanField, Count, ExpressionWrapper
from django.utils.translation import gettext as _

from bereik.lac.models import AgendaItem, Session
from bereik.reports import definitions
from bereik.reports.figures.base import AVERAGE, PERCENT, Cell, Row, Table, rate
from bereik.reports.figures.span import Span


def _flag(q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


def lac_tables(scope, span: Span, company_names: dict) -> list[Table]:
    sessions = defaultdict(int)
    rows = (
        Session.objects.filter(scope.session_filter, span.sessions())
        .annotate(p=span.sessions_marker())
        .values("p", "company_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        sessions[(row["p"], row["company_id"])] += row["n"]
        sessions[(row["p"], "*")] += row["n"]

    items = (
        AgendaItem.objects.filter(scope.items(), span.sessions("session__"))
        .annotate(
            p=span.sessions_marker("session__"),
            before=_flag(definitions.LAC_REACHED_BEFORE),
            late=_flag(definitions.LAC_LATE),
        )
        .values("p", "session__company_id", "attendance", "advice", "unanimous", "before", "late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(int)
    for row in items:
        p, n = row["p"], row["n"]
        for company in (row["session__company_id"], "*"):
            counts[(p, "items", company)] += n
            if row["before"]:
                counts[(p, "before", company)] += n
        counts[(p, "attendance", row["attendance"])] += n
        counts[(p, "advice", row["advice"])] += n
        if row["advice"]:
            counts[(p, "unanimous", row["unanimous"])] += n
            if row["late"]:
                counts[(p, "late", None)] += n

    def pair(*key):
        return counts.get((1, *key), 0), counts.get((0, *key), 0)

    def cell(values, *conditions):
        return Cell(*values, links=span.lac_links(*conditions))

    companies = sorted(
        {company for _p, company in sessions if company != "*"},
        key=lambda pk: company_names.get(pk, "").lower(),
    )
    per_company = []
    for company in ["*", *companies]:
        conditions = () if company == "*" else ("maatschappij", company)
        held = sessions.get((1, company), 0), sessions.get((0, company), 0)
        on_agenda = pair("items", company)
        before = pair("before", company)
        per_company.append(
            Row(
                _("Alle zittingen") if company == "*" else company_names.get(company, "?"),
                [
                    cell(held, *conditions),
                    cell(on_agenda, *conditions),
                    Cell(
                        on_agenda[0] / held[0] if held[0] else None,
                        on_agenda[1] / held[1] if held[1] else None,
                        kind=AVERAGE,
                    ),
                    cell(before, *conditions, "bereikt-voor"),
                    Cell(
                        rate(before[0], on_agenda[0]), rate(before[1], on_agenda[1]), kind=PERCENT
                    ),
                ],
                total=company == "*",
                key=str(company),
            )
        )
    attendance = [
        Row(str(label), [cell(pair("attendance", code), "aanwezigheid", code)], key=code)
        for code, label in AgendaItem.Attendance.choices
    ]
    attendance.append(
        Row(_("Niet genoteerd"), [cell(pair("attendance", ""), "aanwezigheid", "geen")], key="")
    )
    advice = [
        Row(str(label), [cell(pair("advice", code), "advies", code)], key=code)
        for code, label in AgendaItem.Advice.choices
        if any(pair("advice", code))
    ]
    advice.append(Row(_("Nog geen advies"), [cell(pair("advice", ""), "advies", "geen")], key=""))
    decision = [
        Row(_("Unaniem"), [cell(pair("unanimous", True), "unaniem", "ja")]),
        Row(_("Niet unaniem"), [cell(pair("unanimous", False), "unaniem", "nee")]),
        Row(_("Advies na de wettelijke termijn"), [cell(pair("late", None), "na-termijn")]),
    ]
    dossiers = _("Dossiers")
    return [
        Table(
            "lac_zittingen",
            _("LAC-zittingen per maatschappij"),
            [
                _("Zittingen"),
                _("Dossiers op de agenda"),
                _("Dossiers per zitting"),
                _("Bereikt vóór de zitting"),
                _("Aandeel bereikt vóór de zitting"),
            ],
            per_company,
            caption=_("De zittingen gehouden in de periode en de dossiers op hun agenda."),
        ),
        Table("lac_aanwezigheid", _("De cliënt op de zitting"), [dossiers], attendance),
        Table("lac_advies", _("Advies per soort"), [dossiers], advice),
        Table(
            "lac_beslissing",
            _("Unanimiteit en termijn"),
            [dossiers],
            decision,
            caption=_("Van de dossiers met een advies."),
        ),
    ]
