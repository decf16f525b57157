"""Home page panel: a worker's own dossiers."""

from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.home import panels
from bereik.lib.paging import Bounded

SHOWN = 5  # dossiers the panel lists


@panels.register(20)
def my_dossiers_panel(user):
    if not roles.follows_dossiers(user):
        return None
    mine = access.visible_dossiers(user).filter(assigned_to=user, status__in=Dossier.OPEN_STATUSES)
    # The first five by deadline, those without one last: two queries that each read five rows
    # at most from the index (assigned_to, deadline, number), where one ORDER BY ... NULLS LAST
    # sorted every open dossier of the worker; the second only when the first gave fewer.
    rows = mine.select_related("company").with_attention()
    first = list(rows.filter(deadline__isnull=False).order_by("deadline", "number")[:SHOWN])
    if len(first) < SHOWN:  # the second only when the first has not filled the panel
        first += rows.filter(deadline__isnull=True).order_by("number")[: SHOWN - len(first)]
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
        # Bounded like the other panels: a worker with thousands of open dossiers (a shared
        # service's intake worker) is told "more than 1.000", not counted on every home page.
        "count": Bounded.of(mine),
        "dossiers": first,
    }
