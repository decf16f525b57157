"""Demo data: a signal entered by hand of every kind, through the action reception uses, each on
the working day it came in (the demo clock): a walk-in's water problem (a new household), a mail
from Farys for a household of its list (added to that dossier by its customer number), a
landlord's rent arrears for the household of the eviction document (added to that woonst
dossier), a social housing company's rent arrears, a call from Fluvius about a cut-off planned
inside the winter stop, an eviction a household told the outreach worker about, and another
problem outreach came across."""

from __future__ import annotations

import datetime
from decimal import Decimal

from bereik.dossiers.models import Dossier, Signal
from bereik.intake.actions.signals import HouseholdData, signal_enter
from bereik.lib import clock
from bereik.organisation.models import Organisation

S = Signal.Source


def _open_dossier(**filters) -> Dossier | None:
    return (
        Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES, **filters)
        .order_by("opened_at")
        .first()
    )


def _winter_cutoff(today: datetime.date) -> datetime.date:
    """A day inside the winter stop now under way, or else the next one: Fluvius announces a
    cut-off there, and the dossier flags it."""
    start, end = Organisation.winter_stop().current_or_next(today)
    day = max(start + datetime.timedelta(days=14), today + datetime.timedelta(days=10))
    return min(day, end - datetime.timedelta(days=1))


def _signals(ctx, today) -> list[dict]:
    companies = ctx.companies
    farys_dossier = _open_dossier(company=companies["Farys"])
    evicted = _open_dossier(kind=Dossier.Kind.WOONST, last_name="Vermeulen")
    days = datetime.timedelta
    signals = [
        {
            "days_ago": 6,
            "user": "olga",
            "kind": Signal.Kind.HAND_WATER,
            "source": S.WALK_IN,
            "household": HouseholdData(
                last_name="Lambrechts",
                first_name="Nadia",
                street="Schurhovenveld",
                house_number="41",
                postcode="3800",
                city="Sint-Truiden",
                phone="0478 21 43 65",
            ),
            "company": companies["De Watergroep"],
            "amount": Decimal("312.40"),
            "note": "Kwam langs met een aanmaning van De Watergroep; alleenstaande moeder, "
            "twee kinderen. Vraagt een afbetalingsplan.",
        },
        {
            "days_ago": 3,
            "user": "olga",
            "kind": Signal.Kind.HUURACHTERSTAL,
            "source": S.SOCIAL_HOUSING,
            "sender": "Sint-Truidense Woonmaatschappij",
            "household": HouseholdData(
                last_name="Claes",
                first_name="Robert",
                street="Luikersteenweg",
                house_number="212",
                box="4",
                postcode="3800",
                city="Sint-Truiden",
            ),
            "amount": Decimal("1460.00"),
            "deadline": today + days(days=30),
            "deadline_kind": Dossier.DeadlineKind.OTHER,
            "note": "Vier maanden huurachterstal; de maatschappij start de procedure als er "
            "binnen een maand geen plan is.",
        },
        {
            "days_ago": 2,
            "user": "pieter",
            "kind": Signal.Kind.HAND_ENERGIE,
            "source": S.COMPANY_CALL,
            "sender": "Fluvius, dienst sociale leverancier",
            "household": HouseholdData(
                last_name="Yilmaz",
                first_name="Ayse",
                street="Naamsesteenweg",
                house_number="88",
                postcode="3800",
                city="Sint-Truiden",
                phone="0485 33 12 90",
            ),
            "company": companies["Fluvius"],
            "customer_number": "541448820044118833",
            "amount": Decimal("978.15"),
            "deadline": _winter_cutoff(today),
            "deadline_kind": Dossier.DeadlineKind.MEASURE,
            "note": "Fluvius belde: afsluiting van gas gepland, budgetmeter staat al maanden "
            "op nul.",
        },
        {
            "days_ago": 4,
            "user": "pieter",
            "kind": Signal.Kind.HAND_UITHUISZETTING,
            "source": S.OUTREACH,
            "household": HouseholdData(
                last_name="Mertens",
                first_name="Dirk",
                street="Halmaalweg",
                house_number="7",
                postcode="3800",
                city="Sint-Truiden",
            ),
            "sender": "De heer Mertens zelf, bij een huisbezoek",
            "deadline": today + days(days=19),
            "deadline_kind": Dossier.DeadlineKind.HEARING,
            "note": "Toonde bij een huisbezoek een dagvaarding; de kopie kwam nog niet bij het "
            "OCMW toe.",
        },
        {
            "days_ago": 1,
            "user": "pieter",
            "kind": Signal.Kind.HAND_ANDERE,
            "source": S.OUTREACH,
            "household": HouseholdData(
                last_name="Vandersmissen",
                first_name="Guido",
                street="Kortenbosstraat",
                house_number="3",
                postcode="3800",
                city="Kortenbos",
            ),
            "note": "Oudere man zonder verwarming (ketel stuk); geen schulden bij de "
            "maatschappijen gekend.",
        },
    ]
    if farys_dossier is not None:
        signals.append(
            {
                "days_ago": 5,
                "user": "olga",
                "kind": Signal.Kind.HAND_WATER,
                "source": S.COMPANY_LETTER,
                "sender": "Farys, dienst invordering",
                "household": HouseholdData(last_name=farys_dossier.last_name),
                "company": companies["Farys"],
                "customer_number": farys_dossier.customer_number,
                "note": "Farys mailde een herinnering voor dit gezin: de afsluiting is bevestigd.",
                "dossier": farys_dossier,
            }
        )
    if evicted is not None:
        signals.append(
            {
                "days_ago": 0,
                "user": "olga",
                "kind": Signal.Kind.HUURACHTERSTAL,
                "source": S.LANDLORD,
                "sender": "Immo Haspengouw bv",
                "household": HouseholdData(last_name=evicted.last_name),
                "amount": Decimal("3120.00"),
                "note": "De verhuurder mailt een nieuw overzicht: ook de huur van deze maand "
                "is niet betaald.",
                "dossier": evicted,
            }
        )
    return signals


def load(ctx, today: datetime.date) -> list[Signal]:
    stored = []
    for details in sorted(_signals(ctx, today), key=lambda d: -d["days_ago"]):
        details = dict(details)
        day = clock.working_day_before(today - datetime.timedelta(days=details.pop("days_ago") - 1))
        actor = ctx.users[details.pop("user")]
        dossier = details.get("dossier")
        with clock.at(clock.on(min(day, today), "namiddag"), after=dossier):
            stored.append(signal_enter(**details, actor=actor))
    return stored
