from django.shortcuts import render
from django.utils import timezone

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access, sections


def detail(request, pk):
    dossier = access.get_dossier_for(request.user, pk)
    audit.record_read(request.user, dossier, purpose="dossier bekijken")
    ctx = {
        "can_change": access.can_change_dossier(request.user, dossier),
        "can_see_insz": roles.can_see_insz(request.user),
    }
    built = sections.build(request, dossier, ctx)
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "sections": built,
            "next_step": _next_step(dossier, built),
            **ctx,
        },
    )


def _next_step(dossier, built: dict) -> dict | None:
    """The "volgende stap" for the page header, with the buttons that take it.

    Until the household is reached, the contact section (bereik.outreach) works it out from the
    attempts, letters and visits; from then on the follow-up keeps it in Dossier.next_step."""
    if not dossier.is_open:
        return None
    contact = next((s for s in built["main"] + built["side"] if s["key"] == "contacten"), None)
    computed = contact.get("step") if contact is not None else None
    if computed is not None and not (dossier.reached_on and dossier.next_step):
        return {
            "label": computed.label,
            "due": contact.get("step_due"),
            "overdue": contact.get("step_overdue", False),
            "actions": contact.get("step_actions", []),
            # A visit on a set part of the day; the appointment a not-at-home letter proposes.
            "part": contact.get("step_part", ""),
            "appointment": contact.get("step_appointment"),
        }
    if dossier.next_step:
        due = dossier.next_step_date
        return {
            "label": dossier.next_step,
            "due": due,
            "overdue": due is not None and due < timezone.localdate(),
            "actions": [],
        }
    return None
