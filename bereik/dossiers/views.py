from django.shortcuts import render

from bereik import audit
from bereik.accounts import access


def detail(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    audit.record_read(request.user, dossier, purpose="dossier bekijken")
    signals = dossier.signals.order_by("-received_at")
    return render(
        request,
        "dossiers/detail.html",
        {"dossier": dossier, "signals": signals, "can_see_insz": access.can_see_insz(request.user)},
    )
