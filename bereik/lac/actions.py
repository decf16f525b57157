"""Writes on LAC sessions and their agenda. Every function takes `actor=`, runs in a transaction
and leaves an audit event; what the people on a dossier should see also goes on its timeline."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Role, User
from bereik.dossiers.actions import dossier_log, task_create
from bereik.dossiers.models import Dossier, Task
from bereik.lac import deadlines
from bereik.lac.models import AgendaItem, Correction, LacPerson, Session, own_social_worker
from bereik.lac.queries import SIGNAL_SESSION_KIND, latest_lac_signals, unplaced_dossier_ids
from bereik.organisation.models import Organisation

# Months after the session at which a payment plan advised by the LAC is checked.
DEFAULT_PLAN_CHECK_MONTHS = (3, 6, 12)

SESSION_FIELDS = ("kind", "company", "date", "time", "place", *Session.MEMBER_FIELDS, "notes")
ADVICE_FIELDS = (
    "attendance",
    "representative_kind",
    "representative_name",
    "advice",
    "advice_other",
    "conditional",
    "conditions",
    "condition_deadline",
    "unanimous",
    "note",
)


def plan_check_months() -> tuple[int, ...]:
    return tuple(getattr(settings, "LAC_PAYMENT_PLAN_CHECK_MONTHS", DEFAULT_PLAN_CHECK_MONTHS))


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def advice_too_early(session: Session) -> str:
    """Why nothing can be recorded yet for a session still to come (the form says it too)."""
    return _(
        "De zitting is pas op %(date)s; het advies kan vanaf die dag geregistreerd worden."
    ) % {"date": _date(session.date)}


def _has_records(session: Session) -> bool:
    """Attendance or advice was recorded for one of the session's dossiers."""
    return session.items.exclude(attendance="", advice="").exists()


def _display(obj, name: str) -> str:
    """A field's value as people read it (for the correction history)."""
    value = getattr(obj, name)
    model_field = obj._meta.get_field(name)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


# --- people ------------------------------------------------------------------------------------


@transaction.atomic
def person_save(person: LacPerson, *, actor) -> LacPerson:
    created = person.pk is None
    person.save()
    audit.record("lac.person.create" if created else "lac.person.update", actor=actor, obj=person)
    return person


# --- sessions ----------------------------------------------------------------------------------


def _check_kind(kind: str, company) -> None:
    if company is not None and company.kind != kind:
        raise ValidationError(
            {
                "company": _("%(company)s is geen maatschappij voor %(kind)s.")
                % {"company": company, "kind": dict(Session.Kind.choices)[kind].lower()}
            }
        )


def _previous_session(kind: str, company) -> Session | None:
    return (
        Session.objects.filter(kind=kind, company=company)
        .select_related(*Session.MEMBER_FIELDS)
        .order_by("-date", "-pk")
        .first()
    )


@transaction.atomic
def session_create(
    *,
    kind: str,
    company,
    date: datetime.date,
    time: datetime.time | None = None,
    place: str = "",
    chair=None,
    bcsd_member=None,
    company_representative=None,
    debt_mediator=None,
    secretary=None,
    notes: str = "",
    copy_previous: bool = False,
    actor,
) -> Session:
    """A new session. With `copy_previous`, empty members, time and place are taken from the
    company's previous session (the committee rarely changes)."""
    _check_kind(kind, company)
    session = Session(
        kind=kind,
        company=company,
        date=date,
        time=time,
        place=place,
        chair=chair,
        bcsd_member=bcsd_member,
        company_representative=company_representative,
        debt_mediator=debt_mediator,
        secretary=secretary,
        notes=notes,
    )
    previous = _previous_session(kind, company) if copy_previous else None
    if previous is not None:
        for name in ("time", "place", *Session.MEMBER_FIELDS):
            if not getattr(session, name):
                setattr(session, name, getattr(previous, name))
    session.save()
    audit.record("lac.session.create", actor=actor, obj=session)
    return session


