"""The practice's rules (OCMW Sint-Truiden) as one pure function: from what happened on a dossier
to its "volgende stap" and the date by which to take it.

    LAC invitation  →  unannounced home visit  →(not at home)→  not-at-home letter with a new
    appointment  →  announced home visit  →(not at home)→  last letter with the brochure and the
    office hours  →  wait for a reaction, then call or close as not reached.
    Reached at any point  →  help (proposal, brochure, rights investigation). A household
    reached outside the contact attempts (`Situation.reached_elsewhere`) counts as reached too:
    it is never sent to a home visit.

No database here: `decide(Situation(...))` gets plain values, so every rule has a unit test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Codes shared with models.ContactAttempt (kept as literals: this module imports no models).
UNANNOUNCED_VISIT = "huisbezoek_onaangekondigd"
ANNOUNCED_VISIT = "huisbezoek_aangekondigd"
LETTER = "brief"
REACHED = "bereikt"
REFUSED = "geweigerd"
MOVED = "verhuisd"
DECEASED = "overleden"
MORNING = "voormiddag"
AFTERNOON = "namiddag"

# Letter type codes of the built-in letters (see letter_types.py).
INVITATION_WATER = "uitnodiging_lac_water"
INVITATION_ENERGY = "uitnodiging_lac_energie"
INVITATIONS = (INVITATION_WATER, INVITATION_ENERGY)
# Not a letter type: asks for the LAC invitation that fits each dossier's kind (a batch).
INVITATION = "uitnodiging_lac"
NOT_AT_HOME = "niet_thuis"
LAST_LETTER = "laatste_brief"

# The practice's pace, in calendar days.
FIRST_VISIT_AFTER = 3  # after the invitation (people first receive it) or the dossier's opening
APPOINTMENT_AFTER = 7  # the new appointment proposed in the not-at-home letter
RETRY_AFTER = 3  # after a phone call, e-mail, ... without answer
WAIT_AFTER_LAST_LETTER = 10
HELP_WITHIN = 7  # after the household was reached

# Step codes.
INVITE = "uitnodigen"
CONTACT = "contact_opnemen"
FIRST_VISIT = "onaangekondigd_huisbezoek"
LEAVE_NOT_AT_HOME_LETTER = "niet_thuisbrief"
SECOND_VISIT = "aangekondigd_huisbezoek"
LEAVE_LAST_LETTER = "laatste_brief"
SEND_LETTER = "brief_versturen"
WAIT = "reactie_afwachten"
HELP = "hulp"
CLOSE = "afsluiten"


@dataclass(frozen=True)
class Attempt:
    kind: str
    date: datetime.date
    result: str
    part_of_day: str = ""
    letter_type: str = ""  # for kind "brief": the type of the letter that was sent
    appointment_date: datetime.date | None = None  # for the not-at-home letter
    appointment_part: str = ""


@dataclass(frozen=True)
class PendingLetter:
    """A letter generated but not yet marked as sent."""

    letter_type: str
    created_on: datetime.date
    letter_id: int | None = None


@dataclass(frozen=True)
class Visit:
    """A planned home visit that has not happened yet."""

    kind: str
    date: datetime.date
    part_of_day: str = ""


@dataclass(frozen=True)
class Situation:
    today: datetime.date
    opened_on: datetime.date
    attempts: tuple[Attempt, ...] = ()  # chronological
    pending_letters: tuple[PendingLetter, ...] = ()
    planned_visits: tuple[Visit, ...] = ()
    dossier_kind: str = "water"  # water | energie | woonst
    route: str = ""  # A | B | C | ""
    deadline: datetime.date | None = None
    lac_session: bool = False  # the deadline is an LAC session: the household gets an invitation
    closed: bool = False
    # The household was reached on this day in a way no current attempt shows: Dossier.reached_on
    # set outside the contact attempts (an earlier system, the demo). Not set for a reached date
    # that came from an attempt later corrected or struck: that correction un-reaches it.
    reached_elsewhere: datetime.date | None = None

    @property
    def reached_on(self) -> datetime.date | None:
        """The day the household was first reached, by an attempt or otherwise."""
        dates = [a.date for a in self.attempts if a.result == REACHED]
        if self.reached_elsewhere is not None:
            dates.append(self.reached_elsewhere)
        return min(dates) if dates else None

    def history(self) -> tuple[Attempt, ...]:
        """The attempts in order, with a reach recorded elsewhere placed at the end of its day."""
        if self.reached_elsewhere is None:
            return self.attempts
        day = self.reached_elsewhere
        elsewhere = Attempt(kind="", date=day, result=REACHED)
        before = tuple(a for a in self.attempts if a.date <= day)
        after = tuple(a for a in self.attempts if a.date > day)
        return (*before, elsewhere, *after)


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    date: datetime.date | None
    letter_type: str = ""  # the letter to make (or to send, for SEND_LETTER)
    letter_id: int | None = None  # SEND_LETTER: the letter waiting to be sent
    visit_kind: str = ""  # the visit to make or plan
    part_of_day: str = ""
    # LEAVE_NOT_AT_HOME_LETTER: the visit that failed and the proposed new appointment.
    visit_date: datetime.date | None = None
    appointment_date: datetime.date | None = None
    appointment_part: str = ""
    planned: bool = False  # the visit of this step is already in someone's planning
    extra: dict = field(default_factory=dict)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.date is not None and self.date < today


def reached_on(attempts) -> datetime.date | None:
    """The date of the first attempt that reached the household."""
    dates = [a.date for a in attempts if a.result == REACHED]
    return min(dates) if dates else None


def next_weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def propose_appointment(visit_date: datetime.date, part_of_day: str) -> tuple[datetime.date, str]:
    """The appointment the not-at-home letter proposes: a week later (a working day), at the same
    part of the day when that was morning or afternoon (people are often home at the same time)."""
    day = next_weekday(visit_date + datetime.timedelta(days=APPOINTMENT_AFTER))
    return day, part_of_day if part_of_day in (MORNING, AFTERNOON) else MORNING


def invitation_type(dossier_kind: str) -> str:
    return INVITATION_ENERGY if dossier_kind == "energie" else INVITATION_WATER


def _state(attempts) -> tuple[str, Attempt | None]:
    """Walk the attempts in order; the state after the last one decides the step."""
    state, last = "start", None
    for attempt in attempts:
        if attempt.result == REACHED:
            state = "reached"
        elif attempt.result in (MOVED, DECEASED):
            state = "gone"
        elif attempt.result == REFUSED:
            state = "refused"
        elif state == "reached":
            continue  # a later unanswered call does not undo having reached the household
        elif attempt.kind == UNANNOUNCED_VISIT:
            state = "first_visit_failed"
        elif attempt.kind == ANNOUNCED_VISIT:
            state = "second_visit_failed"
        elif attempt.kind == LETTER and attempt.letter_type == NOT_AT_HOME:
            state = "appointment"
        elif attempt.kind == LETTER and attempt.letter_type == LAST_LETTER:
            state = "last_letter"
        elif attempt.kind == LETTER and attempt.letter_type in INVITATIONS:
            if state in ("start", "tried"):
                state = "invited"
            else:
                continue
        elif state in ("start", "invited", "tried"):
            state = "tried"
        else:
            continue  # e.g. an unanswered call after the last letter: the step stays
        last = attempt
    return state, last


def decide(situation: Situation) -> Step | None:
    """The next step, or None for a closed dossier."""
    s = situation
    if s.closed:
        return None

    def cap(day: datetime.date) -> datetime.date:
        # A flexible step falls on a working day, before a deadline that still lies ahead.
        day = next_weekday(day)
        if s.deadline is not None and s.today <= s.deadline < day:
            return s.deadline
        return day

    def pending(letter_type, since: datetime.date | None) -> PendingLetter | None:
        matches = [
            p
            for p in s.pending_letters
            if (
                p.letter_type == letter_type
                or (letter_type == "invitation" and p.letter_type in INVITATIONS)
            )
            and (since is None or p.created_on >= since)
        ]
        return matches[-1] if matches else None

    def send(letter: PendingLetter) -> Step:
        return Step(
            SEND_LETTER,
            str(_("Brief versturen of achterlaten (en als verstuurd aanduiden)")),
            letter.created_on,
            letter_type=letter.letter_type,
            letter_id=letter.letter_id,
        )

    def first_contact(after: datetime.date) -> Step:
        visits = sorted(s.planned_visits, key=lambda v: v.date)
        if visits:
            visit = visits[0]
            label = (
                _("Aangekondigd huisbezoek")
                if visit.kind == ANNOUNCED_VISIT
                else _("Onaangekondigd huisbezoek")
            )
            return Step(
                FIRST_VISIT if visit.kind == UNANNOUNCED_VISIT else SECOND_VISIT,
                str(label),
                visit.date,
                visit_kind=visit.kind,
                part_of_day=visit.part_of_day,
                planned=True,
            )
        if s.route == "A":
            return Step(
                CONTACT,
                str(_("Cliënt contacteren (lopende begeleiding)")),
                cap(after),
            )
        return Step(
            FIRST_VISIT,
            str(_("Onaangekondigd huisbezoek")),
            cap(after),
            visit_kind=UNANNOUNCED_VISIT,
        )

    state, last = _state(s.history())
    days = datetime.timedelta

    if state == "reached":
        reached = s.reached_on
        return Step(
            HELP,
            str(_("Hulp: voorstel uitwerken, brochure overlopen, rechtenonderzoek")),
            cap(reached + days(HELP_WITHIN)),
        )
    if state == "gone":
        return Step(CLOSE, str(_("Afsluiten: verhuisd of overleden")), last.date)
    if state == "refused":
        return Step(
            CLOSE, str(_("Afsluiten: geen hulp gewenst (of later opnieuw aanbieden)")), last.date
        )

    if state == "start":
        if s.lac_session:
            waiting = pending("invitation", None)
            if waiting:
                return send(waiting)
            return Step(
                INVITE,
                str(_("Uitnodiging voor de LAC versturen")),
                s.opened_on,
                letter_type=invitation_type(s.dossier_kind),
            )
        return first_contact(s.opened_on + days(FIRST_VISIT_AFTER))
    if state == "invited":
        return first_contact(last.date + days(FIRST_VISIT_AFTER))
    if state == "tried":
        return first_contact(last.date + days(RETRY_AFTER))

    if state == "first_visit_failed":
        waiting = pending(NOT_AT_HOME, last.date)
        if waiting:
            return send(waiting)
        appointment, part = propose_appointment(last.date, last.part_of_day)
        return Step(
            LEAVE_NOT_AT_HOME_LETTER,
            str(_("Niet-thuisbrief met een nieuwe afspraak achterlaten")),
            last.date,
            letter_type=NOT_AT_HOME,
            visit_date=last.date,
            appointment_date=appointment,
            appointment_part=part,
        )
    if state == "appointment":
        announced = sorted(
            (v for v in s.planned_visits if v.kind == ANNOUNCED_VISIT), key=lambda v: v.date
        )
        date = announced[0].date if announced else last.appointment_date
        part = announced[0].part_of_day if announced else last.appointment_part
        return Step(
            SECOND_VISIT,
            str(_("Aangekondigd huisbezoek (afspraak uit de niet-thuisbrief)")),
            date or cap(last.date + days(APPOINTMENT_AFTER)),
            visit_kind=ANNOUNCED_VISIT,
            part_of_day=part,
            planned=bool(announced),
        )
    if state == "second_visit_failed":
        waiting = pending(LAST_LETTER, last.date)
        if waiting:
            return send(waiting)
        return Step(
            LEAVE_LAST_LETTER,
            str(_("Laatste brief met de brochure en de openingsuren achterlaten")),
            last.date,
            letter_type=LAST_LETTER,
        )
    # state == "last_letter"
    return Step(
        WAIT,
        str(_("Reactie afwachten; daarna nog eens bellen of afsluiten als niet bereikt")),
        cap(last.date + days(WAIT_AFTER_LAST_LETTER)),
    )
