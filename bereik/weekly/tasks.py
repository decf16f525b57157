"""Background work of the weekly digest (django-tasks: the worker in production)."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from bereik.accounts import background
from bereik.weekly import actions, rules


@task()
def weekly_digest_task(week: str | None = None) -> dict:
    """Send the week's digest (default: the current week); nothing twice."""
    week = week or rules.current_week()
    run = actions.digest_send(week)
    return {"week": week, "sent": run is not None, "recipients": run.recipients if run else 0}


background.register(weekly_digest_task, _("Weekoverzicht van het weekrapport"), retry=True)
