"""The period and the same period a year earlier, as the conditions the queries share: each query
reads both at once and marks each row with the period it belongs to (1: the period, 0: the year
earlier)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from bereik.dossiers.models import Dossier
from bereik.lib.days import day_start
from bereik.reports import definitions
from bereik.reports.periods import Period

opened_between_q = Dossier.objects.opened_between_q


def day(value) -> str:
    """A day in a worklist link as the filter form shows it: dd/mm/jjjj."""
    return f"{value:%d/%m/%Y}"


@dataclass(frozen=True)
class Span:
    current: Period
    previous: Period

    @classmethod
    def of(cls, period: Period) -> Span:
        return cls(period, period.previous())

    @property
    def periods(self) -> tuple[Period, Period]:
        return (self.current, self.previous)

    # Dossiers by the day they were opened.

    def opened(self, prefix: str = "") -> Q:
        return opened_between_q(self.current.first, self.current.last, prefix) | opened_between_q(
            self.previous.first, self.previous.last, prefix
        )

    def opened_marker(self, prefix: str = "") -> Case:
        current = opened_between_q(self.current.first, self.current.last, prefix)
        return Case(When(current, then=Value(1)), default=Value(0), output_field=IntegerField())

    def opened_links(self, **filters) -> tuple[dict, dict]:
        """The worklist filters of a number about the dossiers opened in each period."""
        return tuple(
            {
                "opened_from": day(period.first),
                "opened_to": day(period.last),
                **filters,
            }
            for period in self.periods
        )

    @property
    def since(self):
        return day_start(self.previous.first)

    @property
    def until(self):
        return day_start(self.current.last, days_after=1)

    # LAC sessions by their date.

    def sessions(self, prefix: str = "") -> Q:
        return definitions.lac_sessions_q(
            self.current.first, self.current.last, prefix
        ) | definitions.lac_sessions_q(self.previous.first, self.previous.last, prefix)

    def sessions_marker(self, prefix: str = "") -> Case:
        current = definitions.lac_sessions_q(self.current.first, self.current.last, prefix)
        return Case(When(current, then=Value(1)), default=Value(0), output_field=IntegerField())

    def lac_links(self, *conditions) -> tuple[dict, dict]:
        """The worklist filters of a number about the agenda items of the sessions held in each
        period (`conditions`: what, value, ... of `definitions.lac_item_q`)."""
        return tuple(
            {"cijfer": definitions.lac_filter(period.first, period.last, *conditions)}
            for period in self.periods
        )
