"""Rules of the outreach app that read no database and write nothing: what the attempts say of a
dossier's reached date and status, which letter type a batch gives a dossier, the letters a
selection of dossiers can get. (The Sint-Truiden sequence itself is `next_step.py`.)"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik.dossiers.models import Dossier
from bereik.outreach import letters, next_step


def reached_and_status(
    dossier: Dossier, situation: next_step.Situation
) -> tuple[datetime.date | None, str | None, str]:
    """What the attempts say of the dossier: the day it was first reached, and the status to move
    to (None to keep it) with the reason for the timeline. In progress at the first attempt;
    back in progress when a correction un-reaches it."""
    reached = situation.reached_on
    was_reached = dossier.reached_on is not None
    started = bool(situation.attempts) and dossier.status in (
        Dossier.Status.NEW,
        Dossier.Status.ASSIGNED,
    )
    unreached = not reached and was_reached and dossier.status == Dossier.Status.REACHED
    status, reason = None, ""
    if dossier.status != Dossier.Status.CLOSED:
        if reached and dossier.status != Dossier.Status.REACHED:
            status = Dossier.Status.REACHED
        elif started or unreached:
            status = Dossier.Status.IN_PROGRESS
        if unreached:
            reason = _("Na een correctie is er geen contactpoging meer die het gezin bereikte.")
    return reached, status, reason


def sent_on_problem(
    letter_date: datetime.date, sent_on: datetime.date, today: datetime.date
) -> str | None:
    """Why a letter dated `letter_date` cannot have gone out on `sent_on` (in Dutch, naming the
    field "Verstuurd op"), or None: never before its own date, never on a day still to come."""
    values = {
        "sent": sent_on.strftime("%d/%m/%Y"),
        "letter": letter_date.strftime("%d/%m/%Y"),
    }
    if sent_on < letter_date:
        return (
            _("‘Verstuurd op’ (%(sent)s) kan niet vóór de datum van de brief (%(letter)s) liggen.")
            % values
        )
    if sent_on > today:
        return (
            _(
                "‘Verstuurd op’ (%(sent)s) ligt in de toekomst: duid de brief aan als verstuurd "
                "wanneer hij vertrekt."
            )
            % values
        )
    return None


def resolve_letter_type(code: str, dossier: Dossier) -> str | None:
    """`uitnodiging_lac` means the LAC invitation of the dossier's kind; None when the type does not
    apply to the dossier (e.g. an LAC invitation for an eviction)."""
    if code == next_step.INVITATION:
        if dossier.kind not in (Dossier.Kind.WATER, Dossier.Kind.ENERGIE):
            return None
        return next_step.invitation_type(dossier.kind)
    return code if letters.get_letter_type(code).is_for(dossier) else None


# The letters a selection of dossiers can get at once (a worklist's ticked rows).
BATCH_TYPES = (next_step.INVITATION, next_step.LAST_LETTER, "vrije_brief")


def batch_letter_choices() -> list[tuple[str, str]]:
    """The letters that make sense for a selection of dossiers (outreach:batch_create)."""
    choices = [(next_step.INVITATION, _("Uitnodiging LAC (water of energie, volgens het dossier)"))]
    for code in BATCH_TYPES[1:]:
        try:
            choices.append((code, str(letters.get_letter_type(code).label)))
        except LookupError:
            continue
    return choices


# --- the notice of an LAC invitation ----------------------------------------------------------

DEFAULT_NOTICE_DAYS = 7


def notice_days() -> int:
    """How many days before the session an LAC invitation should go out at least
    (settings.BEREIK_INVITATION_NOTICE_DAYS, default 7)."""
    return int(getattr(settings, "BEREIK_INVITATION_NOTICE_DAYS", DEFAULT_NOTICE_DAYS))


@dataclass(frozen=True)
class ShortNotice:
    """An LAC invitation dated fewer than `notice_days()` days before its session."""

    dossier: Dossier
    session_date: datetime.date
    days: int  # from the letter's date to the session


def short_notice(
    dossier: Dossier, session_date: datetime.date | None, letter_date: datetime.date
) -> ShortNotice | None:
    if session_date is None:
        return None
    days = (session_date - letter_date).days
    return ShortNotice(dossier, session_date, days) if days < notice_days() else None


def short_notice_message(notices: list[ShortNotice]) -> str:
    """The warning, in Dutch, naming the dossiers concerned."""
    days = notice_days()

    def when(notice: ShortNotice) -> str:
        if notice.days < 0:
            return _("de zitting is al voorbij")
        if notice.days == 0:
            return _("vandaag")
        return ngettext("over %(days)d dag", "over %(days)d dagen", notice.days) % {
            "days": notice.days
        }

    named = "; ".join(
        _("%(number)s %(name)s (zitting %(date)s, %(when)s)")
        % {
            "number": notice.dossier.number,
            "name": notice.dossier.household_name,
            "date": notice.session_date.strftime("%d/%m/%Y"),
            "when": when(notice),
        }
        for notice in notices
    )
    return ngettext(
        "Korte termijn: deze uitnodiging vertrekt minder dan %(days)d dagen vóór de LAC-zitting: "
        "%(named)s. Het gezin krijgt ze misschien te laat; bel of bezoek het ook.",
        "Korte termijn: %(count)d uitnodigingen vertrekken minder dan %(days)d dagen vóór de "
        "LAC-zitting: %(named)s. Die gezinnen krijgen ze misschien te laat; bel of bezoek ze ook.",
        len(notices),
    ) % {"count": len(notices), "days": days, "named": named}


def letter_short_notices(letters) -> list[ShortNotice]:
    """The LAC invitations among `letters` (select their dossier) dated fewer than
    `notice_days()` days before the session they name."""
    found = []
    for letter in letters:
        session = (letter.options or {}).get("session_date")
        if letter.letter_type not in next_step.INVITATIONS or not session:
            continue
        notice = short_notice(letter.dossier, datetime.date.fromisoformat(session), letter.date)
        if notice is not None:
            found.append(notice)
    return found
