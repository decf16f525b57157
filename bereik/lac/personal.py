"""The LAC's part of what Bereik holds about a person (`dossiers/personal_data.py`): the
dossier's points on a session's agenda with the advice, and corrections made to them after the
session. Retention keeps the session, attendance and advice (counted by the figures), empties
the representative's name, the conditions, the notes and the corrected values.

A session's own notes (opmerkingen) are about the whole session but may name a household on its
agenda: a part of their own ("lac_notes", before the dossiers' part, which empties the names it
looks for) exports the notes that name the person and, at retention, replaces each of the
household's names in them by "[naam gewist]"."""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.models import Dossier
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.lac.models import AgendaItem, Correction, Session

ITEM_FIELDS = (
    "session", "request_type", "request_date", "legal_deadline", "attendance",
    "representative_kind", "representative_name", "advice", "advice_other", "conditional",
    "conditions", "condition_deadline", "unanimous", "note",
)  # fmt: skip
CORRECTION_FIELDS = ("at", "field_label", "old_value", "new_value", "reason")


def export(scope: Scope) -> Exported:
    items = AgendaItem.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "session", "session__company"
    )
    corrections = Correction.objects.filter(item__dossier_id__in=scope.dossier_ids).select_related(
        "item__dossier"
    )
    return Exported(
        records=[
            *personal_data.labelled(_("LAC-advies"), items, ITEM_FIELDS),
            *personal_data.labelled(
                _("correctie LAC"), corrections, CORRECTION_FIELDS, dossier=False
            ),
        ]
    )


def erase(scope: Scope) -> Erased:
    items = AgendaItem.objects.filter(dossier_id__in=scope.dossier_ids)
    items.update(representative_name="", advice_other="", conditions="", note="")
    Correction.objects.filter(item__dossier_id__in=scope.dossier_ids).update(
        old_value="", new_value="", reason=""
    )
    return Erased()


personal_data.register(80, "lac", _("LAC"), export=export, erase=erase)

NAME_ERASED = "[naam gewist]"
SHORTEST_NAME = 3  # a shorter name alone ("Li") would match inside other words


def _pattern(names: list[tuple[str, str]]) -> re.Pattern | None:
    """The households' names to look for, longest first: "Last First" and "First Last" in any
    case, the last name alone only as written (a surname such as "Bos" or "Mol" is also a word,
    in lower case)."""
    full, lasts = set(), set()
    for last, first in names:
        last, first = last.strip(), first.strip()
        if first and last:
            full.update({f"{last} {first}", f"{first} {last}"})
        if len(last) >= SHORTEST_NAME:
            lasts.add(last)

    def words(found: set[str]) -> str:
        by_length = sorted(found, key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, name.split())) for name in by_length)

    parts = ([f"(?i:{words(full)})"] if full else []) + ([words(lasts)] if lasts else [])
    if not parts:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


def _sessions_naming(scope: Scope) -> list[tuple[Session, re.Pattern]]:
    """The sessions with one of the scope's dossiers on the agenda whose notes name it, each with
    the pattern of the names of the scope's households on that session's agenda only (another
    household there with the same name keeps its own)."""
    names = {
        pk: (last, first)
        for pk, last, first in Dossier.objects.filter(pk__in=scope.dossier_ids).values_list(
            "pk", "last_name", "first_name"
        )
    }
    on_agenda: dict[int, set[int]] = {}
    for session_id, dossier_id in (
        AgendaItem.objects.filter(dossier_id__in=scope.dossier_ids)
        .exclude(Q(session__notes="") | Q(session__notes__isnull=True))
        .values_list("session_id", "dossier_id")
    ):
        on_agenda.setdefault(session_id, set()).add(dossier_id)
    found = []
    for session in Session.objects.filter(pk__in=on_agenda).only("pk", "date", "notes"):
        pattern = _pattern([names[pk] for pk in on_agenda[session.pk] if pk in names])
        if pattern is not None and pattern.search(session.notes):
            found.append((session, pattern))
    return found


def export_notes(scope: Scope) -> Exported:
    sessions = [session for session, _pattern_found in _sessions_naming(scope)]
    return Exported(
        records=[
            {
                personal_data.KIND_LABEL: str(_("opmerkingen LAC-zitting")),
                "id": session.pk,
                str(_("zitting")): session.date.isoformat(),
                str(Session._meta.get_field("notes").verbose_name): session.notes,
            }
            for session in sessions
        ]
    )


def erase_notes(scope: Scope) -> Erased:
    found = _sessions_naming(scope)
    sessions = []
    for session, pattern in found:
        session.notes = pattern.sub(NAME_ERASED, session.notes)
        sessions.append(session)
    Session.objects.bulk_update(sessions, ["notes"], batch_size=200)
    return Erased(counts={"lac_session_notes": len(sessions)} if sessions else {})


# Before the dossiers' part (10), which empties the names this one looks for.
personal_data.register(
    5, "lac_notes", _("Opmerkingen van LAC-zittingen"), export=export_notes, erase=erase_notes
)
