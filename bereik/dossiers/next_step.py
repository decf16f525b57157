"""The volgende stap: what to do now for a household, and by when.

This module owns it. A dossier's step is stored on the dossier (`next_step`, `next_step_date`) so
that worklists filter and sort on it, and shown in the page header with the buttons that take it.
The rules come from the apps that know the work, as `Rule`s registered from their
`AppConfig.ready()`, asked in order; the first rule that applies to a dossier decides its step:

- the follow-up (bereik.followup, order 10): once the household is reached and the help has
  started (a conversation, a sociaal verslag, a right, a support request or a referral is
  recorded): the most pressing open thing of the help;
- the contact rules (bereik.outreach, order 20): every open dossier: the Sint-Truiden sequence
  (invitation, unannounced visit, not-at-home letter, announced visit, last letter, ...), and
  once reached the first help step.

Actions that change what a rule looks at call `refresh(dossiers, actor=...)` inside their
transaction; `refresh` stores the steps with one write for many dossiers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from bereik.dossiers.bulk import BATCH, update_many
from bereik.dossiers.models import Dossier


@dataclass(frozen=True)
class Action:
    """A button that takes the step: a link (`url`) or a form posting to `post`."""

    label: str
    url: str = ""
    post: str = ""
    secondary: bool = False


@dataclass(frozen=True)
class Appointment:
    date: datetime.date
    part: str  # the part of the day, as the user reads it ("voormiddag")


@dataclass(frozen=True)
class NextStep:
    label: str
    due: datetime.date | None = None
    # The page header only: the buttons, the part of the day when the step happens *on* its date
    # (a planned visit), and the appointment a not-at-home letter will propose.
    actions: tuple[Action, ...] = ()
    part: str = ""
    appointment: Appointment | None = None
    today: datetime.date = field(default_factory=timezone.localdate, compare=False)

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def stored(self) -> tuple[str, datetime.date | None]:
        """What the dossier keeps: `next_step` (at most 200 characters) and `next_step_date`."""
        return self.label[:200], self.due


@dataclass(frozen=True)
class Rule:
    """The steps of one part of the work.

    - `applies(dossiers) -> set of ids`: the dossiers this rule decides (a few queries per call,
      callers pass at most a few hundred dossiers);
    - `steps(dossiers, actor=) -> {id: NextStep | None}`: their steps, for storing; a rule may
      first bring the dossiers' own fields its facts decide in line (the contact rule: the
      reached date and the status, from the attempts);
    - `page(dossier, can_change) -> NextStep | None`: one dossier's step for its page, with the
      buttons when the user may change the dossier.
    """

    order: int
    key: str
    applies: Callable[[list[Dossier]], set[int]]
    steps: Callable[[list[Dossier]], dict[int, NextStep | None]]
    page: Callable[[Dossier, bool], NextStep | None]


_rules: dict[str, Rule] = {}

# The dossier's fields the rules read to decide its step (and `refresh` compares and writes),
# and of those the ones that never change once the dossier is opened.
READ = (
    "status",
    "kind",
    "opened_at",
    "reached_on",
    "route",
    "deadline",
    "deadline_kind",
    "next_step",
    "next_step_date",
)
FIXED = ("kind", "opened_at")


def register(rule: Rule) -> Rule:
    _rules[rule.key] = rule
    return rule


def rules() -> list[Rule]:
    return sorted(_rules.values(), key=lambda rule: (rule.order, rule.key))


def _deciding(dossiers: list[Dossier]) -> dict[str, list[Dossier]]:
    """Each open dossier with the first rule that applies to it."""
    left = [d for d in dossiers if d.status != Dossier.Status.CLOSED]
    decided: dict[str, list[Dossier]] = {}
    for rule in rules():
        if not left:
            break
        ids = rule.applies(left)
        decided[rule.key] = [d for d in left if d.pk in ids]
        left = [d for d in left if d.pk not in ids]
    return decided


def refresh(dossiers: Iterable[Dossier], *, actor=None) -> int:
    """Store the current step of these dossiers (closed ones keep theirs). Pass current
    instances; a few reads per 500 dossiers and one write. Returns how many changed."""
    dossiers = list(dossiers)
    now = timezone.now()
    changed = []
    for start in range(0, len(dossiers), BATCH):
        chunk = dossiers[start : start + BATCH]
        for key, decided in _deciding(chunk).items():
            if not decided:
                continue
            steps = _rules[key].steps(decided, actor=actor)
            for dossier in decided:
                step = steps.get(dossier.pk)
                stored = step.stored if step is not None else ("", None)
                if stored != (dossier.next_step, dossier.next_step_date):
                    dossier.next_step, dossier.next_step_date = stored
                    dossier.updated_at = now
                    changed.append(dossier)
    update_many(changed, ["next_step", "next_step_date", "updated_at"])
    return len(changed)


def refresh_one(dossier: Dossier, *, actor=None) -> int:
    """`refresh` for one dossier an action may have changed: its fields are read again first."""
    dossier.refresh_from_db(fields=[name for name in READ if name not in FIXED])
    return refresh([dossier], actor=actor)


def refresh_ids(dossier_ids: Iterable[int], *, actor=None, **_kwargs) -> int:
    """`refresh` for dossiers given by id (those of an import), read with the fields the rules
    read (`READ`): an import's 100,000 dossiers are not read whole (34 columns, four moments
    converted) to decide from ten. A rule that needs another field of a dossier gets it with a
    query of its own (`test_next_step_reads` keeps the rules to these fields)."""
    ids = sorted(set(dossier_ids))
    count = 0
    for start in range(0, len(ids), BATCH):
        dossiers = Dossier.objects.filter(pk__in=ids[start : start + BATCH]).only(*READ)
        count += refresh(dossiers, actor=actor)
    return count


def for_page(dossier: Dossier, *, can_change: bool) -> NextStep | None:
    """The step of one open dossier for its page header, with its buttons."""
    if not dossier.is_open:
        return None
    for key, decided in _deciding([dossier]).items():
        if decided:
            return _rules[key].page(dossier, can_change)
    return None
