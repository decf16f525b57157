"""Home page panels: what a preparer still has to prepare, and the chair's next session."""

from django.utils.translation import gettext_lazy as _

from bereik.home import panels
from bereik.lac import policy, queries
from bereik.lac.models import Session
from bereik.lac.preparation import preparation_for


@panels.register(35)
def items_to_prepare(user):
    items = list(queries.items_to_prepare(user)[:8])
    if not items:
        return None
    preparation = preparation_for(items)
    return {
        "title": _("Voor te bereiden voor de LAC"),
        "template": "lac/panels/to_prepare.html",
        "rows": [{"item": item, "prep": preparation[item.pk]} for item in items],
        "total": queries.items_to_prepare(user).count(),
    }


@panels.register(36)
def next_session(user):
    """The next session the user chairs or keeps the minutes of, with what is still missing."""
    session = (
        Session.objects.with_member(user)
        .upcoming()
        .filter(closed_at=None)
        .select_related("company", *Session.MEMBER_FIELDS)
        .first()
    )
    if session is None or not policy.can_view_session(user, session):
        return None
    items = list(
        policy.visible_items(user, session).select_related("dossier", "preparer", "session")
    )
    preparation = preparation_for(items)
    incomplete = [
        {"item": item, "prep": preparation[item.pk]} for item in items if preparation[item.pk].missing
    ]
    return {
        "title": _("Volgende LAC-zitting"),
        "template": "lac/panels/next_session.html",
        "session": session,
        "count": len(items),
        "incomplete": incomplete[:8],
        "incomplete_count": len(incomplete),
    }
