from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import presence, sections
from bereik.lac import policy
from bereik.lac.models import Session


@sections.register(order=8, key="lac", column="side", reads=("lac_items",))
def lac_section(request, dossier, ctx):
    """The dossier's LAC sessions (when, who prepares, whether the deadline holds, the advice) and,
    for those who plan sessions, a way to put it on a coming agenda."""
    if dossier.kind not in (Session.Kind.WATER, Session.Kind.ENERGIE):
        return None
    # Read through the dossier, which the page reads with its worker, its client and the
    # client's worker (the preparer of `current_preparer`): no join to them here (twice the
    # query's time, for nothing when the dossier is on no agenda).
    items = presence.rows(
        dossier,
        "lac_items",
        dossier.lac_items.select_related("session", "session__company", "preparer").order_by(
            "-session__date", "-pk"
        ),
    )
    sessions = []
    if policy.can_plan_sessions(request.user) and not any(
        not item.session.is_closed for item in items
    ):
        sessions = list(
            Session.objects.filter(
                kind=dossier.kind, date__gte=timezone.localdate(), closed_at=None
            )
            .filter(company_id=dossier.company_id)
            .select_related("company")
            .order_by("date")[:10]
        )
    if not items and not sessions:
        return None
    coming = next((i for i in items if not i.session.is_closed), None)
    return {
        "title": _("LAC"),
        "template": "lac/sections/dossier.html",
        "caption": _("zitting %(date)s") % {"date": f"{coming.session.date:%d/%m/%Y}"}
        if coming
        else (_("%(count)s zitting(en)") % {"count": len(items)} if items else ""),
        # Open while a session is still to be held or closed, or one can be chosen.
        "collapsed": coming is None and not sessions,
        "items": items,
        "sessions": sessions,
    }
