"""What each figure counts, defined once: the figures count with these conditions and the
worklist's figure filter (`cijfer`, worklist_filters.py) lists the dossiers with the same ones,
so a number and the list behind it cannot disagree. The export's columns "Eerste poging" and
"LAC-advies" read the same definitions (export_columns.py).

The reach itself is defined on the dossier (`DossierQuerySet.opened_between_q`, `reached_q`,
`reached_before_deadline_q`): the worklists' own filters "Geopend vanaf / tot en met" and
"Bereikt" use those.

A figure filter is a short text: `poging:<kind>:<result>` (either may be `*`; the kind `bezoek`
is both kinds of home visit), `brief:<type>`, `brief-verstuurd:<type>`, `brochure`, `voorstel`,
`plan`, `plan-nageleefd:<months>`, `plan-meetbaar:<months>`, `rechtenonderzoek`,
`recht-aangevraagd`, `steun[:<decision>]`, `intern[:<status>]`, `extern[:<status>]`,
`waterscan[:<status>]`, `heropend`, and for the LAC `lac:<first>:<last>[:<what>[:<value>]]`
(the agenda items of the sessions from `first` to `last`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, F, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.dossiers.models import Signal
from bereik.followup.models import (
    Closure,
    ExternalReferral,
    InternalReferral,
    OutcomeCode,
    Proposal,
    RightCheck,
    SupportRequest,
    WaterScan,
)
from bereik.lac.models import AgendaItem
from bereik.lib.documents import format_date
from bereik.organisation.models import Company
from bereik.outreach import letters
from bereik.outreach.models import BrochureHandover, ContactAttempt, Letter
from bereik.reports.periods import add_months

# The outcome codes of the default list that say whether the cut-off was avoided (a code never
# changes once created: Beheer → Hulp en opvolging can reword the label, not the code).
CUTOFF_AVOIDED = "afsluiting_vermeden"
CUTOFF_NOT_AVOIDED = "afsluiting_niet_vermeden"
PLAN_MONTHS = (3, 6, 12)
VISITS = "bezoek"
ANY = "*"

# --- contact attempts --------------------------------------------------------------------------

CURRENT_ATTEMPT = Q(is_current=True)  # corrected and struck attempts no longer count


def attempt_q(kind: str = ANY, result: str = ANY) -> Q:
    q = CURRENT_ATTEMPT
    if kind == VISITS:
        q &= Q(kind__in=ContactAttempt.VISIT_KINDS)
    elif kind != ANY:
        q &= Q(kind=kind)
    if result != ANY:
        q &= Q(result=result)
    return q


def first_attempt_date():
    """The date of the dossier's earliest current contact attempt (a subquery on Dossier)."""
    attempts = ContactAttempt.objects.filter(CURRENT_ATTEMPT, dossier=OuterRef("pk"))
    return Subquery(attempts.order_by("date").values("date")[:1])


def letter_label(code: str) -> str:
    try:
        return str(letters.get_letter_type(code).label)
    except LookupError:
        return code


# --- help ---------------------------------------------------------------------------------------

# A payment plan: a conversation whose proposal is a payment plan the client agreed to.
PAYMENT_PLAN = Q(
    arrangement=Proposal.Arrangement.PLAN,
    client_agrees=Proposal.Agreement.AGREES,
    start_date__isnull=False,
)
RIGHT_APPLIED = Q(status=RightCheck.Status.APPLIED)


@dataclass(frozen=True)
class PlanCheck:
    """A dossier's first payment plan and the first signal of its company after it started."""

    dossier_id: int
    opened_at: datetime.datetime
    start: datetime.date
    next_signal: datetime.date | None

    def measurable(self, months: int, today: datetime.date) -> bool:
        """The plan has run `months` months by today."""
        return add_months(self.start, months) <= today

    def kept(self, months: int, today: datetime.date) -> bool:
        """Still kept after `months` months: no new signal (a LAC request, a warning, a line of
        the weekly report) came in from the company for the same customer in the months after
        the first payment, in this dossier or in a later one."""
        return self.measurable(months, today) and (
            self.next_signal is None or self.next_signal > add_months(self.start, months)
        )


