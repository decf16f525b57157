"""Putting dossiers on the agenda: from the imported LAC lists (bulk and idempotent, creating the
session when there is none), by hand, moved to another session or taken off."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.intake.actions import import_note
from bereik.lac.actions.notices import flag_if_late, notify_late, notify_preparers, placement_log
from bereik.lac.actions.other_session import items_elsewhere, placement_notes, settle
from bereik.lac.actions.preparers import agenda_preparers_follow
from bereik.lac.actions.sessions import session_create
from bereik.lac.models import AgendaItem, Session, SkippedRequest
from bereik.lac.queries import (
    SIGNAL_SESSION_KIND,
    latest_lac_signals,
    next_positions,
    unplaced_dossier_ids,
)
from bereik.lac.rules import PreparerRules, assert_open, date_text, request_for
from bereik.organisation.models import Company, Organisation


@transaction.atomic
def agenda_add(
    session: Session, dossier: Dossier, *, actor, reason: str = "", signal=None
) -> AgendaItem:
    """Put a dossier on a session's agenda by hand."""
    assert_open(session)
    if dossier.kind != session.kind:
        raise ValidationError(
            _("Dossier %(number)s is geen %(kind)s-dossier.")
            % {"number": dossier.number, "kind": session.get_kind_display().lower()}
        )
    if AgendaItem.objects.filter(session=session, dossier=dossier).exists():
        raise ValidationError(
            _("Dossier %(number)s staat al op deze agenda.") % {"number": dossier.number}
        )
    if signal is None:
        signal = latest_lac_signals([dossier.pk]).get(dossier.pk)
    organisation = Organisation.get()
    request_type, request_date, deadline = request_for(signal, organisation, session.kind)
    position = (next_positions([session.pk]).get(session.pk) or 0) + 1
    preparer = PreparerRules.load().preparer_for(dossier)
    item = AgendaItem.objects.create(
        session=session,
        dossier=dossier,
        position=position,
        signal=signal,
        preparer=preparer,
        request_type=request_type,
        request_date=request_date,
        legal_deadline=deadline,
        added_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    placement_log(item, actor=actor, text=reason)
    flag_if_late(item, actor=actor)
    notify_preparers([item], added_by=actor)
    audit.record("lac.agenda.add", actor=actor, obj=item, details={"session": session.pk})
    return item


@dataclass
class PlacementResult:
    placed: list[AgendaItem] = field(default_factory=list)
    already: int = 0
    skipped: list[tuple[Dossier, str]] = field(default_factory=list)
    sessions_created: list[Session] = field(default_factory=list)
    # Items whose preparer followed a change of the dossier's worker or route.
    preparers_changed: list[AgendaItem] = field(default_factory=list)
    # Dossiers the list asks for another session than the open one they are on (other_session).
    moved: list[AgendaItem] = field(default_factory=list)
    kept_both: list[tuple[Dossier, Session]] = field(default_factory=list)
    skipped_elsewhere: list[tuple[Dossier, Session]] = field(default_factory=list)
    not_placed_elsewhere: list[tuple[Dossier, Session]] = field(default_factory=list)

    @property
    def late(self) -> list[AgendaItem]:
        return [item for item in self.placed if item.is_late]


@transaction.atomic
def agenda_place_imported(
    dossier_ids, *, actor, on_other_session: str = "", import_id: int | None = None
) -> PlacementResult:
    """Put dossiers from imported LAC lists on the agenda of the session their latest list asks
    (same company, kind and date), creating the session when there is none.

    Bulk and idempotent: a dossier already placed for that requested date (even if it was moved
    since) is left alone. Called after every import and by the "Agenda aanvullen" button.
    A dossier already on another open session still to come is never doubled silently: it is
    moved, kept on both or skipped as the user chose at the import (`on_other_session`), and
    left where it is when nobody was asked. With `import_id` the import's page is told where
    its dossiers went. The matching before it may have given dossiers already on a coming
    agenda another worker: their preparers follow (`agenda_preparers_follow`)."""
    dossier_ids = list(dict.fromkeys(dossier_ids))
    result = _place(dossier_ids, actor=actor, choice=on_other_session)
    if dossier_ids:
        result.preparers_changed = agenda_preparers_follow(dossier_ids, actor=actor)
    if import_id is not None:
        import_note(import_id, key="lac", notes=placement_notes(result), actor=actor)
    return result


def _place(dossier_ids: list[int], *, actor, choice: str = "") -> PlacementResult:
    result = PlacementResult()
    if not dossier_ids:
        return result
    dossiers = {
        dossier.pk: dossier
        for dossier in Dossier.objects.filter(pk__in=dossier_ids).select_related(
            "client__social_worker", "assigned_to", "company"
        )
    }
    signals = latest_lac_signals(dossiers)
    placed = set(
        AgendaItem.objects.filter(dossier_id__in=list(dossiers), requested_date__isnull=False)
        .values_list("dossier_id", "requested_date")
        .iterator()
    ) | set(
        SkippedRequest.objects.filter(dossier_id__in=list(dossiers)).values_list(
            "dossier_id", "requested_date"
        )
    )

    # What each dossier asks: (kind, company id, date).
    wanted: dict[int, tuple[str, int, datetime.date]] = {}
    for dossier_id, dossier in dossiers.items():
        signal = signals.get(dossier_id)
        if signal is None:
            result.skipped.append((dossier, _("geen LAC-lijst met een zittingsdatum")))
            continue
        if (dossier_id, signal.session_date) in placed:
            result.already += 1
            continue
        if dossier.kind != SIGNAL_SESSION_KIND[signal.kind]:
            result.skipped.append((dossier, _("het dossier is van een andere soort")))
            continue
        company_id = signal.company_id or dossier.company_id
        if company_id is None:
            result.skipped.append((dossier, _("geen maatschappij")))
            continue
        wanted[dossier_id] = (SIGNAL_SESSION_KIND[signal.kind], company_id, signal.session_date)
    if not wanted:
        return result

    sessions = _sessions_for(set(wanted.values()), actor=actor, result=result)
    on_sessions = set(
        AgendaItem.objects.filter(
            dossier_id__in=list(wanted), session__in=[s for s in sessions.values() if s]
        ).values_list("dossier_id", "session_id")
    )
    rules = PreparerRules.load()
    organisation = Organisation.get()
    elsewhere = items_elsewhere(
        {
            dossier_id: sessions[key]
            for dossier_id, key in wanted.items()
            if sessions[key] is not None and (dossier_id, sessions[key].pk) not in on_sessions
        }
    )
    positions = next_positions(s.pk for s in sessions.values() if s)
    linked = []
    new_items = []
    for dossier_id, key in wanted.items():
        dossier, signal, session = dossiers[dossier_id], signals[dossier_id], sessions[key]
        if session is None:
            result.skipped.append((dossier, _("de zitting van die datum is al afgesloten")))
            continue
        other = elsewhere.get(dossier_id)
        if other and settle(
            other[0], session, asked=key[2], signal=signal, choice=choice, actor=actor,
            result=result,
        ):  # fmt: skip
            continue
        if (dossier_id, session.pk) in on_sessions:
            # Added by hand before the list came in: remember the list's date on that item.
            linked.append(dossier_id)
            result.already += 1
            continue
        request_type, request_date, deadline = request_for(signal, organisation, session.kind)
        positions[session.pk] = positions.get(session.pk, 0) + 1
        new_items.append(
            AgendaItem(
                session=session,
                dossier=dossier,
                position=positions[session.pk],
                requested_date=key[2],
                signal=signal,
                preparer=rules.preparer_for(dossier),
                request_type=request_type,
                request_date=request_date,
                legal_deadline=deadline,
                added_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    for dossier_id in linked:
        AgendaItem.objects.filter(
            dossier_id=dossier_id, session=sessions[wanted[dossier_id]], requested_date=None
        ).update(requested_date=wanted[dossier_id][2], signal=signals[dossier_id])
    AgendaItem.objects.bulk_create(new_items)
    # bulk_create does not return primary keys on every database: read the items back.
    new_keys = {(item.dossier_id, item.requested_date) for item in new_items}
    created = [
        item
        for item in AgendaItem.objects.filter(
            dossier_id__in=[item.dossier_id for item in new_items],
            requested_date__in={item.requested_date for item in new_items},
        ).select_related("session", "session__company", "dossier", "preparer")
        if (item.dossier_id, item.requested_date) in new_keys
    ]
    for item in created:
        placement_log(item, actor=actor, text=_("Uit de geïmporteerde LAC-lijst."))
        flag_if_late(item, actor=actor)
        audit.record(
            "lac.agenda.place", actor=actor, obj=item, details={"session": item.session_id}
        )
    notify_preparers(created)
    notify_late([item for item in created if item.is_late])
    result.placed = created
    return result


def _sessions_for(keys, *, actor, result: PlacementResult) -> dict[tuple, Session | None]:
    """The session for each (kind, company id, date): an open one when there is one, None when
    only a closed one exists, a new one (members copied from the previous session) otherwise."""
    found: dict[tuple, Session | None] = {}
    existing = Session.objects.filter(
        date__in={key[2] for key in keys}, company_id__in={key[1] for key in keys}
    ).order_by("closed_at", "pk")
    for session in existing:
        key = (session.kind, session.company_id, session.date)
        if key not in keys:
            continue
        if session.is_closed:
            found.setdefault(key, None)
        elif found.get(key) is None:
            found[key] = session
    companies = Company.objects.in_bulk({key[1] for key in keys if key not in found})
    for key in sorted(keys - set(found), key=lambda k: (k[2], k[1], k[0])):
        kind, company_id, date = key
        company = companies[company_id]
        if company.kind != kind:
            # A list filed under the wrong company kind: keep the list's kind, never guess.
            found[key] = None
            continue
        session = session_create(
            kind=kind, company=company, date=date, copy_previous=True, actor=actor
        )
        result.sessions_created.append(session)
        found[key] = session
    return found


def agenda_fill_from_imports(*, actor, since: datetime.date | None = None) -> PlacementResult:
    """Place every dossier of a recent LAC list that is not on an agenda yet, and let the
    preparers of the coming sessions follow their dossiers' worker (daily, `lac_fill_agenda`)."""
    result = agenda_place_imported(unplaced_dossier_ids(since=since), actor=actor)
    result.preparers_changed += agenda_preparers_follow(actor=actor)
    return result


@transaction.atomic
def agenda_item_move(item: AgendaItem, session: Session, *, reason: str, actor) -> AgendaItem:
    """Move a dossier to another session (same company and kind), with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden om het dossier te verplaatsen.")})
    assert_open(item.session)
    assert_open(session)
    if session.pk == item.session_id:
        raise ValidationError({"session": _("Kies een andere zitting.")})
    if (session.kind, session.company_id) != (item.session.kind, item.session.company_id):
        raise ValidationError(
            {"session": _("Verplaatsen kan alleen naar een zitting van dezelfde maatschappij.")}
        )
    if AgendaItem.objects.filter(session=session, dossier_id=item.dossier_id).exists():
        raise ValidationError({"session": _("Het dossier staat al op die zitting.")})
    recorded = AgendaItem.objects.filter(pk=item.pk).exclude(attendance="", advice="")
    if not session.has_started and recorded.exists():
        raise ValidationError(
            {
                "session": _(
                    "Er is al aanwezigheid of advies genoteerd: verplaatsen kan alleen naar een "
                    "zitting die al plaatsvond."
                )
            }
        )
    old = item.session
    item.session = session
    item.position = (next_positions([session.pk]).get(session.pk) or 0) + 1
    item.save(update_fields=["session", "position"])
    summary = _("Verplaatst van de LAC van %(old)s naar %(new)s") % {
        "old": date_text(old.date),
        "new": date_text(session.date),
    }
    dossier_log(
        item.dossier,
        "lac.agenda",
        summary,
        actor=actor,
        text=reason,
        data={"item": item.pk, "from": old.pk, "to": session.pk},
    )
    flag_if_late(item, actor=actor)
    audit.record(
        "lac.agenda.move",
        actor=actor,
        obj=item,
        details={"from": old.pk, "to": session.pk},
    )
    return item


@transaction.atomic
def agenda_item_remove(item: AgendaItem, *, reason: str, actor) -> None:
    """Take a dossier off an open agenda (added by mistake, request withdrawn), with a reason."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Geef een reden om het dossier van de agenda te halen.")}
        )
    assert_open(item.session)
    if item.advice:
        raise ValidationError(_("Er is al een advies genoteerd: verplaats of corrigeer het."))
    summary = _("Van de agenda van %(session)s gehaald") % {"session": item.session}
    dossier_log(item.dossier, "lac.agenda", summary, actor=actor, text=reason)
    audit.record(
        "lac.agenda.remove",
        actor=actor,
        obj=item,
        details={"session": item.session_id, "dossier": item.dossier_id},
    )
    item.delete()
