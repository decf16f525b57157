"""The daily alerts (`manage.py dossier_alerts`, written by `actions.dossier_alerts_send`): what
comes near or is late, for whom, and the reference that makes each alert once.

- the deadline comes near and the household is not reached (the attention rule
  `Dossier.objects.deadline_near_unreached()`): the dossier's worker, or without one the
  preventiewerkers (`roles.UNASSIGNED_WATCHERS`); once per dossier and deadline;
- the volgende stap is overdue (`Dossier.objects.next_step_overdue()`): the dossier's worker;
  once per dossier and step date;
- a task is due today or was due before: its assignee; once per task and due date.

Nothing here writes.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bereik.accounts import roles
from bereik.accounts.models import Notification
from bereik.dossiers.models import Dossier, Task

Kind = Notification.Kind


@dataclass(frozen=True)
class Alert:
    user: object
    kind: str
    text: str
    url: str
    dossier: Dossier
    ref: str


def deadline_ref(dossier: Dossier) -> str:
    return f"termijn:{dossier.pk}:{dossier.deadline.isoformat()}"


def step_ref(dossier: Dossier) -> str:
    return f"stap:{dossier.pk}:{dossier.next_step_date.isoformat()}"


def task_due_ref(task: Task) -> str:
    """Also used by whoever notifies about a task on its due date (a warm handover to confirm),
    so that the morning's alert does not say it again."""
    due = task.due_date.isoformat() if task.due_date else "-"
    return f"taak:{task.pk}:{due}"


def _date(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def _days_left(days: int) -> str:
    if days > 0:
        return _("nog %(days)d dagen") % {"days": days} if days > 1 else _("nog 1 dag")
    if days == 0:
        return _("vandaag")
    return _("%(days)d dagen over tijd") % {"days": -days} if days < -1 else _("1 dag over tijd")


def _active(user) -> bool:
    return user is not None and user.is_active


def deadline_alerts(today: datetime.date) -> list[Alert]:
    dossiers = Dossier.objects.deadline_near_unreached(today=today).select_related("assigned_to")
    watchers = None
    alerts = []
    for dossier in dossiers:
        if _active(dossier.assigned_to):
            users = [dossier.assigned_to]
        else:
            if watchers is None:
                watchers = list(roles.users_with(*roles.UNASSIGNED_WATCHERS))
            users = watchers
        text = _("Termijn nadert, nog niet bereikt: %(dossier)s, termijn %(date)s (%(left)s)") % {
            "dossier": dossier,
            "date": _date(dossier.deadline),
            "left": _days_left((dossier.deadline - today).days),
        }
        url = dossier.get_absolute_url() + "#sectie-contacten"
        alerts += [
            Alert(user, Kind.DEADLINE_NEAR, text, url, dossier, deadline_ref(dossier))
            for user in users
        ]
    return alerts


def step_alerts(today: datetime.date) -> list[Alert]:
    dossiers = (
        Dossier.objects.next_step_overdue(today=today)
        .filter(assigned_to__isnull=False, assigned_to__is_active=True)
        .select_related("assigned_to")
    )
    alerts = []
    for dossier in dossiers:
        text = _("Volgende stap over tijd in %(dossier)s: %(step)s (sinds %(date)s)") % {
            "dossier": dossier,
            "step": dossier.next_step,
            "date": _date(dossier.next_step_date),
        }
        alerts.append(
            Alert(
                dossier.assigned_to,
                Kind.STEP_OVERDUE,
                text,
                dossier.get_absolute_url(),
                dossier,
                step_ref(dossier),
            )
        )
    return alerts


def task_alerts(today: datetime.date) -> list[Alert]:
    tasks = Task.objects.filter(
        done_at=None, due_date__lte=today, assignee__isnull=False, assignee__is_active=True
    ).select_related("assignee", "dossier")
    alerts = []
    for task in tasks:
        text = _("Taak te doen: %(task)s · %(dossier)s (tegen %(date)s)") % {
            "task": task.description,
            "dossier": task.dossier.number,
            "date": _date(task.due_date),
        }
        alerts.append(
            Alert(
                task.assignee,
                Kind.TASK_DUE,
                text,
                task.dossier.get_absolute_url() + "#sectie-taken",
                task.dossier,
                task_due_ref(task),
            )
        )
    return alerts


def due_alerts(today: datetime.date) -> list[Alert]:
    """Every alert the rules give today, those already made included (the action skips them)."""
    return deadline_alerts(today) + step_alerts(today) + task_alerts(today)
