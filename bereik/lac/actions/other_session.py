"""A LAC list that asks a session for households already on another open session's agenda: what
the user chose at the import (`bereik.intake.placements.OnOtherSession`) is done here, and
nothing is doubled without that choice. Called by the placement (`agenda.py`) inside its
transaction; the notes tell the import's page where its dossiers went."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.intake.placements import OnOtherSession
from bereik.lac.actions.notices import flag_if_late
from bereik.lac.models import AgendaItem, Session, SkippedRequest
from bereik.lac.queries import next_positions
from bereik.lac.rules import date_text


def items_elsewhere(targets: dict[int, Session]) -> dict[int, list[AgendaItem]]:
    """dossier id -> its items on another open session still to come, of the same kind as the
    session the list asks (one query)."""
    if not targets:
        return {}
    items = AgendaItem.objects.filter(
        dossier_id__in=list(targets),
        session__closed_at__isnull=True,
        session__date__gte=timezone.localdate(),
    ).select_related("session", "session__company", "dossier")
    found = defaultdict(list)
    for item in items:
        target = targets[item.dossier_id]
        if item.session_id != target.pk and item.session.kind == target.kind:
            found[item.dossier_id].append(item)
    return found


def settle(item: AgendaItem, session: Session, *, asked: datetime.date, signal, choice: str,
           actor, result) -> bool:  # fmt: skip
    """Do what `choice` says for a dossier on `item` (another open session) whose list asks
    `session`. True when that settles it (no new item); False to place it as well."""
    dossier = item.dossier
    if choice == OnOtherSession.KEEP:
        dossier_log(
            dossier,
            "lac.agenda",
            _("Ook op de agenda van %(session)s gehouden (gekozen bij de import)")
            % {"session": item.session},
            actor=actor,
            data={"item": item.pk},
        )
        result.kept_both.append((dossier, item.session))
        return False
    if choice == OnOtherSession.MOVE and not (item.attendance or item.advice):
        old = item.session
        item.session, item.requested_date, item.signal = session, asked, signal
        item.position = (next_positions([session.pk]).get(session.pk) or 0) + 1
        item.save(update_fields=["session", "requested_date", "signal", "position"])
        dossier_log(
            dossier,
            "lac.agenda",
            _("Verplaatst van de LAC van %(old)s naar %(new)s (nieuwe LAC-lijst)")
            % {"old": date_text(old.date), "new": date_text(session.date)},
            actor=actor,
            data={"item": item.pk, "from": old.pk, "to": session.pk},
        )
        flag_if_late(item, actor=actor)
        audit.record(
            "lac.agenda.move", actor=actor, obj=item, details={"from": old.pk, "to": session.pk}
        )
        result.moved.append(item)
        return True
    if choice in (OnOtherSession.SKIP, OnOtherSession.MOVE):
        # Skipped, or a move that can't be done: attendance or advice is already recorded.
        SkippedRequest.objects.get_or_create(
            dossier=dossier,
            requested_date=asked,
            defaults={
                "kept_on": item,
                "decided_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        reason = (
            _("er is al aanwezigheid of advies genoteerd")
            if choice == OnOtherSession.MOVE
            else _("gekozen bij de import")
        )
        dossier_log(
            dossier,
            "lac.agenda",
            _("Niet op de zitting van %(asked)s gezet: blijft op %(session)s (%(reason)s)")
            % {"asked": date_text(asked), "session": item.session, "reason": reason},
            actor=actor,
            data={"item": item.pk, "requested_date": asked.isoformat()},
        )
        audit.record(
            "lac.agenda.skip",
            actor=actor,
            obj=item,
            details={"requested_date": asked.isoformat(), "choice": choice},
        )
        result.skipped_elsewhere.append((dossier, item.session))
        return True
    # Nobody was asked (the daily command, an import from the command line): not doubled.
    result.not_placed_elsewhere.append((dossier, item.session))
    return True


def _count(pairs) -> dict[Session, int]:
    counts: dict[Session, int] = defaultdict(int)
    for _dossier, session in pairs:
        counts[session] += 1
    return counts


def placement_notes(result) -> list[dict]:
    """Where an import's dossiers went, in Dutch, for the import's page: each session created or
    filled, what was moved, kept on two sessions, skipped or left for a person to decide."""
    notes = []
    created = {session.pk for session in result.sessions_created}
    placed: dict[Session, int] = defaultdict(int)
    for item in result.placed:
        placed[item.session] += 1
    for item in result.moved:
        placed[item.session] += 0  # a session that only got moved dossiers is named too
    for session, count in sorted(placed.items(), key=lambda pair: pair[0].date):
        moved = sum(1 for item in result.moved if item.session_id == session.pk)
        parts = []
        if count:
            parts.append(
                ngettext("%(n)d dossier geplaatst", "%(n)d dossiers geplaatst", count)
                % {"n": count}
            )
        if moved:
            parts.append(
                ngettext(
                    "%(n)d dossier verplaatst van een andere zitting",
                    "%(n)d dossiers verplaatst van een andere zitting",
                    moved,
                )
                % {"n": moved}
            )
        how = _("nieuw aangemaakt") if session.pk in created else _("aangevuld")
        notes.append(
            {
                "text": f"{session}: {how}, " + ", ".join(parts),
                "url": session.get_absolute_url(),
            }
        )
    if result.already:
        notes.append(
            {
                "text": ngettext(
                    "%(n)d dossier stond al op de agenda van zijn zitting.",
                    "%(n)d dossiers stonden al op de agenda van hun zitting.",
                    result.already,
                )
                % {"n": result.already}
            }
        )
    for session, n in _count(result.kept_both).items():
        text = ngettext(
            "%(n)d dossier staat nu ook op %(session)s (gekozen bij de import).",
            "%(n)d dossiers staan nu ook op %(session)s (gekozen bij de import).",
            n,
        )
        notes.append(_note(text, n, session))
    for session, n in _count(result.skipped_elsewhere).items():
        text = ngettext(
            "%(n)d dossier blijft op %(session)s (overgeslagen).",
            "%(n)d dossiers blijven op %(session)s (overgeslagen).",
            n,
        )
        notes.append(_note(text, n, session))
    for session, n in _count(result.not_placed_elsewhere).items():
        text = ngettext(
            "%(n)d dossier niet geplaatst: het staat al op %(session)s.",
            "%(n)d dossiers niet geplaatst: ze staan al op %(session)s.",
            n,
        )
        notes.append(_note(text, n, session))
    for dossier, reason in result.skipped:
        text = _("%(number)s niet geplaatst: %(reason)s.")
        notes.append({"text": text % {"number": dossier.number, "reason": reason}})
    return notes


def _note(text: str, n: int, session: Session) -> dict:
    return {"text": text % {"n": n, "session": session}, "url": session.get_absolute_url()}
