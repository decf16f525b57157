"""Read-side helpers: the facts the next-step rules need, the LAC session an invitation is for,
the visits of a worker, the part of the day a letter goes out, the brochure's title. (The
attention rules are `Dossier.objects.deadline_near_unreached()` and `next_step_overdue()`.)"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import access, presence
from bereik.dossiers.models import Dossier
from bereik.lib.idlists import Ids
from bereik.outreach import next_step
from bereik.outreach.models import (
    DEFAULT_BROCHURE_TITLE,
    PART_RANK,
    Brochure,
    ContactAttempt,
    Letter,
    PlannedVisit,
    current_part_of_day,
)

# --- the facts of the next-step rules ------------------------------------------------------------


def _attempt_fact(attempt: ContactAttempt) -> next_step.Attempt:
    letter = attempt.letter
    options = letter.options if letter else {}
    appointment = options.get("appointment_date")
    return next_step.Attempt(
        kind=attempt.kind,
        date=attempt.date,
        result=attempt.result,
        part_of_day=attempt.part_of_day,
        letter_type=letter.letter_type if letter else "",
        appointment_date=datetime.date.fromisoformat(appointment) if appointment else None,
        appointment_part=options.get("appointment_part", ""),
    )


def _reached_elsewhere(dossier: Dossier, attempts: list[ContactAttempt]) -> datetime.date | None:
    """Dossier.reached_on when no "bereikt" attempt, current or corrected, explains it.

    outreach_refresh stores the date of the first current "bereikt" attempt there. A date that
    matches a corrected or struck "bereikt" attempt came from it, and goes with it; a date no such
    attempt explains was set outside the attempts (the demo, a migration) and stays."""
    day = dossier.reached_on
    if day is None:
        return None
    if any(a.result == ContactAttempt.Result.REACHED and a.date == day for a in attempts):
        return None
    return day


def situations_for(
    dossiers: list[Dossier], *, today: datetime.date | None = None
) -> list[next_step.Situation]:
    """What `next_step.decide` needs for each dossier (same order), in three queries whatever the
    number of dossiers (callers pass a few hundred at a time)."""
    today = today or timezone.localdate()
    ids = [dossier.pk for dossier in dossiers]
    attempts = defaultdict(list)
    # The current attempts, plus the corrected or struck "bereikt" ones (see _reached_elsewhere).
    for attempt in ContactAttempt.objects.filter(
        Q(is_current=True) | Q(result=ContactAttempt.Result.REACHED), dossier_id__in=Ids(ids)
    ).select_related("letter"):
        attempts[attempt.dossier_id].append(attempt)
    pending = defaultdict(list)
    for letter in Letter.objects.filter(dossier_id__in=Ids(ids), sent_on=None).order_by(
        "created_at", "id"
    ):
        pending[letter.dossier_id].append(
            next_step.PendingLetter(
                letter.letter_type, timezone.localdate(letter.created_at), letter.pk
            )
        )
    visits = defaultdict(list)
    for visit in PlannedVisit.objects.filter(
        dossier_id__in=Ids(ids), status=PlannedVisit.Status.PLANNED
    ).order_by("date", "id"):
        visits[visit.dossier_id].append(next_step.Visit(visit.kind, visit.date, visit.part_of_day))
    # The day each dossier was opened, converted once per moment: an import opens thousands
    # of dossiers at the same moment.
    opened_on = {}
    for dossier in dossiers:
        if dossier.opened_at not in opened_on:
            opened_on[dossier.opened_at] = timezone.localdate(dossier.opened_at)
    return [
        _situation(
            dossier,
            attempts[dossier.pk],
            pending[dossier.pk],
            visits[dossier.pk],
            today=today,
            opened_on=opened_on[dossier.opened_at],
        )
        for dossier in dossiers
    ]


def _situation(dossier, attempts, pending, visits, *, today, opened_on) -> next_step.Situation:
    """The facts of one dossier from its rows: `attempts` the current ones and the corrected or
    struck "bereikt" ones (any order), `pending` its letters not sent yet and `visits` its
    planned visits, both in their order."""
    current = sorted((a for a in attempts if a.is_current), key=ContactAttempt.sort_key)
    return next_step.Situation(
        today=today,
        opened_on=opened_on,
        attempts=tuple(_attempt_fact(a) for a in current),
        pending_letters=tuple(pending),
        planned_visits=tuple(visits),
        dossier_kind=dossier.kind,
        route=dossier.route,
        deadline=dossier.deadline,
        lac_session=dossier.deadline_kind == Dossier.DeadlineKind.SESSION,
        closed=dossier.status == Dossier.Status.CLOSED,
        reached_elsewhere=_reached_elsewhere(dossier, attempts),
    )


def situation_for(dossier: Dossier, *, today: datetime.date | None = None) -> next_step.Situation:
    """The facts of one dossier, in three queries."""
    return situations_for([dossier], today=today)[0]


@dataclass(frozen=True)
class PageRows:
    """A dossier's contacts as its page shows them, read once for the page (`page_rows`)."""

    attempts: list  # every version of every attempt, with who and the letter; as recorded
    letters: list  # every letter, with who made and sent it; newest first
    visits: list  # the planned visits, with the worker; by date


