"""The "LAC-zitting" filter on the dossier worklists and their export (bereik.dossiers.filters):
the households on the agenda of one session. Registered when this module is imported, from
LacConfig.ready()."""

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import filters
from bereik.lac.models import Session
from bereik.lib import lookups
from bereik.organisation.models import Company

# Sessions this long ago still show in the filter (their follow-up goes on for a while).
RECENT_DAYS = 90


def session_choices(user) -> list[tuple[str, str]]:
    """Coming and recent sessions, soonest first (one query, then kept a minute: `lookups`). A
    session's date and company are no personal data, so everyone with a worklist gets the same
    choice."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)

    def read():
        sessions = (
            Session.objects.filter(date__gte=since)
            .select_related("company")
            .order_by("date", "time", "pk")
        )
        return [(str(session.pk), str(session)) for session in sessions]

    # The label is in the page's language.
    key = f"lac-sessions:{since}:{get_language()}"
    return lookups.cached(key, read, models=(Session, Company))


def on_session(queryset, value: str):
    # One agenda item per session and dossier (a constraint, and its index): no repeated rows.
    return queryset.filter(lac_items__session_id=value)


filters.register("lac_sessie", _("LAC-zitting"), choices=session_choices, apply=on_session)
