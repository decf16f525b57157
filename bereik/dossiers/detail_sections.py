from django.utils.translation import gettext_lazy as _

from bereik.dossiers import sections


@sections.register(order=10, key="signalen")
def signals_section(request, dossier, ctx):
    signals = list(dossier.signals.select_related("company").order_by("-received_at", "-id"))
    return {
        "title": _("Signalen"),
        "template": "dossiers/sections/signals.html",
        "signals": signals,
    }
