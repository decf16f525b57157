"""Home page panels: the preventiewerker's triage counts, a worker's own dossiers."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.dossiers.worklists import to_confirm_q, to_triage_q
from bereik.home import panels


@panels.register(10)
def triage_panel(user):
    if not roles.can_triage(user):
        return None
    visible = access.visible_dossiers(user).filter(status__in=Dossier.OPEN_STATUSES)
    return {
        "title": _("Triage"),
        "template": "clients/panels/triage.html",
        "to_triage": visible.filter(to_triage_q()).count(),
        "to_confirm": visible.filter(to_confirm_q()).count(),
        "unassigned": visible.filter(assigned_to__isnull=True).count(),
    }


@panels.register(20)
def my_dossiers_panel(user):
    if not roles.follows_dossiers(user):
        return None
    mine = access.visible_dossiers(user).filter(assigned_to=user, status__in=Dossier.OPEN_STATUSES)
    first = list(
        mine.select_related("company").order_by(F("deadline").asc(nulls_last=True), "number")[:5]
    )
    return {
        "title": _("Mijn dossiers"),
        "template": "clients/panels/my_dossiers.html",
        "count": mine.count(),
        "dossiers": first,
    }
