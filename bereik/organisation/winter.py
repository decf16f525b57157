"""The winter stop of the energy procedure: no cut-off of electricity or gas from 1 December to 1
March (Energiebesluit); the minister can extend it. The period is the organisation's setting
(Beheer → Organisatie: its first day, the day cut-offs may start again, and an extension of the
current winter), read here as plain values so every rule has a unit test."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
# An extension belongs to the winter it follows within this many days.
EXTENSION_WINDOW = datetime.timedelta(days=183)


def parse_day_month(text: str) -> tuple[int, int]:
    """(month, day) of "01/12"; ValueError for anything else, and for 29/02 (not every year)."""
    match = DAY_MONTH.match((text or "").strip())
    if not match:
        raise ValueError(text)
    day, month = int(match.group(1)), int(match.group(2))
    datetime.date(2023, month, day)  # ValueError for 31/04, 29/02, 00/12, ...
    return month, day


@dataclass(frozen=True)
class WinterStop:
    start: tuple[int, int] = (12, 1)  # (month, day): the first day without cut-offs
    end: tuple[int, int] = (3, 1)  # (month, day): the first day a cut-off may happen again
    extended_until: datetime.date | None = None  # the minister's new end of one winter

    def _window(self, start_year: int) -> tuple[datetime.date, datetime.date]:
        start = datetime.date(start_year, *self.start)
        end_year = start_year + 1 if self.end <= self.start else start_year
        end = datetime.date(end_year, *self.end)
        extended = self.extended_until
        if extended is not None and end < extended <= end + EXTENSION_WINDOW:
            end = extended
        return start, end

    def period(self, day: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        """(first day, first day cut-offs are allowed again) of the winter stop `day` falls in,
        or None outside it."""
        for year in (day.year - 1, day.year):
            start, end = self._window(year)
            if start <= day < end:
                return start, end
        return None

    def applies(self, day: datetime.date | None) -> bool:
        return day is not None and self.period(day) is not None

    def ends(self, day: datetime.date | None) -> datetime.date | None:
        """The day cut-offs may start again, when `day` falls in the winter stop."""
        period = self.period(day) if day is not None else None
        return period[1] if period else None

    def current_or_next(self, day: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The winter stop `day` falls in, or else the next one."""
        period = self.period(day)
        if period is not None:
            return period
        for year in (day.year, day.year + 1):
            start, end = self._window(year)
            if start > day:
                return start, end
        return self._window(day.year + 1)  # unreachable with valid settings