def plan_checks(dossiers) -> list[PlanCheck]:
    """The payment plans of `dossiers` (a queryset on Dossier), in two queries: each dossier's
    first plan, and the company's signals about the same customer (company and customer number,
    whichever dossier they went to) that came in after a plan started."""
    plans = Proposal.objects.filter(PAYMENT_PLAN, dossier__in=dossiers.values("pk"))
    plans = plans.order_by()
    starts = {
        dossier_id: (opened_at, start)
        for dossier_id, opened_at, start in plans.values("dossier_id", "dossier__opened_at")
        .annotate(start=Min("start_date"))
        .order_by()
        .values_list("dossier_id", "dossier__opened_at", "start")
    }
    # Signals from the day a plan's first payment on (the database compares the moment with the
    # start of that day in UTC, which keeps every later Belgian day; the exact day is checked
    # below, against the dossier's first plan).
    # `kind__in` lets the database use the signals' index (company, kind, customer number).
    signals = (
        plans.exclude(dossier__customer_number="")
        .filter(
            dossier__company__signals__kind__in=Signal.Kind.values,
            dossier__company__signals__customer_number=F("dossier__customer_number"),
            dossier__company__signals__received_at__gt=F("start_date"),
        )
        .order_by()
        .values_list("dossier_id", "dossier__company__signals__received_at")
    )
    next_signal: dict[int, datetime.date] = {}
    for dossier_id, received_at in signals:
        day = timezone.localdate(received_at)
        start = starts[dossier_id][1]
        if day > start and day < next_signal.get(dossier_id, datetime.date.max):
            next_signal[dossier_id] = day
    return [
        PlanCheck(dossier_id, opened_at, start, next_signal.get(dossier_id))
        for dossier_id, (opened_at, start) in sorted(starts.items())
    ]


# --- the LAC ------------------------------------------------------------------------------------

LAC_REACHED_BEFORE = Q(
    dossier__reached_on__isnull=False, dossier__reached_on__lt=F("session__date")
)
LAC_HAS_ADVICE = ~Q(advice="")
# Advice given after the legal deadline: the session fell after it.
LAC_LATE = LAC_HAS_ADVICE & Q(legal_deadline__isnull=False, legal_deadline__lt=F("session__date"))


def lac_sessions_q(first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}date__gte": first, f"{prefix}date__lte": last})


def lac_advice_label():
    """The latest advice of the dossier's LAC sessions, in words (a subquery on Dossier)."""
    items = (
        AgendaItem.objects.filter(LAC_HAS_ADVICE, dossier=OuterRef("pk"))
        .annotate(
            label=Case(
                When(
                    Q(advice=AgendaItem.Advice.OTHER) & ~Q(advice_other=""),
                    then=F("advice_other"),
                ),
                *[
                    When(advice=code, then=Value(str(label)))
                    for code, label in AgendaItem.Advice.choices
                ],
                default=Value(""),
                output_field=CharField(),
            )
        )
        .order_by("-session__date", "-pk")
    )
    return Subquery(items.values("label")[:1])


def outcome_label():
    """The label of the dossier's outcome code (a subquery on Dossier)."""
    codes = OutcomeCode.objects.filter(code=OuterRef("outcome"))
    return Subquery(codes.values("name")[:1])


