"""What the LAC knows of the session a dossier's invitation is for, told to outreach's invitation
letters (`bereik.outreach.queries.register_session_source`, from LacConfig.ready())."""

import datetime

from bereik.lac.letters import session_time_text
from bereik.lac.models import AgendaItem
from bereik.lac.queries import latest_lac_signals
from bereik.outreach.queries import KnownSession


def known_sessions(dossiers, *, today: datetime.date) -> dict[int, KnownSession]:
    """Per dossier: its agenda item on a coming open session (date, time, place), else the
    session date its latest LAC list asks. Past dates do not count. Two queries."""
    ids = [dossier.pk for dossier in dossiers]
    found: dict[int, KnownSession] = {}
    items = (
        AgendaItem.objects.filter(
            dossier_id__in=ids, session__closed_at__isnull=True, session__date__gte=today
        )
        .select_related("session")
        .order_by("session__date", "session__pk")
    )
    for item in items:
        session = item.session
        found.setdefault(
            item.dossier_id,
            KnownSession(
                session.date, session_time_text(session), session.place, KnownSession.AGENDA
            ),
        )
    missing = [pk for pk in ids if pk not in found]
    signals = latest_lac_signals(missing) if missing else {}
    for pk, signal in signals.items():
        if signal.session_date >= today:
            found[pk] = KnownSession(signal.session_date, source=KnownSession.LIST)
    return found
