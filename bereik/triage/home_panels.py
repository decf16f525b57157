"""Home page panel: the preventiewerker's triage counts."""

from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier
from bereik.home import panels
from bereik.lib.paging import Bounded
from bereik.triage.models import LineMatch
from bereik.triage.queries import to_confirm_q, to_triage_count


@panels.register(10)
def triage_panel(user):
    if not roles.can_triage(user):
        return None
    visible = access.visible_dossiers(user).filter(status__in=Dossier.OPEN_STATUSES)
    return {
        "title": _("Triage"),
        "template": "triage/panels/triage.html",
        "to_triage": to_triage_count(visible),
        "to_confirm": Bounded.of(visible.filter(to_confirm_q())),
        "unassigned": Bounded.of(visible.filter(assigned_to__isnull=True)),
        "lines_to_confirm": Bounded.of(
            LineMatch.objects.filter(status=LineMatch.Status.TO_CONFIRM)
        ),
    }