def page_rows(dossier: Dossier) -> PageRows:
    """The rows of `PageRows`, in three queries, read once for the page that shows `dossier`:
    its contacts section lists them and its header's next step is decided from them
    (`situation_on_page`). Only for reading a page; an action reads afresh."""
    cached = dossier.__dict__.get("_outreach_page_rows")
    if cached is None:
        cached = dossier.__dict__["_outreach_page_rows"] = PageRows(
            attempts=presence.rows(
                dossier,
                "contact_attempts",
                ContactAttempt.objects.filter(dossier=dossier)
                .select_related("performed_by", "created_by", "letter")
                .order_by("recorded_at", "id"),
            ),
            letters=presence.rows(
                dossier, "letters", dossier.letters.select_related("created_by", "sent_by")
            ),
            visits=presence.rows(
                dossier,
                "planned_visits",
                PlannedVisit.objects.filter(dossier=dossier, status=PlannedVisit.Status.PLANNED)
                .select_related("worker")
                .order_by("date", "id"),
            ),
        )
    return cached


def situation_on_page(dossier: Dossier) -> next_step.Situation:
    """The facts of the dossier a page shows, decided from the rows the page lists
    (`page_rows`): the same facts as `situation_for`, without reading them again. Only for
    reading a page; an action reads them fresh (`situation_for`)."""
    cached = dossier.__dict__.get("_situation_on_page")
    if cached is None:
        rows = page_rows(dossier)
        pending = sorted(
            (letter for letter in rows.letters if letter.sent_on is None),
            key=lambda letter: (letter.created_at, letter.pk),
        )
        cached = dossier.__dict__["_situation_on_page"] = _situation(
            dossier,
            [
                attempt
                for attempt in rows.attempts
                if attempt.is_current or attempt.result == ContactAttempt.Result.REACHED
            ],
            [
                next_step.PendingLetter(
                    letter.letter_type, timezone.localdate(letter.created_at), letter.pk
                )
                for letter in pending
            ],
            [next_step.Visit(visit.kind, visit.date, visit.part_of_day) for visit in rows.visits],
            today=timezone.localdate(),
            opened_on=timezone.localdate(dossier.opened_at),
        )
    return cached


# --- the LAC session an invitation is for --------------------------------------------------------


@dataclass(frozen=True)
class KnownSession:
    """What is known of the LAC session a dossier's invitation is for."""

    AGENDA = "agenda"  # the dossier is on a coming session's agenda (bereik.lac)
    LIST = "lijst"  # the company's latest LAC list names the session date
    DEADLINE = "termijn"  # the dossier's deadline is an LAC session
    SOURCES = {
        AGENDA: _("agenda van de LAC"),
        LIST: _("LAC-lijst van de maatschappij"),
        DEADLINE: _("termijn van het dossier"),
    }

    date: datetime.date
    time: str = ""  # as the letter writes it ("14.00 uur"); "" when not known
    place: str = ""
    source: str = DEADLINE

    @property
    def source_label(self) -> str:
        return str(self.SOURCES[self.source])

    def options(self) -> dict:
        """The invitation letter's options that are known (bereik.outreach.letter_types)."""
        values = {"session_date": self.date, "session_time": self.time, "session_place": self.place}
        return {key: value for key, value in values.items() if value}


