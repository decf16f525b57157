"""Home panel for the digest's readers: the latest week's report (own lines, read or not) and
how many households wait in "Waterscan te bekijken"."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts import roles
from bereik.home import panels
from bereik.weekly import rules
from bereik.weekly.models import DigestRead, ScanSuggestion


@panels.register(25)
def weekly_panel(user):
    if not roles.can_read_weekly_report(user):
        return None
    weeks = rules.weeks_with_lines(limit=1)
    if not weeks:
        return None
    week = weeks[0]
    found = rules.digest(week)
    own, _others = found.split(user.pk)
    today = timezone.localdate()
    waiting = ScanSuggestion.objects.filter(
        Q(status=ScanSuggestion.Status.OPEN)
        | Q(status=ScanSuggestion.Status.LATER, later_on__lte=today)
    ).count()
    return {
        "title": _("Weekrapport"),
        "template": "weekly/panel.html",
        "week": week,
        "own": len(own),
        "total": len(found.lines),
        "read": DigestRead.objects.filter(user=user, week=week).exists(),
        "waiting": waiting,
    }
