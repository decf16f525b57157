"""Read helpers for the LAC app (no writes here)."""

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from bereik.dossiers.models import Signal
from bereik.intake.placements import Elsewhere
from bereik.lac.models import AgendaItem, Session, SkippedRequest
from bereik.outreach.models import Letter
from bereik.outreach.next_step import INVITATIONS

LAC_SIGNAL_KINDS = (Signal.Kind.LAC_WATER, Signal.Kind.LAC_ENERGIE)
# The dossier kind a LAC list is about.
SIGNAL_SESSION_KIND = {
    Signal.Kind.LAC_WATER: Session.Kind.WATER,
    Signal.Kind.LAC_ENERGIE: Session.Kind.ENERGIE,
}


def latest_lac_signals(dossier_ids) -> dict[int, Signal]:
    """For each dossier, its latest LAC signal that names a session date."""
    signals = (
        Signal.objects.filter(
            dossier_id__in=list(dossier_ids),
            kind__in=LAC_SIGNAL_KINDS,
            session_date__isnull=False,
        )
        .select_related("company")
        .order_by("dossier_id", "-received_at", "-id")
    )
    latest: dict[int, Signal] = {}
    for signal in signals:
        latest.setdefault(signal.dossier_id, signal)
    return latest


def unplaced_dossier_ids(
    *, since: datetime.date | None = None, company=None, kind: str | None = None, date=None
) -> list[int]:
    """Dossiers whose latest LAC list asks a session date they have no agenda item for yet.

    `since` leaves out lists for sessions long past (default: 30 days ago)."""
    if since is None:
        since = timezone.localdate() - datetime.timedelta(days=30)
    rows = Signal.objects.filter(
        kind__in=LAC_SIGNAL_KINDS, session_date__gte=since, dossier__isnull=False
    ).order_by("dossier_id", "-received_at", "-id")
    latest: dict[int, tuple] = {}
    for dossier_id, session_date, signal_kind, company_id in rows.values_list(
        "dossier_id", "session_date", "kind", "company_id"
    ):
        latest.setdefault(dossier_id, (session_date, signal_kind, company_id))
    wanted = {
        dossier_id: values
        for dossier_id, values in latest.items()
        if (date is None or values[0] == date)
        and (kind is None or SIGNAL_SESSION_KIND[values[1]] == kind)
        and (company is None or values[2] in (None, company.pk))
    }
    placed = set(
        AgendaItem.objects.filter(dossier_id__in=list(wanted), requested_date__isnull=False)
        .values_list("dossier_id", "requested_date")
        .iterator()
    ) | set(
        SkippedRequest.objects.filter(dossier_id__in=list(wanted)).values_list(
            "dossier_id", "requested_date"
        )
    )
    return sorted(
        dossier_id for dossier_id, values in wanted.items() if (dossier_id, values[0]) not in placed
    )


def sessions_with_counts(queryset):
    return queryset.select_related("company", "chair", "secretary").annotate(
        item_count=Count("items", distinct=True),
        advice_count=Count("items", filter=~Q(items__advice=""), distinct=True),
    )


def items_to_prepare(user):
    """The open agenda items `user` prepares, soonest session first."""
    return (
        AgendaItem.objects.filter(AgendaItem.prepared_by(user), session__closed_at__isnull=True)
        .select_related("session", "session__company", *AgendaItem.PREPARER_RELATED)
        .order_by("session__date", "session__pk", "position", "pk")
    )


def coming_session_of(dossier):
    """The next open session the dossier is on the agenda of (None when there is none)."""
    item = (
        AgendaItem.objects.filter(
            dossier=dossier,
            session__closed_at__isnull=True,
            session__date__gte=timezone.localdate(),
        )
        .select_related("session")
        .order_by("session__date", "session__pk")
        .first()
    )
    return item.session if item else None


def agenda_numbers(session: Session) -> dict[int, int]:
    """item id -> its number on the session's agenda (1, 2, ...), in the agenda's order."""
    ids = session.items.order_by("position", "pk").values_list("pk", flat=True)
    return {pk: number for number, pk in enumerate(ids, 1)}


def previous_session(kind: str, company) -> Session | None:
    """The company's latest session of that kind, with its members."""
    return (
        Session.objects.filter(kind=kind, company=company)
        .select_related(*Session.MEMBER_FIELDS)
        .order_by("-date", "-pk")
        .first()
    )


def has_records(session: Session) -> bool:
    """Attendance or advice was recorded for one of the session's dossiers."""
    return session.items.exclude(attendance="", advice="").exists()


def next_positions(session_ids) -> dict[int, int]:
    """session id -> the last position on its agenda (sessions without items are left out)."""
    rows = (
        AgendaItem.objects.filter(session_id__in=list(session_ids))
        .values("session_id")
        .annotate(last=Max("position"))
    )
    return {row["session_id"]: row["last"] for row in rows}


def missing_for_closing(session: Session) -> list[AgendaItem]:
    """The items that still lack an attendance or an advice."""
    return [item for item in session.items.select_related("dossier") if not item.has_advice]


def invited_for(session: Session, dossier_ids) -> set[int]:
    """Dossiers that already have an invitation letter for this session's date."""
    wanted = session.date.isoformat()
    letters = Letter.objects.filter(dossier_id__in=list(dossier_ids), letter_type__in=INVITATIONS)
    # The options are JSON; compared here because JSON lookups differ between databases.
    return {
        dossier_id
        for dossier_id, options in letters.values_list("dossier_id", "options")
        if isinstance(options, dict) and options.get("session_date") == wanted
    }


def find_elsewhere(wanted: dict[int, datetime.date]) -> list[Elsewhere]:
    """For the intake's preview of a LAC list (`bereik.intake.placements`): the dossiers (id ->
    the session date the list asks) already on the agenda of another open session still to
    come (one query)."""
    items = AgendaItem.objects.filter(
        dossier_id__in=list(wanted),
        session__closed_at__isnull=True,
        session__date__gte=timezone.localdate(),
    ).select_related("session", "session__company", "dossier")
    return [
        Elsewhere(
            dossier_id=item.dossier_id,
            number=item.dossier.number,
            household=item.dossier.household_name,
            session=str(item.session),
            session_url=item.session.get_absolute_url(),
            asked=wanted[item.dossier_id],
        )
        for item in items
        if item.session.date != wanted[item.dossier_id]
    ]
