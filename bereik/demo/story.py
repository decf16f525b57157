"""When the actions the outreach demo loader calls happened in the demo's story.

That loader passes the story's dates to the actions (an attempt's date and part of day, a letter's
date); `load_all()` runs it inside `clock.derive(...)` with the rules below, so each action runs at
the moment its own arguments tell and its timeline entries, audit events and timestamps carry that
moment. What it does for today and the days to come keeps the real clock, and so does a step it
times itself with `clock.at(...)`. A loader that times all its steps itself (as the LAC's and the
follow-up's do) needs no rules here.
"""

import datetime

from bereik.lib import clock
from bereik.outreach.models import PART_RANK, ContactAttempt

LETTER_AFTER_VISIT = datetime.timedelta(minutes=45)
LETTER_TIME = datetime.time(9, 0)
VISIT_PLANNED_AFTER = datetime.timedelta(minutes=15)


def _past(day) -> bool:
    return day is not None and day < clock.real_today()


def attempt_moment(arguments):
    """An attempt at its date and part of day."""
    day = arguments.get("date")
    if day is None or day > clock.real_today():
        return None
    return clock.not_before(clock.on(day, arguments.get("part_of_day") or ""), arguments["dossier"])


def letter_moment(arguments):
    """A letter on its date: after the visit it was left at that day, else at the start of the
    day."""
    day = arguments.get("on") or arguments.get("sent_on")
    if not _past(day):
        return None
    dossier = arguments["dossier"]
    parts = ContactAttempt.objects.filter(dossier=dossier, is_current=True, date=day).values_list(
        "part_of_day", flat=True
    )
    latest = max(parts, key=lambda part: PART_RANK.get(part, 0), default=None)
    moment = clock.on(day, latest) + LETTER_AFTER_VISIT if latest else clock.on(day, LETTER_TIME)
    return clock.not_before(moment, dossier)


def visit_plan_moment(arguments):
    """A visit is planned right after the dossier's previous step (the invitation, a letter)."""
    latest = clock.latest_event_at(arguments["dossier"])
    return latest + VISIT_PLANNED_AFTER if latest is not None else None


OUTREACH = {
    "attempt_record": attempt_moment,
    "letter_generate": letter_moment,
    "visit_plan": visit_plan_moment,
}
