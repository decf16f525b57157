"""Reads of matching and triage: the worklists' selections, and the part of the register worth
comparing with a batch of households (`build_index`, by blocking keys; the whole register for a
large batch)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from bereik.clients.models import Client
from bereik.dossiers.models import Dossier
from bereik.lib import matching, paging
from bereik.lib.idlists import Ids
from bereik.lib.paging import Bounded
from bereik.triage.models import Consultation, LineMatch, MatchCandidate
from bereik.triage.rules import thresholds

# Above this many dossiers the whole register is loaded at once instead of by blocking keys.
LOAD_WHOLE_REGISTER_FROM = 1500
CHUNK = 500


def to_triage_q() -> Q:
    """Open dossiers without a route (and not waiting for a link to be confirmed), and route B
    dossiers whose overleg has no outcome yet."""
    # One `pk IN (... UNION ...)`: each part read through its own index (the dossiers without
    # a route that wait for nothing, the open overleggen). The OR of the two as conditions made
    # the database read every open dossier.
    without_route = Dossier.objects.filter(route="", to_confirm=False).order_by().values("pk")
    open_consultation = (
        Consultation.objects.filter(decided_at__isnull=True).order_by().values("dossier_id")
    )
    return Q(pk__in=without_route.union(open_consultation))


def to_triage_walk_q() -> Q:
    """The same dossiers as `to_triage_q`, said for walking a long list in its order: each
    dossier's own columns, then a hash of the open overleggen (the union's hash of ids made
    PostgreSQL read both parts whole before the first row)."""
    open_consultation = Consultation.objects.filter(decided_at__isnull=True).values("dossier_id")
    return Q(route="", to_confirm=False) | Q(pk__in=open_consultation)


def to_triage_count(dossiers, cap: int | None = None) -> Bounded:
    """How many of `dossiers` are `to_triage_q`, at most `cap` (the home panel's "meer dan"),
    counted as two parts that each use an index: the OR of the two made the database read
    every dossier and every overleg. The dossiers without a route that wait for nothing (an
    index of their own, a handful); then those with an open overleg, not counted already, in
    the order of their ids, so that PostgreSQL reads the dossiers' and the overleggen's keys
    side by side and stops at what is left of `cap` (22,000 open overleggen among 100,000
    dossiers: 3-5 ms; without the order it hashed them all and passed 33,000 dossiers waiting
    for a confirmation first, 15-20 ms)."""
    cap = cap or paging.PANEL_CAP
    untriaged = Q(route="", to_confirm=False)
    open_consultation = Consultation.objects.filter(decided_at__isnull=True).values("dossier_id")
    parts = (
        dossiers.filter(untriaged).order_by(),
        dossiers.filter(pk__in=open_consultation).exclude(untriaged).order_by("pk"),
    )
    total = 0
    for part in parts:
        if total > cap:
            break
        total += part.values("pk")[: cap + 1 - total].count()
    return Bounded(min(total, cap), total > cap, cap)


def to_confirm_q() -> Q:
    """The dossiers whose link to the register waits for a person's confirmation (the
    triage's status, kept on the dossier: `Dossier.to_confirm`)."""
    return Q(to_confirm=True, client__isnull=True)


def household_of(dossier: Dossier) -> matching.Person:
    return matching.Person(
        id=dossier.pk,
        last_name=dossier.last_name,
        first_name=dossier.first_name,
        insz=dossier.insz,
        birth_date=dossier.birth_date,
        street=dossier.street,
        house_number=dossier.house_number,
        box=dossier.box,
        postcode=dossier.postcode,
    ).prepare()


_PERSON_FIELDS = (
    "pk",
    "last_name",
    "first_name",
    "insz",
    "birth_date",
    "street",
    "house_number",
    "box",
    "postcode",
)


def _people(queryset) -> Iterable[matching.Person]:
    for row in queryset.values_list(*_PERSON_FIELDS).iterator(chunk_size=5000):
        yield matching.Person(*row)


def build_index(households: list[matching.Person], limits=None, *, whole=None) -> matching.Index:
    """The part of the register worth comparing with these households: by blocking keys for a
    few, the whole register for many (one pass is then cheaper than many key lookups). `whole`:
    the whole register's index read before in the same transaction, used again."""
    limits = limits or thresholds()
    if len(households) >= LOAD_WHOLE_REGISTER_FROM:
        return whole if whole is not None else whole_register(limits)
    surnames, addresses, numbers = set(), set(), set()
    for household in households:
        surnames.update(s for s, _first in household.name_readings() if s)
        if household.address.key:
            addresses.add(household.address.key)
        if household.valid_insz:
            numbers.add(household.valid_insz)
    index = matching.Index((), limits)
    for field_name, values in (
        ("name_key", surnames),
        ("address_key", addresses),
        ("insz", numbers),
    ):
        values = sorted(values)
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            for person in _people(Client.objects.filter(**{f"{field_name}__in": chunk})):
                if person.id not in index.by_id:
                    index.add(person)
    return index


def whole_register(limits) -> matching.Index:
    index = matching.Index(_people(Client.objects.all()), limits)
    index.whole = True
    return index


def rejected_clients(dossier_ids: list[int]) -> dict[int, set[int]]:
    rejected: dict[int, set[int]] = {}
    rows = MatchCandidate.objects.filter(
        triage__dossier_id__in=Ids(dossier_ids), rejected_at__isnull=False
    ).values_list("triage__dossier_id", "client_id")
    for dossier_id, client_id in rows:
        rejected.setdefault(dossier_id, set()).add(client_id)
    return rejected


@dataclass
class CustomerDecision:
    """What people decided on the lines of one customer of a company (queue "Te bevestigen
    weekrapportlijnen"): the client the latest decision confirmed (None when it said "nobody
    from the register", or that client is gone), the clients ruled out, and who decided last."""

    client_id: int | None = None
    rejected: set[int] = field(default_factory=set)
    decided_by_id: int | None = None
    decided_at: datetime.datetime | None = None


def customer_key(signal) -> tuple | None:
    """A weekly report's customer: the company and its customer number (None without them)."""
    if not signal.company_id or not signal.customer_number:
        return None
    return (signal.company_id, signal.kind, signal.customer_number)


def customer_decisions(signals) -> dict[tuple, CustomerDecision]:
    """The decisions people took on earlier lines of these lines' customers, by `customer_key`;
    one query (through the signals' company-kind-customer index)."""
    keys = {key for key in map(customer_key, signals) if key}
    if not keys:
        return {}
    rows = (
        LineMatch.objects.filter(
            decided_at__isnull=False,
            signal__company_id__in={k[0] for k in keys},
            signal__kind__in={k[1] for k in keys},
            signal__customer_number__in={k[2] for k in keys},
        )
        .order_by("decided_at", "pk")
        .values_list(
            "signal__company_id",
            "signal__kind",
            "signal__customer_number",
            "status",
            "signal__client_id",
            "rejected",
            "decided_by_id",
            "decided_at",
        )
    )
    decisions: dict[tuple, CustomerDecision] = {}
    for company_id, kind, number, status, client_id, rejected, by, at in rows:
        key = (company_id, kind, number)
        if key not in keys:
            continue
        decision = decisions.setdefault(key, CustomerDecision())
        decision.rejected.update(rejected or ())
        linked = status == LineMatch.Status.LINKED and client_id
        decision.client_id = client_id if linked else None  # the latest decision wins
        decision.decided_by_id, decision.decided_at = by, at
    for decision in decisions.values():
        decision.rejected.discard(decision.client_id)
    return decisions