# --- the figure filter --------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A figure filter, parsed: the dossiers that have a row of `model` matching `q`, or (for
    the payment plans kept) the ones `select` picks."""

    description: str
    model: type | None = None
    q: Q = Q()
    select: Callable | None = None  # (queryset of dossiers) -> ids

    def apply(self, queryset):
        if self.select is not None:
            return queryset.filter(pk__in=self.select(queryset))
        rows = self.model.objects.filter(self.q, dossier=OuterRef("pk"))
        return queryset.filter(Exists(rows))


def _choice(choices, value: str) -> str | None:
    labels = dict(choices)
    return str(labels[value]) if value in labels else None


def _attempt(args) -> Condition | None:
    kind = args[0] if args else ANY
    result = args[1] if len(args) > 1 else ANY
    kinds = {VISITS: _("huisbezoek"), ANY: None, **dict(ContactAttempt.Kind.choices)}
    results = {ANY: None, **dict(ContactAttempt.Result.choices)}
    if kind not in kinds or result not in results:
        return None
    what = ", ".join(str(p).lower() for p in (kinds[kind], results[result]) if p)
    text = _("Dossiers met een contactpoging") + (f": {what}" if what else "")
    return Condition(text, ContactAttempt, attempt_q(kind, result))


def _status(model, choices, label: str, args) -> Condition | None:
    if not args:
        return Condition(label, model)
    name = _choice(choices, args[0])
    if name is None:
        return None
    field = "decision" if model is SupportRequest else "status"
    return Condition(f"{label}: {name}", model, Q(**{field: args[0]}))


def _plans(args, measurable_only: bool) -> Condition | None:
    if not args or not args[0].isdigit() or int(args[0]) not in PLAN_MONTHS:
        return None
    months = int(args[0])

    def select(queryset):
        today = timezone.localdate()
        return [
            check.dossier_id
            for check in plan_checks(queryset)
            if (check.measurable if measurable_only else check.kept)(months, today)
        ]

    if measurable_only:
        text = _("Dossiers met een afbetalingsplan dat al %(months)d maanden loopt")
    else:
        text = _("Dossiers met een afbetalingsplan dat na %(months)d maanden nog nageleefd wordt")
    return Condition(text % {"months": months}, select=select)


# What a LAC figure can ask of an agenda item, and whether it takes a value.
LAC_WHATS = {
    "maatschappij": True,
    "bereikt-voor": False,
    "aanwezigheid": True,
    "advies": True,
    "unaniem": True,
    "na-termijn": False,
}


def lac_condition(args) -> Condition | None:
    """`first:last[:what[:value]]...`: the dossiers with an agenda item on a session from `first`
    to `last` (ISO dates) that has every one of the `what`s (see `lac_item_q`)."""
    try:
        first = datetime.date.fromisoformat(args[0])
        last = datetime.date.fromisoformat(args[1])
    except (IndexError, ValueError):
        return None
    texts, q, rest = [], Q(), list(args[2:])
    while rest:
        what = rest.pop(0)
        if what not in LAC_WHATS:
            return None
        value = rest.pop(0) if LAC_WHATS[what] and rest else ""
        described = lac_item_q(what, value)
        if described is None:
            return None
        texts.append(described[0])
        q &= described[1]
    period = _("LAC-zittingen van %(first)s tot en met %(last)s") % {
        "first": format_date(first),
        "last": format_date(last),
    }
    return Condition(
        ": ".join([period, ", ".join(texts)]) if texts else period,
        AgendaItem,
        lac_sessions_q(first, last, "session__") & q,
    )


def lac_item_q(what: str, value: str = "") -> tuple[str, Q] | None:
    """(description, Q on AgendaItem) of one LAC figure."""
    if what == "maatschappij" and value.isdigit():
        company = Company.objects.filter(pk=int(value)).first()
        name = company.name if company else value
        return _("maatschappij %(name)s") % {"name": name}, Q(session__company_id=int(value))
    if what == "bereikt-voor":
        return _("bereikt vóór de zitting"), LAC_REACHED_BEFORE
    if what == "aanwezigheid":
        if value == "geen":
            return _("aanwezigheid niet genoteerd"), Q(attendance="")
        name = _choice(AgendaItem.Attendance.choices, value)
        return (name.lower(), Q(attendance=value)) if name else None
    if what == "advies":
        if value == "geen":
            return _("nog geen advies"), Q(advice="")
        name = _choice(AgendaItem.Advice.choices, value)
        return (_("advies: %(advice)s") % {"advice": name}, Q(advice=value)) if name else None
    if what == "unaniem" and value in ("ja", "nee"):
        unanimous = value == "ja"
        text = _("unaniem advies") if unanimous else _("advies niet unaniem")
        return text, LAC_HAS_ADVICE & Q(unanimous=unanimous)
    if what == "na-termijn":
        return _("advies na de wettelijke termijn"), LAC_LATE
    return None


def parse(value: str) -> Condition | None:
    """The figure filter `value`, or None when it means nothing."""
    name, *args = (value or "").strip().split(":")
    simple = {
        "brochure": Condition(_("Dossiers waarin de brochure overhandigd werd"), BrochureHandover),
        "voorstel": Condition(_("Dossiers met een gesprek en voorstel"), Proposal),
        "plan": Condition(_("Dossiers met een afbetalingsplan"), Proposal, PAYMENT_PLAN),
        "rechtenonderzoek": Condition(_("Dossiers met een rechtenonderzoek"), RightCheck),
        "recht-aangevraagd": Condition(
            _("Dossiers waarin een recht aangevraagd werd"), RightCheck, RIGHT_APPLIED
        ),
        "heropend": Condition(
            _("Dossiers die heropend werden"), Closure, Q(reopened_at__isnull=False)
        ),
    }
    if name in simple and not args:
        return simple[name]
    if name == "poging":
        return _attempt(args)
    if name in ("brief", "brief-verstuurd") and len(args) == 1 and args[0]:
        sent = name == "brief-verstuurd"
        q = Q(letter_type=args[0]) & (Q(sent_on__isnull=False) if sent else Q())
        text = _("Dossiers met een verstuurde brief") if sent else _("Dossiers met een brief")
        return Condition(f"{text}: {letter_label(args[0])}", Letter, q)
    if name == "plan-nageleefd":
        return _plans(args, measurable_only=False)
    if name == "plan-meetbaar":
        return _plans(args, measurable_only=True)
    if name == "steun":
        return _status(
            SupportRequest,
            SupportRequest.Decision.choices,
            _("Dossiers met een steunaanvraag"),
            args,
        )
    if name == "intern":
        return _status(
            InternalReferral,
            InternalReferral.Status.choices,
            _("Dossiers met een interne doorverwijzing"),
            args,
        )
    if name == "extern":
        return _status(
            ExternalReferral,
            ExternalReferral.Status.choices,
            _("Dossiers met een warme overdracht"),
            args,
        )
    if name == "waterscan":
        return _status(WaterScan, WaterScan.Status.choices, _("Dossiers met een waterscan"), args)
    if name == "lac":
        return lac_condition(args)
    return None


def lac_filter(first: datetime.date, last: datetime.date, *conditions) -> str:
    """The figure filter of LAC sessions from `first` to `last` and `conditions` (what, value, what,
    ...; see `LAC_WHATS`)."""
    return ":".join(["lac", first.isoformat(), last.isoformat(), *(str(c) for c in conditions)])
