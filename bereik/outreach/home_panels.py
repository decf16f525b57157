"""Home page panels: deadlines close while the household is not reached, next steps overdue, and
today's home visits.

Whose dossiers the two attention panels list: those who oversee every dossier (onthaal, the
preventiewerker, the diensthoofd: `roles.ALL_DOSSIERS`) see all of them; everyone else
sees the dossiers assigned to them, only. A social worker's home page is about her own work: her
team's dossiers are her colleagues' to follow up, and listing them (soonest first, truncated)
pushed her own out of sight. Each panel links its "N in totaal" to the worklist that shows the
same dossiers: "Alle dossiers" or "Mijn dossiers" with the same "Aandacht" filter
(bereik.dossiers.filters), built from the same worklist definition so the two cannot drift."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik import audit
from bereik.accounts import roles
from bereik.dossiers import access, filters, worklists
from bereik.dossiers.models import Dossier
from bereik.home import panels
from bereik.outreach import queries
from bereik.outreach.route_sheet import in_address_order

LIMIT = 8
ALL = "alle"
MINE = "mijn"


def makes_visits(user) -> bool:
    """Who has home visits: the people who follow dossiers up."""
    return roles.follows_dossiers(user)


@dataclass(frozen=True)
class Scope:
    """The dossiers an attention panel starts from, and the worklist showing the same ones."""

    key: str  # a worklist key (bereik.dossiers.worklists)
    dossiers: QuerySet

    @property
    def everyone(self) -> bool:
        return self.key == ALL

    def worklist_url(self, attention: str) -> str:
        url = reverse("dossiers:worklist", args=[self.key])
        return f"{url}?{urlencode({'attention': attention})}"


def scope_for(user) -> Scope | None:
    """All dossiers for those who oversee them all, else the user's own; None for users without
    a worklist (nothing to follow up)."""
    key = ALL if user.has_role(*roles.ALL_DOSSIERS) else MINE
    worklist = worklists.get(key)
    if not worklist.allowed(user):
        return None
    # The worklist's own selection (its `request` argument is only read by the team list).
    return Scope(key, worklist.select(user, access.visible_dossiers(user), None))


def _first_and_total(queryset):
    first = list(queryset.select_related("assigned_to")[:LIMIT])
    total = queryset.count() if len(first) == LIMIT else len(first)
    return first, total


def _panel(user, title, select, attention, show):
    scope = scope_for(user)
    if scope is None:
        return None
    first, total = _first_and_total(select(scope.dossiers))
    if not first:
        return None
    audit.record_list_read(
        user, Dossier, [d.pk for d in first], purpose=f"startpagina: {title}", action="dossier.list"
    )
    return {
        "title": title,
        "template": "outreach/panels/dossiers.html",
        "dossiers": first,
        "total": total,
        "everyone": scope.everyone,
        "url": scope.worklist_url(attention),
        "show": show,
    }


@panels.register(10)
def deadline_near(user):
    return _panel(
        user,
        _("Termijn nadert, nog niet bereikt"),
        lambda dossiers: dossiers.deadline_near_unreached(),
        filters.DEADLINE_NEAR,
        "deadline",
    )


@panels.register(11)
def next_step_overdue(user):
    return _panel(
        user,
        _("Volgende stap over tijd"),
        lambda dossiers: dossiers.next_step_overdue(),
        filters.STEP_OVERDUE,
        "next_step",
    )


@panels.register(12)
def visits_today(user):
    if not makes_visits(user):
        return None
    today = timezone.localdate()
    visits = in_address_order(queries.visits_of(user, user, today, today))
    audit.record_list_read(
        user,
        Dossier,
        [visit.dossier_id for visit in visits],
        purpose="startpagina: huisbezoeken vandaag",
        action="dossier.list",
    )
    return {
        "title": _("Huisbezoeken vandaag"),
        "template": "outreach/panels/visits_today.html",
        "visits": visits,
        "today": today,
    }
