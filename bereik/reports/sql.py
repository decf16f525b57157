"""Two database expressions the figures need at scale: the Belgian day of a moment, and the days
between two dates, computed by the database itself.

Django's `TruncDate` on SQLite calls a Python function for every row (a few microseconds each:
most of a second over 100,000 dossiers). A Belgian day is the UTC moment plus one hour in winter
and two in summer; between two given moments there are only a few changes of clock, so on SQLite
`LocalDate` is SQLite's own `date(moment, '+60 minutes')` with the offset chosen by a CASE over
those few intervals (computed once from the time zone database). Elsewhere (PostgreSQL) it is the
backend's own conversion (`AT TIME ZONE`).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, DateField, F, Func, IntegerField, Value, When
from django.utils import timezone

_ONE_DAY = datetime.timedelta(days=1)


def utc_offsets(since: datetime.datetime, until: datetime.datetime) -> list[tuple]:
    """[(start, end, minutes)]: the UTC offset of the current time zone between two moments, as
    intervals [start, end) in order."""
    zone = timezone.get_current_timezone()

    def offset(moment):
        return int(moment.astimezone(zone).utcoffset().total_seconds() // 60)

    intervals = []
    start, minutes = since, offset(since)
    day = since
    while day < until:
        following = min(day + _ONE_DAY, until)
        if offset(following) != minutes:
            # The clock changed that day: find the hour (changes fall on the hour in Europe).
            moment = day.replace(minute=0, second=0, microsecond=0)
            while offset(moment) == minutes:
                moment += datetime.timedelta(hours=1)
            intervals.append((start, moment, minutes))
            start, minutes = moment, offset(moment)
        day = following
    intervals.append((start, until, minutes))
    return intervals


class LocalDate(Func):
    """The day (in the current time zone) of the moment in `field`, for moments from `since` to
    `until` (both aware; a moment outside them gets the offset of the nearest interval)."""

    output_field = DateField()

    def __init__(self, field: str, *, since: datetime.datetime, until: datetime.datetime):
        intervals = utc_offsets(since, until)
        case = Case(
            *[
                When(**{f"{field}__gte": start, f"{field}__lt": end}, then=Value(_shift(minutes)))
                for start, end, minutes in intervals[:-1]
            ],
            default=Value(_shift(intervals[-1][2])),
        )
        super().__init__(F(field), case)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="date", **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return connection.ops.datetime_cast_date_sql(
            sql, tuple(params), timezone.get_current_timezone_name()
        )


def _shift(minutes: int) -> str:
    return f"{minutes:+d} minutes"


class DaysBetween(Func):
    """Whole days from the date `start` to the date `end` (negative when `end` comes first)."""

    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(start, end)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(end)s) - julianday(%(start)s) AS INTEGER)",
            **extra_context,
        )

    def as_sql(self, compiler, connection, template=None, **extra_context):
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        end_sql, end_params = compiler.compile(self.source_expressions[1])
        template = template or "(%(end)s - %(start)s)"
        sql = template % {"start": start_sql, "end": end_sql}
        # The placeholders of `end` and `start` appear in the order of the template.
        if template.index("%(end)s") < template.index("%(start)s"):
            return sql, (*end_params, *start_params)
        return sql, (*start_params, *end_params)