# Apps that know more of a dossier's LAC session register a source: `func(dossiers, today=)`
# returning {dossier id: KnownSession} (the LAC: its agenda and the companies' LAC lists).
_session_sources: list = []


def register_session_source(func) -> None:
    if func not in _session_sources:
        _session_sources.append(func)


def invitation_sessions(
    dossiers: list[Dossier], *, today: datetime.date | None = None
) -> dict[int, KnownSession]:
    """For each dossier, the coming LAC session its invitation is for, when known: what the
    registered sources know (the LAC: its agenda item on a coming open session, else the session
    date its latest LAC list asks), else its deadline when that is an LAC session. Past dates do
    not count."""
    today = today or timezone.localdate()
    found: dict[int, KnownSession] = {}
    for source in _session_sources:
        missing = [dossier for dossier in dossiers if dossier.pk not in found]
        if missing:
            found.update(source(missing, today=today))
    for dossier in dossiers:
        if (
            dossier.pk not in found
            and dossier.deadline_kind == Dossier.DeadlineKind.SESSION
            and dossier.deadline is not None
            and dossier.deadline >= today
        ):
            found[dossier.pk] = KnownSession(dossier.deadline, source=KnownSession.DEADLINE)
    return found


def visits_of(viewer, worker, start: datetime.date, end: datetime.date) -> QuerySet:
    """The visits `worker` planned (or made) between start and end, limited to the dossiers the
    viewer may see."""
    return (
        PlannedVisit.objects.filter(
            worker=worker,
            date__gte=start,
            date__lte=end,
            status__in=[PlannedVisit.Status.PLANNED, PlannedVisit.Status.DONE],
            dossier__in=access.visible_dossiers(viewer).values("pk"),
        )
        .select_related("dossier", "dossier__company", "dossier__client", "attempt")
        .order_by("date", "id")
    )


def letter_part_of_day(dossier: Dossier, sent_on: datetime.date) -> str:
    """The part of the day a letter sent on `sent_on` is recorded at: a letter goes out after what
    happened earlier that day (e.g. the visit it was left at), so it never sorts before it."""
    parts = [
        PART_RANK[part]
        for part in ContactAttempt.objects.filter(
            dossier=dossier, is_current=True, date=sent_on
        ).values_list("part_of_day", flat=True)
        if part in PART_RANK
    ]
    if sent_on == timezone.localdate():
        parts.append(PART_RANK[current_part_of_day()])
    rank = max(parts, default=0)
    return next(part for part, value in PART_RANK.items() if value == rank)


def brochure_title() -> str:
    """The title of the brochure in use (the last letter names it)."""
    brochure = Brochure.current()
    return brochure.title if brochure else DEFAULT_BROCHURE_TITLE


def attempts_later_that_day(
    dossier: Dossier, day: datetime.date, part_of_day: str, *, excluding=None
) -> list[ContactAttempt]:
    """The current attempts of `day` in a later part of the day than `part_of_day`: an attempt
    recorded with that part of the day would come before them (`ContactAttempt.sort_key`).
    `excluding`: the attempt being corrected."""
    rank = PART_RANK.get(part_of_day, 0)
    attempts = ContactAttempt.objects.filter(dossier=dossier, is_current=True, date=day)
    if excluding is not None:
        attempts = attempts.exclude(pk=excluding.pk)
    return [
        attempt
        for attempt in attempts.order_by("recorded_at", "id")
        if PART_RANK.get(attempt.part_of_day, 0) > rank
    ]


def current_version(attempt: ContactAttempt) -> ContactAttempt | None:
    """The current version of a corrected attempt (following its corrections), or None when it
    was struck."""
    seen = {attempt.pk}
    while not attempt.is_current:
        following = ContactAttempt.objects.filter(replaces=attempt).order_by("-pk").first()
        if following is None or following.pk in seen:
            return None
        seen.add(following.pk)
        attempt = following
    return attempt
