"""Home page panels: what a preparer still has to prepare, and the chair's next session."""

from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.dossiers.models import Dossier
from bereik.home import panels
from bereik.lac import policy, queries
from bereik.lac.models import AgendaItem, Session
from bereik.lac.preparation import preparation_for


def _read(user, dossier_ids, panel: str) -> None:
    audit.record_list_read(
        user, Dossier, dossier_ids, purpose=f"startpagina: {panel}", action="dossier.list"
    )


SHOWN = 8  # items the panel lists; "Alle n dossiers" links to the rest


@panels.register(35)
def items_to_prepare(user):
    prepared = queries.items_to_prepare(user)  # built once: its filter costs 2-3 ms to build
    items = list(prepared[:SHOWN])
    if not items:
        return None
    preparation = preparation_for(items)
    _read(user, [item.dossier_id for item in items], "voor te bereiden voor de LAC")
    return {
        "title": _("Voor te bereiden voor de LAC"),
        "template": "lac/panels/to_prepare.html",
        "rows": [{"item": item, "prep": preparation[item.pk]} for item in items],
        "total": prepared.count() if len(items) == SHOWN else len(items),
    }


@panels.register(36)
def next_session(user):
    """The user's next sessions as a member (all of that day: water and energy often meet on the
    same day), with what is still missing."""
    upcoming = (
        Session.objects.with_member(user)
        .upcoming()
        .filter(closed_at=None)
        .select_related("company", *Session.MEMBER_FIELDS)
    )
    first = upcoming.first()
    if first is None:
        return None
    sessions = [s for s in upcoming.filter(date=first.date) if policy.can_view_session(user, s)]
    if not sessions:
        return None
    items = list(
        AgendaItem.objects.filter(session__in=sessions).select_related(
            "session", *AgendaItem.PREPARER_RELATED
        )
    )
    preparation = preparation_for(items)
    rows = []
    for session in sessions:
        session_items = [item for item in items if item.session_id == session.pk]
        incomplete = [
            {"item": item, "prep": preparation[item.pk]}
            for item in session_items
            if preparation[item.pk].missing
        ]
        rows.append(
            {
                "session": session,
                "count": len(session_items),
                "incomplete": incomplete[:8],
                "incomplete_count": len(incomplete),
            }
        )
    _read(
        user,
        [entry["item"].dossier_id for row in rows for entry in row["incomplete"]],
        "volgende LAC-zitting",
    )
    return {
        "title": _("Volgende LAC-zitting"),
        "template": "lac/panels/next_session.html",
        "sessions": rows,
    }
