"""Days as moments: the first moment of a (Belgian) day in the current time zone, for filters and
figures that select what happened on days from one to another."""

import datetime

from django.utils import timezone


def day_start(day: datetime.date, *, days_after: int = 0) -> datetime.datetime:
    """The first moment of `day` (plus `days_after` days) in the current time zone."""
    day += datetime.timedelta(days=days_after)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
