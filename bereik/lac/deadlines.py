"""The legal deadline for a LAC advice and what the law says happens when it is missed.

Energy (Energiebesluit): the LAC advises within a number of calendar days of the request (default
30, `Organisation.lac_deadline_days_energy`); without advice in time a cut-off request counts as
refused and a reconnection request as granted. Water (Algemeen Waterverkoopreglement): the same
default (`lac_deadline_days_water`); for a repeated reconnection the company acts within 5 working
days when the LAC does not decide in time. The water rules set no consequence for a late advice on
a limiter or a cut-off: Bereik says so instead of inventing one.
"""

import calendar
import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Dossier, Signal

REQUEST_CUTOFF = "afsluiting"
REQUEST_LIMITER = "begrenzer"
REQUEST_RECONNECTION = "heraansluiting"

LAPSE_CONSEQUENCES = {
    (Dossier.Kind.ENERGIE, REQUEST_CUTOFF): _(
        "Geen advies binnen de termijn: de aanvraag tot afsluiting geldt als geweigerd."
    ),
    (Dossier.Kind.ENERGIE, REQUEST_LIMITER): _(
        "Geen advies binnen de termijn: de aanvraag tot afsluiting geldt als geweigerd."
    ),
    (Dossier.Kind.ENERGIE, REQUEST_RECONNECTION): _(
        "Geen advies binnen de termijn: de aanvraag tot heraansluiting geldt als toegestaan."
    ),
    (Dossier.Kind.WATER, REQUEST_RECONNECTION): _(
        "Geen beslissing binnen de termijn: de maatschappij sluit opnieuw aan binnen 5 werkdagen, "
        "zoals bij een akkoord van de LAC."
    ),
    (Dossier.Kind.WATER, REQUEST_LIMITER): _(
        "Het waterverkoopreglement legt geen gevolg vast voor een laattijdig advies over een "
        "debietbegrenzer: vraag de maatschappij schriftelijk te wachten op het advies."
    ),
    (Dossier.Kind.WATER, REQUEST_CUTOFF): _(
        "Het waterverkoopreglement legt geen gevolg vast voor een laattijdig advies over een "
        "afsluiting: vraag de maatschappij schriftelijk te wachten op het advies."
    ),
}

# Words in a list's reason or measure column that tell what the company asks.
_RECONNECTION_WORDS = re.compile(r"heraansl|herinsch|wegname|opnieuw aansl|reconn", re.IGNORECASE)
_CUTOFF_WORDS = re.compile(r"afsluit|afgesloten|cut", re.IGNORECASE)
_LIMITER_WORDS = re.compile(r"begrenz|debiet", re.IGNORECASE)
# Keys the intake may use in Signal.extra for the date of the company's request.
_REQUEST_DATE_KEY = re.compile(r"(request|aanvraag).*(date|datum)|(date|datum).*(request|aanvraag)")


def lapse_consequence(kind: str, request_type: str) -> str:
    return str(LAPSE_CONSEQUENCES.get((kind, request_type), ""))


def deadline_days(kind: str, organisation) -> int:
    if kind == Dossier.Kind.ENERGIE:
        return organisation.lac_deadline_days_energy
    return organisation.lac_deadline_days_water


def legal_deadline(kind: str, request_date: datetime.date | None, organisation):
    if request_date is None:
        return None
    return request_date + datetime.timedelta(days=deadline_days(kind, organisation))


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:10]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    return None


def _extra_text(extra: dict) -> str:
    return " ".join(str(value) for value in extra.values() if isinstance(value, str))


def request_of(signal: Signal) -> tuple[str, datetime.date | None]:
    """(request type, request date) as far as a LAC signal tells.

    The request date is the company's request when the list has one (the intake keeps a column
    like Fluvius' "Datum aanvraag" as `extra["request_date"]`); else, for energy, the signal's
    reference date; else the day the list came in (a water list's reference date is the session
    date, not a request date).
    """
    extra = signal.extra if isinstance(signal.extra, dict) else {}
    text = f"{signal.measure} {_extra_text(extra)}"
    if _RECONNECTION_WORDS.search(text):
        request_type = REQUEST_RECONNECTION
    elif signal.kind == Signal.Kind.LAC_WATER:
        # The first thing a water company asks the LAC is a flow limiter; a cut-off comes after.
        cutoff = _CUTOFF_WORDS.search(text) and not _LIMITER_WORDS.search(text)
        request_type = REQUEST_CUTOFF if cutoff else REQUEST_LIMITER
    else:
        request_type = REQUEST_CUTOFF

    request_date = None
    for key, value in extra.items():
        if _REQUEST_DATE_KEY.search(str(key).lower()):
            request_date = _parse_date(value)
            if request_date:
                break
    if request_date is None and signal.kind == Signal.Kind.LAC_ENERGIE:
        request_date = signal.reference_date
    if request_date is None and signal.received_at:
        request_date = timezone.localdate(signal.received_at)
    return request_type, request_date


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clipped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