@transaction.atomic
def session_update(session: Session, *, actor, reason: str = "", **fields) -> Session:
    """Change a session. After closing, a change needs a reason and is kept as a correction."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown session fields: {sorted(unknown)}")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_closed and not reason.strip():
        raise ValidationError(_("De zitting is afgesloten: geef een reden voor de correctie."))
    new_date = fields.get("date", session.date)
    if new_date != session.date and new_date > timezone.localdate() and _has_records(session):
        raise ValidationError(
            {
                "date": _(
                    "Er is al aanwezigheid of advies genoteerd: de zitting kan niet naar een dag "
                    "na vandaag."
                )
            }
        )
    if "company" in fields or "kind" in fields:
        _check_kind(fields.get("kind", session.kind), fields.get("company", session.company))
        if session.items.exists() and (
            fields.get("kind", session.kind) != session.kind
            or fields.get("company", session.company) != session.company
        ):
            raise ValidationError(
                _("Soort en maatschappij wijzigen kan niet meer: er staan dossiers op de agenda.")
            )
    changes = _apply(session, fields)
    if not changes:
        return session
    session.save()
    if session.is_closed:
        _keep_corrections(session, None, changes, reason=reason, actor=actor)
    if "date" in fields:
        for item in session.items.select_related("dossier"):
            _flag_if_late(item, actor=actor)
    audit.record(
        "lac.session.correct" if session.is_closed else "lac.session.update",
        actor=actor,
        obj=session,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return session


def _apply(obj, fields: dict) -> list[tuple[str, str, str]]:
    """Set the fields that differ; return (name, old display, new display) per change."""
    changes = []
    for name, value in fields.items():
        if getattr(obj, name) == value:
            continue
        old = _display(obj, name)
        setattr(obj, name, value)
        changes.append((name, old, _display(obj, name)))
    return changes


def _keep_corrections(session, item, changes, *, reason: str, actor) -> None:
    model = item if item is not None else session
    Correction.objects.bulk_create(
        Correction(
            session=session,
            item=item,
            field=name,
            field_label=str(model._meta.get_field(name).verbose_name),
            old_value=old,
            new_value=new,
            reason=reason,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for name, old, new in changes
    )


# --- the agenda --------------------------------------------------------------------------------


@dataclass
class PreparerRules:
    """What picks a preparer, loaded once for a batch: the organisation's assignment model, its
    specialist and a preventiewerker to fall back on."""

    model: str
    specialist: User | None
    preventiewerker: User | None

    @classmethod
    def load(cls) -> "PreparerRules":
        organisation = Organisation.get()
        specialist = organisation.specialist
        if specialist is not None and (specialist.is_absent or not specialist.is_active):
            specialist = None
        preventiewerker = (
            User.objects.filter(
                roles__code=Role.Code.PREVENTIEWERKER, is_active=True, is_absent=False
            )
            .order_by("pk")
            .first()
        )
        return cls(organisation.assignment_model, specialist, preventiewerker)

    def preparer_for(self, dossier: Dossier) -> User | None:
        """Route A: the client's own social worker (when available), whoever follows the dossier
        up. Otherwise the dossier's worker: the one the assignment model chose (the
        preventiewerker, the specialist, or in the verdelen model the pool's worker) or someone
        chosen by hand. An unassigned dossier goes to the specialist (specialist model) or the
        preventiewerker. `AgendaItem.current_preparer` applies the same rule later on."""
        return own_social_worker(dossier) or dossier.assigned_to or self._fallback()

    def _fallback(self) -> User | None:
        if self.model == Organisation.AssignmentModel.SPECIALIST and self.specialist is not None:
            return self.specialist
        return self.preventiewerker or self.specialist


def _assert_open(session: Session) -> None:
    """Refuse changes to a closed session; asks the database, so a stale object cannot slip by."""
    closed_at = Session.objects.filter(pk=session.pk).values_list("closed_at", flat=True).first()
    if closed_at is not None:
        raise ValidationError(
            _("De zitting van %(date)s is afgesloten: de agenda kan niet meer wijzigen.")
            % {"date": _date(session.date)}
        )


def _request_for(dossier, signal, organisation, kind):
    if signal is not None:
        request_type, request_date = deadlines.request_of(signal)
    else:
        request_type = (
            deadlines.REQUEST_LIMITER if kind == Session.Kind.WATER else deadlines.REQUEST_CUTOFF
        )
        request_date = None
    return request_type, request_date, deadlines.legal_deadline(kind, request_date, organisation)


def _flag_if_late(item: AgendaItem, *, actor) -> bool:
    """Put a late session on the dossier's timeline, with what the law says happens."""
    if not item.is_late:
        return False
    summary = _(
        "LAC-termijn overschreden: zitting op %(session)s, advies wettelijk vereist tegen "
        "%(deadline)s"
    ) % {"session": _date(item.session.date), "deadline": _date(item.legal_deadline)}
    dossier_log(
        item.dossier,
        "lac.deadline",
        summary,
        actor=actor,
        text=item.lapse_consequence,
        data={"item": item.pk, "session": item.session_id},
    )
    return True


