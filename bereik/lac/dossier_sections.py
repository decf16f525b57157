from django.utils.translation import gettext_lazy as _

from bereik.dossiers import sections
from bereik.lac.models import AgendaItem, Session


@sections.register(order=60, key="lac", column="side")
def lac_section(request, dossier, ctx):
    """The dossier's LAC sessions: when, who prepares, whether the deadline holds, the advice."""
    if dossier.kind not in (Session.WATER, Session.ENERGIE):
        return None
    items = list(
        AgendaItem.objects.filter(dossier=dossier)
        .select_related("session", "session__company", "preparer")
        .order_by("-session__date", "-pk")
    )
    if not items:
        return None
    return {"title": _("LAC"), "template": "lac/sections/dossier.html", "items": items}
