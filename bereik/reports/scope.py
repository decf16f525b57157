"""Who sees which figures.

- The diensthoofd and the functioneel beheerder (`roles.FIGURES`): every part, over all dossiers,
  with the breakdown per worker (an audited read) and every number, however small.
- A preventiewerker: every part over her own dossiers (assigned to her), the same definitions.
- The LAC chair: the LAC part, over the sessions she sits on.

Numbers link to the worklist of their dossiers only for someone who sees every one of those
dossiers there: the roles that see every dossier (`roles.ALL_DOSSIERS`: the diensthoofd, the
preventiewerker) get "Alle dossiers", a preventiewerker looking at her own figures "Mijn
dossiers"; the beheerder and the LAC chair get the numbers without links.

In a breakdown (per route, kind, company, worker, team, outcome, LAC company, ...) a number
from 1 to 4 points at a few households: only the beheerder and the diensthoofd see it; anyone
else sees "< 5" (and no rate computed from it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.lac.models import AgendaItem, Session

REACH, OUTREACH, HELP, LAC, OUTCOMES = "bereik", "contact", "hulp", "lac", "uitkomsten"
PARTS = (REACH, OUTREACH, HELP, LAC, OUTCOMES)
ALL, OWN, CHAIR = "alle", "eigen", "voorzitter"
SMALL = 5  # breakdown numbers below this are for the beheerder and the diensthoofd only


@dataclass(frozen=True)
class Scope:
    key: str  # ALL, OWN or CHAIR
    parts: tuple[str, ...]
    dossier_filter: dict = field(default_factory=dict)  # lookups on Dossier
    session_filter: Q = field(default_factory=Q)  # on Session
    item_filter: dict = field(default_factory=dict)  # lookups on AgendaItem
    worklist: str | None = None  # the worklist that lists the dossiers behind a number
    per_worker: bool = False  # may open the breakdown per worker
    small_numbers: bool = False  # sees breakdown numbers under SMALL

    def dossiers(self, prefix: str = "") -> Q:
        """This scope's dossiers, as a Q on Dossier (or on a model reaching it through
        `prefix`, e.g. "dossier__")."""
        return Q(**{f"{prefix}{key}": value for key, value in self.dossier_filter.items()})

    def items(self) -> Q:
        return Q(**self.item_filter)

    @property
    def label(self) -> str:
        return {
            ALL: _("Alle dossiers"),
            OWN: _("Jouw dossiers"),
            CHAIR: _("De LAC-zittingen waarin je zetelt"),
        }[self.key]

    def shows(self, part: str) -> bool:
        return part in self.parts


def scope_for(user) -> Scope | None:
    """The figures `user` may see; None: no figures page."""
    if not roles.signed_in(user):
        return None
    if roles.can_view_figures(user):
        return Scope(
            ALL,
            PARTS,
            worklist="alle" if roles.has_any(user, roles.ALL_DOSSIERS) else None,
            per_worker=True,
            small_numbers=True,
        )
    if user.has_role(Role.Code.PREVENTIEWERKER):
        return Scope(
            OWN,
            PARTS,
            dossier_filter={"assigned_to": user.pk},
            session_filter=Q(
                pk__in=AgendaItem.objects.filter(dossier__assigned_to=user.pk).values("session_id")
            ),
            item_filter={"dossier__assigned_to": user.pk},
            worklist="mijn",
        )
    if user.has_role(Role.Code.LAC_VOORZITTER):
        sessions = Session.objects.with_member(user).values("pk")
        return Scope(
            CHAIR,
            (LAC,),
            session_filter=Q(pk__in=sessions),
            item_filter={"session__in": sessions},
        )
    return None


def can_view(user) -> bool:
    return scope_for(user) is not None
