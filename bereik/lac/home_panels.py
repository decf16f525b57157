"""Home page panels: what a preparer still has to prepare, and the chair's next session."""

from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.dossiers.models import Dossier
from bereik.home import panels
from bereik.lac import policy, queries
from bereik.lac.models import AgendaItem, Session
from bereik.lac.preparation import missing_for


def _read(user, dossier_ids, panel: str) -> None:
    audit.record_list_read(
        user, Dossier, dossier_ids, purpose=f"startpagina: {panel}", action="dossier.list"
    )


SHOWN = 8  # items the panel lists; "Alle n dossiers" links to the rest

_PEOPLE = ("preparer", "dossier__assigned_to", "dossier__client__social_worker")
# What the panels show of an item and what its preparer (`AgendaItem.current_preparer`) and its
# missing pieces (`missing_for`) read: the items come with these columns only. With every
# column of the six tables they join, building the query and its rows cost more than the rest
# of the panel (a hundred and fifty columns for eight items).
ITEM_FIELDS = (
    "session",
    "preparer_set_by_hand",
    "dossier__last_name",
    "dossier__first_name",
    "dossier__anonymised_at",
    "dossier__reached_on",
    "dossier__route",
    "dossier__client__social_worker",
    # A person's name on screen (`User.label`) and whether they can prepare.
    *(
        f"{person}__{name}"
        for person in _PEOPLE
        for name in ("first_name", "last_name", "username", "is_active", "is_absent")
    ),
)


@panels.register(35)
def items_to_prepare(user):
    prepared = queries.items_to_prepare(user)  # built once: its filter costs 2-3 ms to build
    items = list(prepared.only(*ITEM_FIELDS, "session__date", "session__company__name")[:SHOWN])
    if not items:
        return None
    missing = missing_for(items)
    _read(user, [item.dossier_id for item in items], "voor te bereiden voor de LAC")
    return {
        "title": _("Voor te bereiden voor de LAC"),
        "template": "lac/panels/to_prepare.html",
        "rows": [{"item": item, "missing": missing[item.pk]} for item in items],
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
        AgendaItem.objects.filter(session__in=sessions)
        .select_related(*AgendaItem.PREPARER_RELATED)
        .only(*ITEM_FIELDS)
    )
    missing = missing_for(items)
    rows = []
    for session in sessions:
        session_items = [item for item in items if item.session_id == session.pk]
        incomplete = [
            {"item": item, "missing": missing[item.pk]}
            for item in session_items
            if missing[item.pk]
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
