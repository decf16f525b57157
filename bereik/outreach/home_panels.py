"""Home page panels: deadlines close while the household is not reached, next steps overdue, and
today's home visits."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.accounts import access
from bereik.accounts.models import Role
from bereik.home import panels
from bereik.outreach import queries
from bereik.outreach.route_sheet import in_address_order

LIMIT = 8
VISIT_ROLES = (
    Role.PREVENTIEWERKER,
    Role.MAATSCHAPPELIJK_WERKER,
    Role.ENERGIECEL,
    Role.LAC_VOORZITTER,
)


def makes_visits(user) -> bool:
    return user.is_authenticated and user.has_role(*VISIT_ROLES)


def _first_and_total(queryset):
    first = list(queryset.select_related("assigned_to")[:LIMIT])
    total = queryset.count() if len(first) == LIMIT else len(first)
    return first, total


@panels.register(10)
def deadline_near(user):
    dossiers = access.visible_dossiers(user)
    first, total = _first_and_total(queries.deadline_near_unreached(dossiers))
    if not first:
        return None
    return {
        "title": _("Termijn nadert, nog niet bereikt"),
        "template": "outreach/panels/dossiers.html",
        "dossiers": first,
        "total": total,
        "show": "deadline",
    }


@panels.register(11)
def next_step_overdue(user):
    dossiers = access.visible_dossiers(user)
    first, total = _first_and_total(queries.next_step_overdue(dossiers))
    if not first:
        return None
    return {
        "title": _("Volgende stap over tijd"),
        "template": "outreach/panels/dossiers.html",
        "dossiers": first,
        "total": total,
        "show": "next_step",
    }


@panels.register(12)
def visits_today(user):
    if not makes_visits(user):
        return None
    today = timezone.localdate()
    visits = in_address_order(queries.visits_of(user, user, today, today))
    return {
        "title": _("Huisbezoeken vandaag"),
        "template": "outreach/panels/visits_today.html",
        "visits": visits,
        "today": today,
    }
