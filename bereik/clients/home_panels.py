"""Home page panel: a worker's own dossiers."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.home import panels


@panels.register(20)
def my_dossiers_panel(user):
    if not roles.follows_dossiers(user):
        return None
    mine = access.visible_dossiers(user).filter(assigned_to=user, status__in=Dossier.OPEN_STATUSES)
    first = list(
        mine.select_related("company")
        .with_attention()
        .order_by(F("deadline").asc(nulls_last=True), "number")[:5]
    )
    audit.record_list_read(
        user,
        Dossier,
        [dossier.pk for dossier in first],
        purpose="startpagina: mijn dossiers",
        action="dossier.list",
    )
    return {
        "title": _("Mijn dossiers"),
        "template": "clients/panels/my_dossiers.html",
        "count": mine.count(),
        "dossiers": first,
    }