def _placement_log(item: AgendaItem, *, actor, text: str = "") -> None:
    session = item.session
    summary = _("Op de agenda van %(session)s") % {"session": session}
    dossier_log(
        item.dossier,
        "lac.agenda",
        summary,
        actor=actor,
        text=text,
        data={"item": item.pk, "session": session.pk},
    )


def _notify_preparers(items, *, added_by=None) -> None:
    """One notification per preparer and session, not one per dossier."""
    grouped = defaultdict(list)
    for item in items:
        if item.preparer_id and item.preparer_id != getattr(added_by, "pk", None):
            grouped[(item.preparer, item.session)].append(item)
    for (preparer, session), session_items in grouped.items():
        text = ngettext(
            "%(count)d dossier voor te bereiden voor %(session)s",
            "%(count)d dossiers voor te bereiden voor %(session)s",
            len(session_items),
        ) % {"count": len(session_items), "session": session}
        notify(preparer, text, url=reverse("lac:my_items"))


def _notify_late(items) -> None:
    """An import runs in the background: the chair and the secretary of the session hear of the
    households whose session falls after the legal deadline (one notification per session)."""
    grouped = defaultdict(list)
    for item in items:
        grouped[item.session_id].append(item)
    for session_items in grouped.values():
        session = Session.objects.select_related("chair", "secretary").get(
            pk=session_items[0].session_id
        )
        names = ", ".join(item.dossier.household_name for item in session_items)
        text = ngettext(
            "%(session)s valt na de wettelijke termijn voor het advies van %(count)d gezin: "
            "%(names)s. Verplaats het naar een vroegere zitting als dat kan.",
            "%(session)s valt na de wettelijke termijn voor het advies van %(count)d gezinnen: "
            "%(names)s. Verplaats ze naar een vroegere zitting als dat kan.",
            len(session_items),
        ) % {"session": session, "count": len(session_items), "names": names}
        users = {
            person.user
            for person in (session.chair, session.secretary)
            if person is not None and person.user_id and person.user.is_active
        }
        for user in users:
            notify(user, text, url=session.get_absolute_url())


def _next_positions(session_ids) -> dict[int, int]:
    rows = (
        AgendaItem.objects.filter(session_id__in=list(session_ids))
        .values("session_id")
        .annotate(last=Max("position"))
    )
    return {row["session_id"]: row["last"] for row in rows}


@transaction.atomic
def agenda_add(
    session: Session, dossier: Dossier, *, actor, reason: str = "", signal=None
) -> AgendaItem:
    """Put a dossier on a session's agenda by hand."""
    _assert_open(session)
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
    request_type, request_date, deadline = _request_for(dossier, signal, organisation, session.kind)
    position = (_next_positions([session.pk]).get(session.pk) or 0) + 1
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
    _placement_log(item, actor=actor, text=reason)
    _flag_if_late(item, actor=actor)
    _notify_preparers([item], added_by=actor)
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

    @property
    def late(self) -> list[AgendaItem]:
        return [item for item in self.placed if item.is_late]


@transaction.atomic
def agenda_place_imported(dossier_ids, *, actor) -> PlacementResult:
    """Put dossiers from imported LAC lists on the agenda of the session their latest list asks
    (same company, kind and date), creating the session when there is none.

    Bulk and idempotent: a dossier already placed for that requested date (even if it was moved
    since) is left alone. Called after every import and by the "Agenda aanvullen" button.
    The matching before it may have given dossiers already on a coming agenda another worker:
    their preparers follow (`agenda_preparers_follow`)."""
    dossier_ids = list(dict.fromkeys(dossier_ids))
    result = _place(dossier_ids, actor=actor)
    if dossier_ids:
        result.preparers_changed = agenda_preparers_follow(dossier_ids, actor=actor)
    return result


