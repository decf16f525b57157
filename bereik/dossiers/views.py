from django.shortcuts import render

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access, next_step, sections


def detail(request, pk):
    # The page shows the company, the team, the worker and the client (the audit event names
    # the client, the register's section shows it, route A's LAC preparer is the client's
    # worker): read with the dossier.
    dossier = access.get_dossier_for(
        request.user,
        pk,
        related=(
            "company",
            "team",
            "assigned_to",
            "contact_person",
            "client",
            "client__social_worker",
        ),
    )
    audit.record_read(request.user, dossier, purpose="dossier bekijken")
    # Seen: `get_dossier_for` has just asked (a dossier seen through a grant asks a query).
    can_change = access.can_change_dossier(request.user, dossier, seen=True)
    ctx = {"can_change": can_change, "can_see_insz": roles.can_see_insz(request.user)}
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "sections": sections.build(request, dossier, ctx),
            "next_step": next_step.for_page(dossier, can_change=can_change),
            "header_actions": sections.header_actions(dossier) if can_change else [],
            **ctx,
        },
    )
