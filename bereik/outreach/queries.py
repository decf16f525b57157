"""Read-side helpers: the dossiers that need attention, the visits of a worker. The worklists
(dossiers app) can use the two dossier filters as they are."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from bereik.accounts import access
from bereik.dossiers.models import Dossier
from bereik.organisation.models import Organisation
from bereik.outreach.models import PlannedVisit


def deadline_near_unreached(
    dossiers: QuerySet, *, today: datetime.date | None = None, days: int | None = None
) -> QuerySet:
    """Open dossiers whose household is not reached and whose deadline is within the warning
    period (Organisation.deadline_warning_days) or already past; soonest first."""
    today = today or timezone.localdate()
    days = Organisation.warning_days() if days is None else days
    return dossiers.filter(
        status__in=Dossier.OPEN_STATUSES,
        reached_on__isnull=True,
        deadline__isnull=False,
        deadline__lte=today + datetime.timedelta(days=days),
    ).order_by("deadline", "number")


def next_step_overdue(dossiers: QuerySet, *, today: datetime.date | None = None) -> QuerySet:
    """Open dossiers whose next step should have been taken before today; oldest first."""
    today = today or timezone.localdate()
    return dossiers.filter(status__in=Dossier.OPEN_STATUSES, next_step_date__lt=today).order_by(
        "next_step_date", "number"
    )


def visits_of(viewer, worker, start: datetime.date, end: datetime.date) -> QuerySet:
    """The visits `worker` planned (or made) between start and end, limited to the dossiers the
    viewer may see."""
    return (
        PlannedVisit.objects.filter(
            worker=worker,
            date__gte=start,
            date__lte=end,
            status__in=[PlannedVisit.PLANNED, PlannedVisit.DONE],
            dossier__in=access.visible_dossiers(viewer).values("pk"),
        )
        .select_related("dossier", "dossier__company", "dossier__client", "attempt")
        .order_by("date", "id")
    )