def _place(dossier_ids: list[int], *, actor) -> PlacementResult:
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
    positions = _next_positions(s.pk for s in sessions.values() if s)
    linked = []
    new_items = []
    for dossier_id, key in wanted.items():
        dossier, signal, session = dossiers[dossier_id], signals[dossier_id], sessions[key]
        if session is None:
            result.skipped.append((dossier, _("de zitting van die datum is al afgesloten")))
            continue
        if (dossier_id, session.pk) in on_sessions:
            # Added by hand before the list came in: remember the list's date on that item.
            linked.append(dossier_id)
            result.already += 1
            continue
        request_type, request_date, deadline = _request_for(
            dossier, signal, organisation, session.kind
        )
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
        _placement_log(item, actor=actor, text=_("Uit de geïmporteerde LAC-lijst."))
        _flag_if_late(item, actor=actor)
        audit.record(
            "lac.agenda.place", actor=actor, obj=item, details={"session": item.session_id}
        )
    _notify_preparers(created)
    _notify_late([item for item in created if item.is_late])
    result.placed = created
    return result


def _sessions_for(keys, *, actor, result: PlacementResult) -> dict[tuple, Session | None]:
    """The session for each (kind, company id, date): an open one when there is one, None when
    only a closed one exists, a new one (members copied from the previous session) otherwise."""
    from bereik.organisation.models import Company

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
    _assert_open(item.session)
    _assert_open(session)
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
    item.position = (_next_positions([session.pk]).get(session.pk) or 0) + 1
    item.save(update_fields=["session", "position"])
    summary = _("Verplaatst van de LAC van %(old)s naar %(new)s") % {
        "old": _date(old.date),
        "new": _date(session.date),
    }
    dossier_log(
        item.dossier,
        "lac.agenda",
        summary,
        actor=actor,
        text=reason,
        data={"item": item.pk, "from": old.pk, "to": session.pk},
    )
    _flag_if_late(item, actor=actor)
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
    _assert_open(item.session)
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


@transaction.atomic
def agenda_item_set_preparer(item: AgendaItem, preparer, *, actor) -> AgendaItem:
    """Set the preparer by hand; automatic updates leave such an item alone from then on."""
    return agenda_items_set_preparer([item], preparer, actor=actor)[0]


@transaction.atomic
def agenda_items_set_preparer(items, preparer, *, actor) -> list[AgendaItem]:
    """Set the preparer of several items by hand at once (dividing a session's dossiers): the
    preparer hears of them in one notification per session, not one per dossier."""
    items = list(items)
    for session in {item.session for item in items}:
        _assert_open(session)
    changed = []
    for item in items:
        old = item.preparer
        item.preparer = preparer
        item.preparer_set_by_hand = True
        item.save(update_fields=["preparer", "preparer_set_by_hand"])
        if preparer != old:
            summary = _("Voorbereiding LAC: %(name)s") % {"name": preparer or _("niemand")}
            dossier_log(item.dossier, "lac.preparer", summary, actor=actor, data={"item": item.pk})
            changed.append(item)
        audit.record(
            "lac.agenda.preparer",
            actor=actor,
            obj=item,
            details={"preparer": getattr(preparer, "pk", None)},
        )
    _notify_preparers(changed, added_by=actor)
    return items


@transaction.atomic
def agenda_refresh_preparers(session: Session, *, actor) -> int:
    """Follow the dossiers' current assignment for the preparers not set by hand ("bijwerken").
    The new preparers hear of it while the session is still to come."""
    _assert_open(session)
    rules = PreparerRules.load()
    changed = []
    items = session.items.filter(preparer_set_by_hand=False).select_related(
        "session", *AgendaItem.PREPARER_RELATED
    )
    for item in items:
        preparer = rules.preparer_for(item.dossier)
        if preparer != item.preparer:
            item.preparer = preparer
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["preparer"])
    if changed:
        if not session.is_past:
            _notify_preparers(changed, added_by=actor)
        audit.record(
            "lac.agenda.preparers",
            actor=actor,
            obj=session,
            details={"items": [item.pk for item in changed]},
        )
    return len(changed)


