"""The demo's clock: the demo tells a story over weeks, so what a loader writes carries the moment
it happened in that story, not the moment `load_demo` ran.

Everything in Django that asks the time ends in `django.utils.timezone.now()`: the actions'
`timezone.now()` and `timezone.localdate()`, `auto_now` / `auto_now_add` fields and model defaults
`default=timezone.now` (which hold the function itself, so replacing the module attribute would not
reach them). That function asks `datetime.now()` of the `datetime` its module imported; while a
moment is set, this module puts a `datetime` there whose `now()` answers that moment. So an action
run `at(moment)` behaves as if it ran then: its timeline entries, audit events, `opened_at`,
`received_at`, `created_at`, ... are that moment, and "today" is that day.

- `at(moment, after=dossier)`: run a step at a moment. The time runs on from there (the moment
  plus the real time since), so the writes of a step keep their order. A moment is never later
  than the real now; with `after=` it is not before the dossier was opened nor before the
  entries its timeline already holds for that day (`not_before`).
- `on(day, part_of_day_or_time)`: the moment of a part of a day (voormiddag 10:00, namiddag 14:00,
  avond 18:30) or a `datetime.time`, in the current time zone.
- `working_day(day, today)`, `working_day_before(day)`: lists come in and people work on working
  days (no weekends, no Belgian public holidays: `bereik/lib/workdays.py`).
- `derive(module, rules)`: for a loader that does not set its moments itself, each call of an
  action named in `rules` runs at the moment its rule reads from the call's arguments (an attempt
  at its date and part of day, ...); actions called by that action share its moment, and so does
  a call inside an `at()` block. A rule answering None leaves the real clock. See
  `bereik/demo/story.py`.

Demo only: `bereik.demo.loader.load_all()` and the apps' demo loaders use it; the application
never sets a moment.
"""

import contextlib
import datetime
import functools
import inspect
from collections.abc import Callable

from django.db.models import Max
from django.utils import timezone

from bereik.lib import workdays

PARTS_OF_DAY = {
    "voormiddag": datetime.time(10, 0),
    "namiddag": datetime.time(14, 0),
    "avond": datetime.time(18, 30),
}

_real_datetime = datetime.datetime
_moments: list[tuple[datetime.datetime, datetime.datetime]] = []  # (moment, real time it was set)
_installed = 0
_deriving = False


def real_now() -> datetime.datetime:
    """The real time (aware, UTC), whatever moment is set."""
    return _real_datetime.now(datetime.UTC)


def real_today() -> datetime.date:
    return timezone.localdate(real_now())


def _story_now(tz=None) -> datetime.datetime:
    real = real_now()
    value = real
    if _moments:
        moment, since = _moments[-1]
        value = min(moment + (real - since), real)
    if tz is not None:
        return value.astimezone(tz)
    return value.astimezone().replace(tzinfo=None)  # what datetime.now() answers: naive local


class _DatetimeType(type):
    # Values made by the real class still count as instances (timezone.template_localtime asks).
    def __instancecheck__(cls, instance):
        return isinstance(instance, _real_datetime)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, _real_datetime)


class _StoryDatetime(_real_datetime, metaclass=_DatetimeType):
    @classmethod
    def now(cls, tz=None):
        return _story_now(tz)


@contextlib.contextmanager
def _installed_clock():
    global _installed
    if _installed == 0:
        timezone.datetime = _StoryDatetime
    _installed += 1
    try:
        yield
    finally:
        _installed -= 1
        if _installed == 0:
            timezone.datetime = _real_datetime


def on(day: datetime.date, when: str | datetime.time = "voormiddag") -> datetime.datetime:
    """The moment of `when` (a part of the day, or a time) on `day`, in the current time zone."""
    time = PARTS_OF_DAY.get(when, PARTS_OF_DAY["voormiddag"]) if isinstance(when, str) else when
    return timezone.make_aware(_real_datetime.combine(day, time))


def working_day(day: datetime.date, today: datetime.date) -> datetime.date:
    """`day`, or the first working day after it when it falls in a weekend or on a public holiday;
    the last working day before it when that day is still to come (`bereik.lib.workdays`)."""
    if workdays.is_working_day(day):
        return day
    after = workdays.working_day_on_or_after(day)
    if after <= today:
        return after
    return workdays.working_day_on_or_before(day)


def working_day_before(day: datetime.date) -> datetime.date:
    """The last working day before `day` (weekends and public holidays skipped)."""
    return workdays.working_day_before(day)


def latest_event_at(dossier, *, before: datetime.datetime | None = None):
    """When the dossier's latest timeline entry (before `before`, if given) was made, or None."""
    events = dossier.events.all()
    if before is not None:
        events = events.filter(at__lt=before)
    return events.aggregate(at=Max("at"))["at"]


def not_before(moment: datetime.datetime, dossier, gap=datetime.timedelta(minutes=5)):
    """`moment`, moved to just after what the dossier already holds when it would come before it:
    never before the dossier was opened, and after the entries of that same day (a letter after
    the visit it was left at). Entries of later days stay later: a step may still be told after
    the steps that followed it."""
    if dossier is None:
        return moment
    opened = type(dossier).objects.filter(pk=dossier.pk).values_list("opened_at", flat=True).first()
    if opened is not None and moment < opened + gap:
        moment = opened + gap
    day_end = timezone.make_aware(
        _real_datetime.combine(
            timezone.localtime(moment).date() + datetime.timedelta(days=1), datetime.time()
        )
    )
    latest = latest_event_at(dossier, before=day_end)
    if latest is not None and latest + gap > moment:
        moment = latest + gap
    return moment


@contextlib.contextmanager
def at(moment: datetime.datetime, *, after=None):
    """Run the block at `moment` (see the module's docstring)."""
    if after is not None:
        moment = not_before(moment, after)
    real = real_now()
    _moments.append((min(moment, real), real))
    try:
        with _installed_clock():
            yield _moments[-1][0]
    finally:
        _moments.pop()


@contextlib.contextmanager
def derive(module, rules: dict[str, Callable[[dict], datetime.datetime | None]]):
    """While the block runs, `module.<name>(...)` runs at `rules[name](arguments)` (the call's
    arguments by name, defaults included). Loaders that call `module.<name>` (not a name they
    imported from it) are reached without a change."""
    originals = {name: getattr(module, name) for name in rules}

    def wrap(name, func):
        signature = inspect.signature(func)

        @functools.wraps(func)
        def timed(*args, **kwargs):
            global _deriving
            if _deriving or _moments:
                # Called by a timed action, or inside a step the loader timed itself with
                # `at()`: that moment holds.
                return func(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            moment = rules[name](bound.arguments)
            _deriving = True
            try:
                if moment is None:
                    return func(*args, **kwargs)
                with at(moment):
                    return func(*args, **kwargs)
            finally:
                _deriving = False

        return timed

    for name, func in originals.items():
        setattr(module, name, wrap(name, func))
    try:
        with _installed_clock():
            yield
    finally:
        for name, func in originals.items():
            setattr(module, name, func)
