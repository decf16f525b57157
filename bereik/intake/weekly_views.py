"""Beheer → Acties van het weekrapport: which actions open a dossier (`bereik.intake.weekly`)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bereik.dossiers.models import Signal
from bereik.home.admin_links import beheerder_required
from bereik.intake import actions
from bereik.intake.models import WeeklyAction
from bereik.intake.rules import DEFAULT_FOLLOW_UP, action_key, follow_up_keys


def known_actions() -> list[str]:
    """The actions the reports named, the configured ones and the defaults, once each."""
    labels = {}
    for label in WeeklyAction.objects.values_list("label", flat=True):
        labels.setdefault(action_key(label), label)
    seen = (
        Signal.objects.filter(kind=Signal.Kind.WEEKRAPPORT)
        .exclude(measure="")
        .values_list("measure", flat=True)
        .distinct()
    )
    for label in seen:
        labels.setdefault(action_key(label), label)
    for key in DEFAULT_FOLLOW_UP:
        labels.setdefault(key, key.capitalize())
    return sorted(labels.values(), key=str.lower)


@beheerder_required
def weekly_actions(request):
    labels = known_actions()
    if request.method == "POST":
        chosen = set(request.POST.getlist("opens"))
        changed = actions.weekly_actions_save(
            {label: label in chosen for label in labels}, actor=request.user
        )
        if changed:
            messages.success(request, _("Bewaard: %(n)s acties aangepast.") % {"n": len(changed)})
        else:
            messages.info(request, _("Er is niets veranderd."))
        return redirect("intake:weekly_actions")
    keys = follow_up_keys()
    rows = [
        {
            "label": label,
            "opens": action_key(label) in keys,
            "default": action_key(label) in DEFAULT_FOLLOW_UP,
        }
        for label in labels
    ]
    return render(request, "intake/weekly_actions.html", {"rows": rows})