@transaction.atomic
def agenda_preparers_follow(dossier_ids=None, *, actor) -> list[AgendaItem]:
    """After dossiers changed hands or route (a reassignment, the register showing route A): the
    items of open sessions still to come whose preparer was not set by hand get the preparer
    `AgendaItem.current_preparer` names, and each new preparer hears of them in one notification
    per session. The former preparer hears nothing; locked and past sessions are left as they
    are. Idempotent: the stored preparer is the current one afterwards, so nobody hears twice.

    `dossier_ids`: only the items of these dossiers (None: every coming session). The import's
    placement and `agenda_fill_from_imports` (`lac_fill_agenda`, daily) call it, and the dossiers
    app calls it through `bereik.dossiers.handover` when a worker or route changes."""
    items = AgendaItem.objects.filter(
        preparer_set_by_hand=False,
        session__closed_at__isnull=True,
        session__date__gte=timezone.localdate(),
    )
    if dossier_ids is not None:
        items = items.filter(dossier_id__in=list(dossier_ids))
    changed = []
    for item in items.select_related("session", "session__company", *AgendaItem.PREPARER_RELATED):
        preparer = item.current_preparer
        if preparer != item.preparer:
            item.preparer = preparer
            changed.append(item)
    if not changed:
        return []
    AgendaItem.objects.bulk_update(changed, ["preparer"])
    _notify_preparers(changed, added_by=actor)
    audit.record(
        "lac.agenda.preparers",
        actor=actor,
        details={
            "items": [item.pk for item in changed],
            "preparers": [item.preparer_id for item in changed],
        },
    )
    return changed


# --- the session itself ------------------------------------------------------------------------


def validate_advice(values: dict) -> None:
    """The rules an advice must follow, for the form and the action alike."""
    errors = {}
    if values.get("attendance") == AgendaItem.Attendance.REPRESENTED and not values.get(
        "representative_kind"
    ):
        errors["representative_kind"] = _("Zeg door wie de cliënt vertegenwoordigd was.")
    if values.get("advice") == AgendaItem.Advice.OTHER and not values.get("advice_other"):
        errors["advice_other"] = _("Omschrijf het advies.")
    if values.get("conditional"):
        if not values.get("conditions", "").strip():
            errors["conditions"] = _("Een voorwaardelijk advies heeft voorwaarden.")
        if not values.get("condition_deadline"):
            errors["condition_deadline"] = _("Een voorwaardelijk advies heeft een uiterste datum.")
    if values.get("advice") and not values.get("attendance"):
        errors["attendance"] = _("Noteer of de cliënt aanwezig, vertegenwoordigd of afwezig was.")
    if errors:
        raise ValidationError(errors)


