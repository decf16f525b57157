"""The diensthoofd's home panel: this year's reach rate next to last year's, one click from the
figures."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Role
from bereik.home import panels
from bereik.reports import periods
from bereik.reports.figures import reach
from bereik.reports.figures.span import Span
from bereik.reports.scope import scope_for


@panels.register(5)
def reach_panel(user):
    if not user.has_role(Role.Code.DIENSTHOOFD):
        return None
    scope = scope_for(user)
    if scope is None:
        return None
    span = Span.of(periods.this_year())
    return {
        "title": _("Bereik dit jaar"),
        "template": "reports/panel.html",
        "period": span.current,
        "previous": span.previous,
        "summary": reach.summary(scope, span),
        "url": reverse("reports:index"),
    }
