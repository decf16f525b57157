"""The diensthoofd's home panel: this year's reach rate next to last year's, one click from the
figures.

The figure counts every dossier of two years (200 ms at 100,000 dossiers), and the home page is
the page most often asked: it is kept for a few minutes per user (the panel says when it was
counted); the figures page itself always counts afresh."""

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Role
from bereik.home import panels
from bereik.reports import periods
from bereik.reports.figures import reach
from bereik.reports.figures.span import Span
from bereik.reports.scope import scope_for

CACHE_SECONDS = 300


@panels.register(5)
def reach_panel(user):
    if not user.has_role(Role.Code.DIENSTHOOFD):
        return None
    scope = scope_for(user)
    if scope is None:
        return None
    span = Span.of(periods.this_year())
    key = f"reports:reach-panel:{user.pk}:{span.current.first}:{span.current.last}"
    counted_at, summary = cache.get_or_set(
        key, lambda: (timezone.now(), reach.summary(scope, span)), CACHE_SECONDS
    )
    return {
        "title": _("Bereik dit jaar"),
        "template": "reports/panel.html",
        "period": span.current,
        "previous": span.previous,
        "summary": summary,
        "counted_at": counted_at,
        "url": reverse("reports:index"),
    }