def _advice_values(item: AgendaItem, fields: dict) -> dict:
    unknown = set(fields) - set(ADVICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown advice fields: {sorted(unknown)}")
    values = {name: getattr(item, name) for name in ADVICE_FIELDS}
    values.update(fields)
    if values["attendance"] != AgendaItem.Attendance.REPRESENTED:
        values["representative_kind"] = ""
        values["representative_name"] = ""
    if values["advice"] != AgendaItem.Advice.OTHER:
        values["advice_other"] = ""
    if not values["conditional"]:
        values["conditions"] = ""
        values["condition_deadline"] = None
    validate_advice(values)
    return values


def _advice_summary(item: AgendaItem) -> str:
    if not item.advice:
        return _("LAC-advies gewist")
    parts = [_("LAC-advies: %(advice)s") % {"advice": item.advice_label}]
    if item.conditional:
        parts.append(_("voorwaardelijk tot %(date)s") % {"date": _date(item.condition_deadline)})
    if item.unanimous is False:
        parts.append(_("niet unaniem: de maatschappij mag niet afsluiten"))
    return ", ".join(parts)


@transaction.atomic
def agenda_item_record(item: AgendaItem, *, actor, **fields) -> AgendaItem:
    """Record attendance and advice during or right after the session (before it is closed);
    not before the session's day."""
    item = AgendaItem.objects.select_related("session", "dossier").get(pk=item.pk)
    if item.session.is_closed:
        raise ValidationError(
            _("De zitting is afgesloten: een wijziging is een correctie met een reden.")
        )
    if not item.session.has_started:
        raise ValidationError(advice_too_early(item.session))
    values = _advice_values(item, fields)
    advice_before = (item.advice, item.advice_other, item.conditional, item.unanimous)
    changes = _apply(item, values)
    if not changes:
        return item
    item.recorded_at = timezone.now()
    item.save()
    if advice_before != (item.advice, item.advice_other, item.conditional, item.unanimous):
        dossier_log(
            item.dossier,
            "lac.advice",
            _advice_summary(item),
            actor=actor,
            text=item.conditions,
            data={"item": item.pk, "advice": item.advice},
        )
    audit.record(
        "lac.advice.record",
        actor=actor,
        obj=item,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return item


@transaction.atomic
def agenda_item_correct(item: AgendaItem, *, reason: str, actor, **fields) -> AgendaItem:
    """Correct the record of a closed session: needs a reason; both values are kept."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor de correctie.")})
    item = AgendaItem.objects.select_related("session", "dossier").get(pk=item.pk)
    if not item.session.is_closed:
        return agenda_item_record(item, actor=actor, **fields)
    values = _advice_values(item, fields)
    changes = _apply(item, values)
    if not changes:
        return item
    item.save()
    _keep_corrections(item.session, item, changes, reason=reason, actor=actor)
    summary = _("Correctie LAC-advies: %(fields)s") % {
        "fields": ", ".join(f"{old or '—'} → {new or '—'}" for _name, old, new in changes)
    }
    dossier_log(
        item.dossier,
        "lac.correction",
        summary,
        actor=actor,
        text=reason,
        data={"item": item.pk, "fields": [name for name, _old, _new in changes]},
    )
    _create_followup_tasks(item, actor=actor)
    audit.record(
        "lac.advice.correct",
        actor=actor,
        obj=item,
        details={"fields": sorted(name for name, _old, _new in changes)},
    )
    return item


def missing_for_closing(session: Session) -> list[AgendaItem]:
    return [item for item in session.items.select_related("dossier") if not item.has_advice]


@transaction.atomic
def session_close(session: Session, *, actor) -> Session:
    """Close (lock) the session once every dossier has an attendance and an advice, and create the
    follow-up tasks of conditional advice."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_closed:
        raise ValidationError(_("De zitting is al afgesloten."))
    if not session.has_started:
        raise ValidationError(
            _("De zitting is pas op %(date)s; ze kan vanaf die dag afgesloten worden.")
            % {"date": _date(session.date)}
        )
    missing = missing_for_closing(session)
    if missing:
        names = ", ".join(item.dossier.household_name for item in missing[:10])
        raise ValidationError(
            ngettext(
                "Nog geen aanwezigheid of advies voor %(count)d dossier: %(names)s.",
                "Nog geen aanwezigheid of advies voor %(count)d dossiers: %(names)s.",
                len(missing),
            )
            % {"count": len(missing), "names": names}
        )
    session.closed_at = timezone.now()
    session.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    session.save(update_fields=["closed_at", "closed_by"])
    tasks = 0
    for item in session.items.select_related("dossier", "dossier__assigned_to", "preparer"):
        item.session = session
        tasks += len(_create_followup_tasks(item, actor=actor))
    audit.record("lac.session.close", actor=actor, obj=session, details={"tasks": tasks})
    return session


def _followup_tasks_wanted(item: AgendaItem) -> list[tuple[str, str, datetime.date]]:
    """(key, description, due date) of the checks an advice asks for."""
    wanted = []
    if item.advice == AgendaItem.Advice.PLAN:
        for months in plan_check_months():
            wanted.append(
                (
                    f"plan{months}",
                    _("Afbetalingsplan nagaan (%(months)d maanden na de LAC)") % {"months": months},
                    deadlines.months_later(item.session.date, months),
                )
            )
    if item.conditional and item.condition_deadline:
        wanted.append(
            (
                "voorwaarden",
                _("Voorwaarden LAC-advies nagaan: %(conditions)s")
                % {"conditions": item.conditions[:200]},
                item.condition_deadline,
            )
        )
    return wanted


def _create_followup_tasks(item: AgendaItem, *, actor) -> list[Task]:
    """Create the tasks the advice asks for on the dossier's worker; never twice (the key of each
    task is kept in Task.source)."""
    if not item.session.is_closed:
        return []
    wanted = _followup_tasks_wanted(item)
    if not wanted:
        return []
    prefix = f"lac:{item.pk}:"
    existing = set(
        Task.objects.filter(dossier_id=item.dossier_id, source__startswith=prefix).values_list(
            "source", flat=True
        )
    )
    assignee = item.dossier.assigned_to or item.preparer
    created = []
    for key, description, due in wanted:
        source = f"{prefix}{key}"
        if source in existing:
            continue
        created.append(
            task_create(
                item.dossier,
                description=description,
                assignee=assignee,
                due_date=due,
                source=source[:40],
                actor=actor,
            )
        )
    return created


# --- decision letters --------------------------------------------------------------------------


@transaction.atomic
def decision_letters_create(items, recipient: str, *, actor) -> bytes:
    """Make and store the decision letters of `items` (one session) for `recipient` ("klant" or
    "maatschappij"); each letter is kept on its dossier. Returns one DOCX, the letters merged into
    one file when there are several."""
    from bereik.lac.letters import CODES
    from bereik.outreach import actions as outreach_actions

    items = list(items)
    if not items:
        raise ValidationError(_("Er is nog geen advies genoteerd."))
    code = CODES[recipient]
    session = items[0].session
    if len(items) == 1:
        data = outreach_actions.letter_generate(
            items[0].dossier, code, actor=actor, session=session.pk
        ).content()
    else:
        batch = outreach_actions.letters_generate_batch(
            [item.dossier for item in items],
            code,
            actor=actor,
            title=_("Beslissingen LAC %(session)s (%(recipient)s)")
            % {"session": session, "recipient": recipient},
            session=session.pk,
        )
        data = batch.content()
    audit.record(
        "lac.letters",
        actor=actor,
        obj=session,
        details={"recipient": recipient, "items": [item.pk for item in items]},
    )
    return data


def _invited_for(session: Session, dossier_ids) -> set[int]:
    """Dossiers that already have an invitation letter for this session's date."""
    from bereik.outreach.models import Letter
    from bereik.outreach.next_step import INVITATIONS

    wanted = session.date.isoformat()
    letters = Letter.objects.filter(dossier_id__in=list(dossier_ids), letter_type__in=INVITATIONS)
    # The options are JSON; compared here because JSON lookups differ between databases.
    return {
        dossier_id
        for dossier_id, options in letters.values_list("dossier_id", "options")
        if isinstance(options, dict) and options.get("session_date") == wanted
    }


@transaction.atomic
def session_invitations_create(session: Session, dossiers, *, sent_on=None, actor):
    """The LAC invitations of a session's households as one batch (bereik.outreach), each letter on
    its own page, with the session's date, time and place. Households that already have an
    invitation for this session are left out, so a second click makes no duplicates. Returns the
    batch and the number left out."""
    from bereik.lac.letters import invitation_options
    from bereik.outreach import actions as outreach_actions
    from bereik.outreach.letter_types import INVITATION

    _assert_open(session)
    dossiers = list(dossiers)
    invited = _invited_for(session, [dossier.pk for dossier in dossiers])
    todo = [dossier for dossier in dossiers if dossier.pk not in invited]
    if not todo:
        raise ValidationError(
            _("Alle gezinnen op deze agenda kregen al een uitnodiging voor deze zitting.")
        )
    batch = outreach_actions.letters_generate_batch(
        todo,
        INVITATION,
        actor=actor,
        sent_on=sent_on,
        title=_("Uitnodigingen %(session)s (%(count)d brieven)")
        % {"session": session, "count": len(todo)},
        **invitation_options(session),
    )
    audit.record(
        "lac.invitations",
        actor=actor,
        obj=session,
        details={"batch": batch.pk, "letters": len(todo), "already": len(invited)},
    )
    return batch, len(invited)
