from django.shortcuts import render

from bereik import audit
from bereik.accounts import access
from bereik.dossiers import sections


def detail(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    audit.record_read(request.user, dossier, purpose="dossier bekijken")
    ctx = {
        "can_change": access.can_change_dossier(request.user, dossier),
        "can_see_insz": access.can_see_insz(request.user),
    }
    return render(
        request,
        "dossiers/detail.html",
        {"dossier": dossier, "sections": sections.build(request, dossier, ctx), **ctx},
    )
