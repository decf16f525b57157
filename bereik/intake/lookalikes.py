"""Before a signal entered by hand is stored: the open dossiers and register clients that look
like the same household, so that the signal goes to the right dossier.

The intake asks, the triage answers: comparing households is the matching of
`bereik.lib.matching` against the register and the open dossiers, which the triage owns (it sits
above the intake, ADR 0015). The triage registers its finder from its `AppConfig.ready()`:

    lookalikes.register(find_lookalikes)

`find_lookalikes(household, *, user) -> Found` never shows what the user may not see: a dossier
outside the user's dossiers is named by its number and kind only, a client outside the user's
clients is left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Household:
    """What the user typed about the household."""

    last_name: str
    first_name: str = ""
    street: str = ""
    house_number: str = ""
    box: str = ""
    postcode: str = ""
    city: str = ""
    birth_date: datetime.date | None = None
    insz: str = ""
    company_id: int | None = None
    customer_number: str = ""


@dataclass
class Lookalike:
    pk: int
    name: str
    address: str
    reasons: list[str]  # in Dutch: "zelfde naam", "zelfde adres", "zelfde klantnummer", ...
    score: float = 0.0
    certain: bool = False  # the same customer number at the same company, or the same INSZ
    visible: bool = True  # the user may open it (else only its number and kind are shown)
    # A dossier: its number, kind, label and whether the signal can go to it (the same kind).
    number: str = ""
    kind: str = ""
    kind_label: str = ""
    detail: str = ""  # company, worker, deadline; or for a client: guidance and worker
    url: str = ""
    obj: object = None  # the dossier or client itself, for the audit trail's read


@dataclass
class Found:
    dossiers: list[Lookalike] = field(default_factory=list)
    clients: list[Lookalike] = field(default_factory=list)

    def choosable(self, dossier_kind: str) -> list[Lookalike]:
        return [d for d in self.dossiers if d.kind == dossier_kind]

    @property
    def empty(self) -> bool:
        return not (self.dossiers or self.clients)


_finders: list[Callable[..., Found]] = []


def register(func: Callable[..., Found]) -> Callable[..., Found]:
    if func not in _finders:
        _finders.append(func)
    return func


def find(household: Household, *, user) -> Found:
    """Every registered finder's lookalikes, the most likely first."""
    found = Found()
    for finder in _finders:
        result = finder(household, user=user)
        found.dossiers += result.dossiers
        found.clients += result.clients
    found.dossiers.sort(key=lambda item: (not item.certain, -item.score, item.number))
    found.clients.sort(key=lambda item: (not item.certain, -item.score, item.name))
    return found
