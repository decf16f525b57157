"""The eviction procedure's rules that need no database: the earliest eviction date, the deadline
the dossier follows at each stage, and the stage in words. Legal periods are settings with the
law's default: no eviction earlier than one month after the judgment was served
(`BEREIK_EVICTION_WAIT_MONTHS`, Ger.W. art. 1344quater)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from bereik.dossiers.models import Dossier

DEFAULT_WAIT_MONTHS = 1


def wait_months() -> int:
    return int(getattr(settings, "BEREIK_EVICTION_WAIT_MONTHS", DEFAULT_WAIT_MONTHS))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months later (the last day of that month if it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class JudgmentFacts:
    date: datetime.date
    allows_eviction: bool
    allowed_from: datetime.date | None = None
    served_on: datetime.date | None = None
    eviction_date: datetime.date | None = None


def earliest_eviction(judgment: JudgmentFacts | None) -> datetime.date | None:
    """The first day the tenant may be evicted: a month after the judgment was served, or the
    later day the judgment itself names. None before it was served (or without eviction)."""
    if judgment is None or not judgment.allows_eviction or judgment.served_on is None:
        return None
    earliest = add_months(judgment.served_on, wait_months())
    if judgment.allowed_from is not None and judgment.allowed_from > earliest:
        return judgment.allowed_from
    return earliest


@dataclass(frozen=True)
class Facts:
    """What is known of one dossier's procedure, as plain values."""

    summons_hearing: datetime.date | None = None  # the introductory hearing of the summons
    open_hearings: tuple[datetime.date, ...] = ()  # hearings without an outcome yet
    judgment: JudgmentFacts | None = None
    ended: bool = False  # the last hearing ended the case (settled, struck off)
    extra: dict = field(default_factory=dict, compare=False)


def deadline(facts: Facts) -> tuple[datetime.date | None, str]:
    """The deadline the dossier follows now, with its kind: the next hearing; once judged, the
    eviction date the bailiff set, else the earliest eviction date (a month after service)."""
    judgment = facts.judgment
    if judgment is not None:
        if not judgment.allows_eviction:
            return None, ""
        if judgment.eviction_date is not None:
            return judgment.eviction_date, Dossier.DeadlineKind.EVICTION
        earliest = earliest_eviction(judgment)
        if earliest is not None:
            return earliest, Dossier.DeadlineKind.SERVICE
        return None, ""
    if facts.open_hearings:
        first = min(facts.open_hearings)
        kind = (
            Dossier.DeadlineKind.HEARING
            if first == facts.summons_hearing
            else Dossier.DeadlineKind.NEXT_HEARING
        )
        return first, kind
    return None, ""


def stage(facts: Facts, *, today: datetime.date) -> str:
    """Where the procedure stands, in one Dutch sentence."""
    judgment = facts.judgment
    if judgment is not None:
        if not judgment.allows_eviction:
            return _("Vonnis van %(date)s: geen uithuiszetting.") % {"date": _d(judgment.date)}
        if judgment.eviction_date is not None:
            if judgment.eviction_date < today:
                return _("Uithuiszetting gepland op %(date)s (voorbij).") % {
                    "date": _d(judgment.eviction_date)
                }
            return _("Uithuiszetting gepland op %(date)s door de gerechtsdeurwaarder.") % {
                "date": _d(judgment.eviction_date)
            }
        earliest = earliest_eviction(judgment)
        if earliest is not None:
            return _("Vonnis betekend op %(served)s: uithuiszetting ten vroegste op %(date)s.") % {
                "served": _d(judgment.served_on),
                "date": _d(earliest),
            }
        return _("Vonnis van %(date)s laat de uithuiszetting toe; nog niet betekend.") % {
            "date": _d(judgment.date)
        }
    if facts.open_hearings:
        first = min(facts.open_hearings)
        if first < today:
            return _("Zitting van %(date)s voorbij: de afloop is nog niet genoteerd.") % {
                "date": _d(first)
            }
        if first == facts.summons_hearing:
            return _("Inleidende zitting op %(date)s.") % {"date": _d(first)}
        return _("Uitgesteld: volgende zitting op %(date)s.") % {"date": _d(first)}
    if facts.ended:
        return _("De zaak is afgesloten zonder vonnis (minnelijke regeling of doorgehaald).")
    return _("Nog geen zittingsdatum bekend.")


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
