"""The rules of triage and assignment that need no write: the route the register gives a client,
who the organisation's assignment model gives a dossier to, and the matching thresholds.

The routes, as the practice describes them (Sint-Truiden):

- A: the client is in active guidance -> the social worker on the case;
- B: no active guidance now, but intensive guidance in the past -> the preventiewerker and the
  former social worker consult (overleg) and record who makes contact;
- C: never intensive guidance, or unknown to the OCMW -> the preventiewerker.

The three assignment models (Organisation.assignment_model, chosen by the functioneel beheerder):

- preventiewerker (Sint-Truiden): route A -> the client's social worker; route B -> the
  preventiewerker, with an overleg with the former social worker; route C -> the preventiewerker.
- verdelen (Kontich): clients in active guidance -> their own worker; all others are spread over
  the distribution pool, to whoever has the fewest open dossiers (absent users skipped).
- specialist (Dendermonde): clients in active guidance -> their own worker; all others -> the
  specialist.

A worker who is absent or inactive never gets a dossier automatically; the dossier then goes where
the model sends the others, or stays unassigned and shows up in "Niet toegewezen".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from bereik.accounts.models import Role, User
from bereik.clients.models import Client
from bereik.dossiers.models import Dossier
from bereik.lib import matching
from bereik.organisation.models import Organisation

# Statuses in which automatic triage may still move a dossier to another worker: nobody has
# started on it yet.
REASSIGNABLE = (Dossier.Status.NEW, Dossier.Status.ASSIGNED)


def proposed_route(client: Client | None) -> str:
    if client is None:
        return Dossier.Route.C
    if client.guidance_status == Client.Guidance.ACTIVE:
        return Dossier.Route.A
    if client.intensive_guidance:
        return Dossier.Route.B
    return Dossier.Route.C


def route_reason(client: Client | None) -> str:
    """Why the register gives this route, in Dutch, for the timeline."""
    if client is None:
        return _("Onbekend bij het OCMW.")
    worker = client.social_worker.get_full_name() if client.social_worker else ""
    worker = worker or client.social_worker_name or _("onbekend")
    if client.guidance_status == Client.Guidance.ACTIVE:
        return _("Actieve begeleiding bij %(worker)s.") % {"worker": worker}
    if client.intensive_guidance:
        end = client.guidance_end_date.strftime("%d/%m/%Y") if client.guidance_end_date else "?"
        return _(
            "Geen actieve begeleiding, wel vroeger intensief begeleid door %(worker)s "
            "(einde %(end)s)."
        ) % {"worker": worker, "end": end}
    return _("Nooit intensief begeleid.")


def thresholds() -> matching.Thresholds:
    """The matching thresholds, overridable with settings.BEREIK_MATCHING (a dict of the
    `Thresholds` fields)."""
    overrides = getattr(settings, "BEREIK_MATCHING", None) or {}
    return matching.Thresholds(**overrides)


@dataclass
class Proposal:
    user: User | None
    reason: str
    # Route B under the preventiewerker model: the former worker to consult.
    consult_with: User | None = None


def is_available(user) -> bool:
    return user is not None and user.is_active and not user.is_absent


class Workloads:
    """Open dossiers per worker, counted with one query and kept current while a batch is
    assigned, so "fewest open dossiers" stays fair within the batch."""

    def __init__(self):
        self.counts: dict[int, int] = {}
        self._preventiewerkers: list[User] | None = None
        self._teams: dict[int, object] = {}

    def load(self, users: Iterable[User]) -> None:
        missing = [u.pk for u in users if u.pk not in self.counts]
        if not missing:
            return
        rows = (
            Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES, assigned_to__in=missing)
            .values("assigned_to")
            .annotate(n=Count("id"))
        )
        found = {row["assigned_to"]: row["n"] for row in rows}
        for pk in missing:
            self.counts[pk] = found.get(pk, 0)

    def least_busy(self, users: Iterable[User]) -> User | None:
        available = [u for u in users if is_available(u)]
        if not available:
            return None
        self.load(available)
        return min(available, key=lambda u: (self.counts[u.pk], u.get_full_name(), u.pk))

    def moved(self, old: User | None, new: User | None) -> None:
        if old is not None and old.pk in self.counts:
            self.counts[old.pk] -= 1
        if new is not None:
            self.load([new])
            self.counts[new.pk] += 1

    def preventiewerkers(self) -> list[User]:
        if self._preventiewerkers is None:
            self._preventiewerkers = list(
                User.objects.filter(
                    roles__code=Role.Code.PREVENTIEWERKER, is_active=True
                ).distinct()
            )
        return self._preventiewerkers

    def team_of(self, user: User):
        """The team a dossier goes to with its worker: the worker's first team by name."""
        if user.pk not in self._teams:
            self._teams[user.pk] = user.teams.order_by("name").first()
        return self._teams[user.pk]


def propose(dossier: Dossier, *, organisation: Organisation, workloads: Workloads) -> Proposal:
    """Who the organisation's model gives this dossier to, and why (in Dutch, for the timeline)."""
    client = dossier.client
    own = client.social_worker if client is not None else None
    in_guidance = client is not None and client.in_active_guidance
    model = organisation.assignment_model

    if in_guidance and is_available(own):
        return Proposal(own, _("Actieve begeleiding: naar de eigen maatschappelijk werker."))
    if in_guidance:
        why = (
            _("De eigen maatschappelijk werker is afwezig.")
            if own is not None
            else _("De maatschappelijk werker uit het register is geen gebruiker van Bereik.")
        )
    else:
        why = ""

    if model == Organisation.AssignmentModel.VERDELEN:
        pool = list(organisation.distribution_pool.filter(is_active=True))
        user = workloads.least_busy(pool)
        if user is None:
            return Proposal(None, _("Niemand beschikbaar in de verdeelpool."))
        reason = _("Verdeeld over de pool: minst open dossiers (%(count)s).") % {
            "count": workloads.counts[user.pk]
        }
        return Proposal(user, f"{why} {reason}".strip())

    if model == Organisation.AssignmentModel.SPECIALIST:
        specialist = organisation.specialist
        if not is_available(specialist):
            return Proposal(None, _("De specialist is niet ingesteld of afwezig."))
        return Proposal(
            specialist, f"{why} {_('Geen actieve begeleiding: naar de specialist.')}".strip()
        )

    # The preventiewerker model.
    consult = own if dossier.route == Dossier.Route.B and is_available(own) else None
    user = workloads.least_busy(workloads.preventiewerkers())
    if user is None:
        return Proposal(None, _("Geen preventiewerker beschikbaar."), consult_with=consult)
    if dossier.route == Dossier.Route.B:
        return Proposal(
            user,
            _("Route B: de preventiewerker overlegt met de vroegere maatschappelijk werker."),
            consult_with=consult,
        )
    if dossier.route == Dossier.Route.A:
        return Proposal(user, f"{why} {_('Naar de preventiewerker.')}".strip())
    return Proposal(user, _("Route C: de preventiewerker volgt op."))
