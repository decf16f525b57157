"""The period of the figures: a year, a quarter, a month or from–to, compared with the same days a
year earlier. A period never runs past today: "this year" is 1 January up to today, compared with
1 January up to the same day last year, so the comparison is fair."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.lib.documents import MONTHS, format_date

YEAR, QUARTER, MONTH, RANGE = "jaar", "kwartaal", "maand", "vrij"
QUARTERS = ("eerste", "tweede", "derde", "vierde")
MONTHS_IN_TREND = 24


def year_earlier(day: datetime.date) -> datetime.date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


@functools.lru_cache(maxsize=4096)
def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    first = datetime.date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date
    kind: str = RANGE
    capped: bool = False  # the period was cut off at today

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            text = str(self.first.year)
        elif self.kind == QUARTER:
            text = _("%(quarter)s kwartaal %(year)d") % {
                "quarter": QUARTERS[(self.first.month - 1) // 3],
                "year": self.first.year,
            }
        elif self.kind == MONTH:
            text = f"{MONTHS[self.first.month - 1]} {self.first.year}"
        else:
            return _("%(first)s tot en met %(last)s") % {
                "first": format_date(self.first),
                "last": format_date(self.last),
            }
        if self.capped:
            text += " " + _("(tot en met %(day)s)") % {"day": format_date(self.last)}
        return text

    @property
    def short_label(self) -> str:
        """For column headings and legends: "2026", "2026 t/m 05/12", "K3 2026", "nov 2026",
        or the dates."""
        until = f" t/m {self.last:%d/%m}" if self.capped else ""
        if self.kind == YEAR:
            return f"{self.first.year}{until}"
        if self.kind == QUARTER:
            return f"K{(self.first.month - 1) // 3 + 1} {self.first.year}{until}"
        if self.kind == MONTH:
            return f"{MONTHS[self.first.month - 1][:3]} {self.first.year}{until}"
        return f"{self.first:%d/%m/%Y}–{self.last:%d/%m/%Y}"

    def previous(self) -> Period:
        """The same days a year earlier."""
        return Period(year_earlier(self.first), year_earlier(self.last), self.kind, self.capped)

    def months(self, count: int = MONTHS_IN_TREND) -> list[Period]:
        """The `count` calendar months up to and including the month the period ends in (the
        last one up to the period's last day)."""
        first = add_months(self.last.replace(day=1), -(count - 1))
        months = []
        for index in range(count):
            start = add_months(first, index)
            months.append(Period(start, min(month_end(start), self.last), MONTH))
        return months

    def as_query(self) -> dict:
        """The GET parameters that choose this period on the figures page."""
        if self.kind == YEAR:
            return {"periode": YEAR, "jaar": self.first.year}
        if self.kind == QUARTER:
            return {
                "periode": QUARTER,
                "jaar": self.first.year,
                "kwartaal": (self.first.month - 1) // 3 + 1,
            }
        if self.kind == MONTH:
            return {"periode": MONTH, "jaar": self.first.year, "maand": self.first.month}
        return {"periode": RANGE, "van": self.first.isoformat(), "tot": self.last.isoformat()}


def capped(first: datetime.date, last: datetime.date, kind: str, today=None) -> Period:
    today = today or timezone.localdate()
    if last > today:
        return Period(first, max(today, first), kind, capped=True)
    return Period(first, last, kind)


def year(number: int, today=None) -> Period:
    return capped(datetime.date(number, 1, 1), datetime.date(number, 12, 31), YEAR, today)


def quarter(number: int, which: int, today=None) -> Period:
    first = datetime.date(number, 3 * (which - 1) + 1, 1)
    return capped(first, month_end(add_months(first, 2)), QUARTER, today)


def month(number: int, which: int, today=None) -> Period:
    first = datetime.date(number, which, 1)
    return capped(first, month_end(first), MONTH, today)


def between(first: datetime.date, last: datetime.date, today=None) -> Period:
    return capped(first, last, RANGE, today)


def this_year(today=None) -> Period:
    today = today or timezone.localdate()
    return year(today.year, today)
