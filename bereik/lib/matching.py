"""Matching households on company lists to people in the OCMW's client register.

Pure functions, no models. A `Person` is either side (a dossier's household or a client). The
steps are:

1. normalise names (case, accents, spacing, apostrophes, particles such as "Van den" glued to the
   surname so "Van den Broeck", "VandenBroeck" and "Vandenbroeck" agree) and addresses (street
   abbreviations, "12 bus 3", "12/3", "12 b3", "12A", postcodes): `matchkeys`;
2. find candidates through blocks, never by comparing every pair: the same INSZ, the same address,
   or the same surname key with a similar first name (`Index.candidates`);
3. score each candidate (`score`) on name (both name orders, and names written in one field),
   address and birth date (taken from a valid INSZ when no birth date is given);
4. decide (`decide`): a valid INSZ on both sides links for certain; an automatic link needs the
   same name *and* the same address (or the same birth date), a high score, and no second
   candidate that qualifies too. Precision first: a namesake at another address is only ever
   proposed to a person, never linked.

The thresholds are plain constants (`Thresholds`); the clients app may override them from
settings.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bereik.lib import insz as insz_lib

# The keys (normalisation) live in matchkeys; re-exported here, where the other apps and the
# migrations find them.
from bereik.lib.matchkeys import (  # noqa: F401 - re-exported
    PARTICLES,
    Address,
    address_key,
    first_name_key,
    fold,
    name_tokens,
    normalise_address,
    parse_number,
    postcode_key,
    split_street,
    street_key,
    surname_key,
)

# --- Thresholds ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    # A score at or above this may link automatically (if the evidence rules also hold).
    auto_link: float = 90.0
    # A best score at or above this puts the dossier in the confirmation queue.
    review: float = 70.0
    # Surname and first name similarity (0-100) from which two names count as the same name.
    same_name: float = 95.0
    # Street similarity from which two streets count as the same street.
    same_street: float = 90.0
    # How similar a first name must be to pull a client of the same surname in as a candidate.
    first_name_block: float = 60.0
    # Candidates kept for the people confirming a link.
    max_candidates: int = 5


DEFAULT_THRESHOLDS = Thresholds()

# Outcomes of `decide`.
INSZ = "insz"
AUTO = "auto"
REVIEW = "review"
NEW = "new"


# --- People ----------------------------------------------------------------------------------


@dataclass
class Person:
    """One side of a match. `id` is the dossier's or the client's primary key."""

    id: object
    last_name: str = ""
    first_name: str = ""
    insz: str = ""
    birth_date: datetime.date | None = None
    street: str = ""
    house_number: str = ""
    box: str = ""
    postcode: str = ""
    # Filled by `prepare()`.
    tokens: list[str] = field(default_factory=list, repr=False)
    surname: str = field(default="", repr=False)
    first: str = field(default="", repr=False)
    address: Address | None = field(default=None, repr=False)
    valid_insz: str = field(default="", repr=False)
    known_birth_date: datetime.date | None = field(default=None, repr=False)
    _readings: list | None = field(default=None, repr=False, compare=False)
    # (surname key, first name key) of a client -> this household's name similarity with it.
    _names_seen: dict | None = field(default=None, repr=False, compare=False)

    def prepare(self) -> Person:
        self._readings = None
        self._names_seen = None
        self.surname = surname_key(self.last_name)
        self.first = first_name_key(self.first_name)
        # The words of the whole name, read only when one of the two fields is empty (the
        # whole name in one field, `name_readings`).
        both = self.surname and self.first
        self.tokens = [] if both else name_tokens(f"{self.last_name} {self.first_name}")
        self.address = normalise_address(self.street, self.house_number, self.box, self.postcode)
        digits = insz_lib.normalize(self.insz)
        self.valid_insz = digits if digits and insz_lib.digits_valid(digits) else ""
        self.known_birth_date = self.birth_date or (
            insz_lib.birth_date(self.valid_insz) if self.valid_insz else None
        )
        return self

    def name_readings(self) -> list[tuple[str, str]]:
        """(surname key, first name key) pairs this name can be read as: as given, swapped,
        and, when the whole name sits in one field, every split of its words. Worked out once
        per preparation: a household is compared with dozens of clients."""
        if self._readings is not None:
            return self._readings
        self._readings = self._name_readings()
        return self._readings

    def _name_readings(self) -> list[tuple[str, str]]:
        readings = []
        if self.surname and self.first:
            readings += [(self.surname, self.first), (self.first, self.surname)]
        if len(self.tokens) >= 2 and not (self.surname and self.first):
            for k in range(1, len(self.tokens)):
                head, tail = "".join(self.tokens[:k]), "".join(self.tokens[k:])
                readings += [(head, tail), (tail, head)]
        if not readings:
            readings.append((self.surname or self.first, ""))
        return list(dict.fromkeys(readings))


# --- Scoring ---------------------------------------------------------------------------------

SAME = "same"
DIFFERENT = "different"


@dataclass(frozen=True)
class Score:
    """How well a client fits a household. `total` is 0-100; the parts explain it."""

    client_id: object
    total: float
    name: float
    address: float
    surname: float
    first_name: float
    same_name: bool
    same_address: bool
    birth_date: str  # SAME, DIFFERENT or "" when unknown on a side
    insz: str  # SAME or "" (a different valid INSZ never gets a Score)

    @property
    def may_link_automatically(self) -> bool:
        """The evidence rule for an automatic link (besides the score threshold)."""
        return _may_link(self.same_name, self.same_address, self.birth_date, self.insz)

    def as_dict(self) -> dict:
        return {
            "total": round(self.total, 1),
            "name": round(self.name, 1),
            "address": round(self.address, 1),
            "surname": round(self.surname, 1),
            "first_name": round(self.first_name, 1),
            "same_name": self.same_name,
            "same_address": self.same_address,
            "birth_date": self.birth_date,
            "insz": self.insz,
        }


def _first_name_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 50.0  # unknown on a side: neither for nor against
    return fuzz.ratio(a, b)


def _name_similarity(household: Person, client: Person) -> tuple[float, float]:
    """Best (surname, first name) similarity over the ways the household's name can be read.
    Worked out once per client name for a household: the candidates of a common name are
    mostly namesakes (in a register of 100,000, about 88 candidates a household had two
    different names between them)."""
    seen = household._names_seen
    if seen is None:
        seen = household._names_seen = {}
    key = (client.surname, client.first)
    found = seen.get(key)
    if found is None:
        found = seen[key] = _best_reading(household, client)
    return found


def _best_reading(household: Person, client: Person) -> tuple[float, float]:
    client_first = client.first
    best = (0.0, 0.0)
    best_total = -1.0
    for surname, first in household.name_readings():
        s = fuzz.ratio(surname, client.surname) if surname and client.surname else 0.0
        f = _first_name_similarity(first, client_first)
        total = 0.6 * s + 0.4 * f
        if total > best_total:
            best, best_total = (s, f), total
    return best


def _address_similarity(a: Address, b: Address, thresholds: Thresholds) -> tuple[float, bool]:
    if not (a.street or a.number) or not (b.street or b.number):
        return 50.0, False
    street = fuzz.ratio(a.street, b.street) if a.street and b.street else 50.0
    number = 1.0 if a.number and (a.number, a.suffix) == (b.number, b.suffix) else 0.0
    if a.box and b.box:
        box = 1.0 if a.box == b.box else 0.0
    elif a.box or b.box:
        box = 0.5
    else:
        box = 1.0
    postcode = 0.5  # unknown on a side
    if a.postcode and b.postcode:
        postcode = 1.0 if a.postcode == b.postcode else 0.0
    value = 100 * (0.45 * street / 100 + 0.30 * number + 0.10 * box + 0.15 * postcode)
    same = street >= thresholds.same_street and number == 1.0 and box > 0 and postcode > 0
    return value, same


def _may_link(same_name: bool, same_address: bool, birth_date: str, insz: str) -> bool:
    if insz == SAME:
        return True
    if not same_name or birth_date == DIFFERENT:
        return False
    return same_address or birth_date == SAME


def score(
    household: Person, client: Person, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> Score | None:
    """Score `client` for `household` (both prepared). None when both carry a valid INSZ and
    the numbers differ: two different people, whatever their names."""
    parts = _score_parts(household, client, thresholds)
    return None if parts is None else Score(*parts)


def _score_parts(household: Person, client: Person, thresholds: Thresholds) -> tuple | None:
    """The fields of `score`'s Score, in their order, as a tuple: `decide` scores every
    candidate (dozens a household) and makes a Score only of the few it keeps."""
    insz = ""
    if household.valid_insz and client.valid_insz:
        if household.valid_insz != client.valid_insz:
            return None
        insz = SAME
    surname, first = _name_similarity(household, client)
    name = 0.6 * surname + 0.4 * first
    address, same_address = _address_similarity(household.address, client.address, thresholds)
    same_name = surname >= thresholds.same_name and first >= thresholds.same_name
    if household.known_birth_date and client.known_birth_date:
        birth = SAME if household.known_birth_date == client.known_birth_date else DIFFERENT
    else:
        birth = ""
    total = 0.65 * name + 0.35 * address
    if birth == SAME:
        # Name and birth date together identify a person, wherever they live now.
        total = min(100.0, total + 25)
    elif birth == DIFFERENT:
        total -= 20
    if same_name and birth != DIFFERENT:
        # A namesake elsewhere may have moved: never below the confirmation band.
        total = max(total, thresholds.review)
    if insz == SAME:
        total = 100.0
    return (
        client.id,
        max(0.0, total),
        name,
        address,
        surname,
        first,
        same_name,
        same_address,
        birth,
        insz,
    )


# --- Blocking --------------------------------------------------------------------------------


class Index:
    """The register, indexed for candidate lookup: by INSZ, by address key, and by surname key
    with the first names of each surname kept apart for a fast fuzzy first-name filter."""

    def __init__(self, clients: Iterable[Person] = (), thresholds=DEFAULT_THRESHOLDS):
        self.thresholds = thresholds
        self.whole = False  # the whole register (not the blocks of a few households)
        self.by_id: dict[object, Person] = {}
        self.by_insz: dict[str, list[Person]] = defaultdict(list)
        self.by_address: dict[str, list[Person]] = defaultdict(list)
        # surname key -> first name key -> clients
        self.by_surname: dict[str, dict[str, list[Person]]] = defaultdict(lambda: defaultdict(list))
        self._first_names: dict[str, list[str]] = {}
        for client in clients:
            self.add(client)

    def __len__(self) -> int:
        return len(self.by_id)

    def add(self, client: Person) -> None:
        if not client.address:
            client.prepare()
        self.by_id[client.id] = client
        if client.valid_insz:
            self.by_insz[client.valid_insz].append(client)
        if client.address.key:
            self.by_address[client.address.key].append(client)
        if client.surname:
            self.by_surname[client.surname][client.first].append(client)
            self._first_names.pop(client.surname, None)

    def _same_surname(self, surname: str, first: str) -> list[Person]:
        firsts = self.by_surname.get(surname)
        if not firsts:
            return []
        if not first:
            return [c for group in firsts.values() for c in group]
        names = self._first_names.get(surname)
        if names is None:
            names = self._first_names[surname] = list(firsts)
        hits = process.extract(
            first,
            names,
            scorer=fuzz.ratio,
            score_cutoff=self.thresholds.first_name_block,
            limit=None,
        )
        result = list(firsts.get("", []))  # clients registered without a first name
        for name, _score, _pos in hits:
            if name:
                result.extend(firsts[name])
        return result

    def candidates(self, household: Person) -> list[Person]:
        """Clients worth scoring for `household` (prepared); a few, not the whole register."""
        found: dict[object, Person] = {}
        if household.valid_insz:
            for client in self.by_insz.get(household.valid_insz, ()):
                found[client.id] = client
        if household.address.key:
            for client in self.by_address.get(household.address.key, ()):
                found[client.id] = client
        for surname, first in household.name_readings():
            for client in self._same_surname(surname, first):
                found[client.id] = client
        return list(found.values())


# --- Decision --------------------------------------------------------------------------------


@dataclass
class Decision:
    outcome: str  # INSZ, AUTO, REVIEW or NEW
    client_id: object = None  # the client to link (INSZ, AUTO)
    score: Score | None = None  # the best score
    candidates: list[Score] = field(default_factory=list)  # best first, for the queue


def decide(
    household: Person,
    index: Index,
    *,
    exclude: Iterable = (),
    thresholds: Thresholds | None = None,
) -> Decision:
    """What to do with one household. `exclude`: client ids a person already rejected."""
    thresholds = thresholds or index.thresholds
    if household.address is None:
        household.prepare()
    excluded = set(exclude)
    # Score every candidate as a tuple of the Score's fields (client_id, total, ..., insz) and
    # make a Score only of those the decision keeps: the same decision, without a Score
    # for each of the dozens of namesakes a common name brings.
    rows = []
    for client in index.candidates(household):
        if client.id in excluded:
            continue
        parts = _score_parts(household, client, thresholds)
        if parts is not None:
            rows.append(parts)
    if not rows:
        return Decision(NEW)
    rows.sort(key=lambda row: (-row[1], str(row[0])))
    made: dict[int, Score] = {}

    def scored(row: tuple) -> Score:
        found = made.get(id(row))
        if found is None:
            found = made[id(row)] = Score(*row)
        return found

    # Sorted best first: those in the confirmation band are the first rows.
    kept = []
    for row in rows:
        if row[1] < thresholds.review or len(kept) >= thresholds.max_candidates:
            break
        kept.append(scored(row))
    best = scored(rows[0])

    by_insz = [scored(row) for row in rows if row[9] == SAME]
    if len(by_insz) == 1:
        return Decision(INSZ, by_insz[0].client_id, by_insz[0], kept)
    if len(by_insz) > 1:  # the register holds the number twice: a person decides
        return Decision(REVIEW, None, best, by_insz[: thresholds.max_candidates])

    qualifying = [
        row
        for row in rows
        if row[1] >= thresholds.auto_link and _may_link(row[6], row[7], row[8], row[9])
    ]
    if len(qualifying) == 1:
        return Decision(AUTO, qualifying[0][0], scored(qualifying[0]), kept)
    if kept:
        return Decision(REVIEW, None, best, kept)
    return Decision(NEW, None, best, [])


def match_all(
    households: Iterable[Person], index: Index, *, exclude: dict | None = None
) -> dict[object, Decision]:
    """Decide for many households at once. `exclude`: household id -> rejected client ids."""
    exclude = exclude or {}
    return {h.id: decide(h, index, exclude=exclude.get(h.id, ())) for h in households}
