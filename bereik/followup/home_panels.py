"""Home page panels: the user's open tasks, the referrals waiting for the user's teams and the
dossiers those teams took on (the backoffice work of the Energie- en Watercel, Trajectbegeleiding).
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access
from bereik.dossiers.models import Dossier, Task
from bereik.followup.models import InternalReferral
from bereik.home import panels


def _read(user, dossier_ids, panel: str) -> None:
    audit.record_list_read(
        user, Dossier, dossier_ids, purpose=f"startpagina: {panel}", action="dossier.list"
    )


@panels.register(20)
def my_tasks(user):
    if not roles.writes_dossiers(user):
        return None
    tasks = Task.objects.filter(
        assignee=user, done_at=None, dossier__in=access.visible_dossiers(user).values("pk")
    )
    first = list(
        tasks.select_related("dossier").order_by(F("due_date").asc(nulls_last=True), "id")[:8]
    )
    if not first:
        return None
    _read(user, [task.dossier_id for task in first], "mijn taken")
    return {
        "title": _("Mijn taken"),
        "template": "followup/panels/tasks.html",
        "tasks": first,
        "total": tasks.count() if len(first) == 8 else len(first),
    }


@panels.register(25)
def team_referrals(user):
    if not roles.writes_dossiers(user) or not user.team_ids:
        return None
    referrals = InternalReferral.objects.filter(
        to_team__in=user.team_ids,
        status=InternalReferral.Status.OPEN,
        dossier__in=access.visible_dossiers(user).values("pk"),
    )
    first = list(
        referrals.select_related("dossier", "to_team", "referred_by").order_by("created_at")[:5]
    )
    if not first:
        return None
    _read(user, [referral.dossier_id for referral in first], "doorverwijzingen voor mijn team")
    return {
        "title": _("Doorverwijzingen voor mijn team"),
        "template": "followup/panels/referrals.html",
        "referrals": first,
        "total": referrals.count() if len(first) == 5 else len(first),
    }


@panels.register(26)
def team_dossiers(user):
    """Open dossiers one of the user's teams accepted by referral and someone else handles: for
    the cell they are the daily work, yet never in "Mijn dossiers"."""
    if not roles.writes_dossiers(user) or not user.team_ids:
        return None
    referrals = (
        InternalReferral.objects.filter(
            to_team__in=user.team_ids,
            status=InternalReferral.Status.ACCEPTED,
            dossier__status__in=Dossier.OPEN_STATUSES,
            dossier__in=access.visible_dossiers(user).values("pk"),
        )
        .exclude(dossier__assigned_to=user)
        .select_related("dossier", "dossier__assigned_to", "to_team")
        .order_by("-decided_at", "-id")
    )
    seen, first = set(), []
    for referral in referrals[:20]:
        if referral.dossier_id not in seen and len(first) < 6:
            seen.add(referral.dossier_id)
            first.append(referral)
    if not first:
        return None
    _read(user, [referral.dossier_id for referral in first], "opgenomen door mijn team")
    return {
        "title": _("Opgenomen door mijn team"),
        "template": "followup/panels/team_dossiers.html",
        "referrals": first,
        "total": referrals.values("dossier").distinct().count() if len(first) == 6 else len(first),
    }
