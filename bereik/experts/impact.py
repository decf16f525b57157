"""The impact of the experts by experience, for their evaluation: counted live from the data, as
the figures page counts (ADR 0016): a period (this year by default, a year, quarter, month or
from–to, never past today) next to the same days a year earlier, Belgian days, a fixed number of
aggregate queries grouped by expert.

- proposed: households proposed to the expert in the period (`Proposal.proposed_at`);
- accepted / declined: proposals answered in the period (`answered_at`);
- contacts by kind, referrals suggested and made: the expert's contacts dated in the period;
- and the guiding questions the expert went through: suggestions of the lists filled in the
  period, referrals made from them in the period (`Answer.referred_at`);
- outreach signals: households the expert brought in during the period;
- households via an expert: the dossiers opened in the period that came in through an expert's
  signal (the cohort of the figures: `opened_between_q`), and of those reached (`reached_q`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from bereik.accounts import roles
from bereik.checklists.models import Answer
from bereik.dossiers.models import Dossier
from bereik.experts.models import Contact, OutreachSignal, Proposal
from bereik.lib.days import day_start

NUMBERS = (
    "proposed",
    "accepted",
    "declined",
    "contacts",
    "suggested",
    "referred",
    "signals",
    "households",
    "reached",
)


@dataclass
class Counts:
    values: dict = field(default_factory=lambda: dict.fromkeys(NUMBERS, 0))
    kinds: dict = field(default_factory=lambda: dict.fromkeys(Contact.Kind.values, 0))

    def add(self, other: Counts) -> None:
        for key, value in other.values.items():
            self.values[key] += value
        for key, value in other.kinds.items():
            self.kinds[key] += value


def _between(name: str, period) -> Q:
    return Q(
        **{
            f"{name}__gte": day_start(period.first),
            f"{name}__lt": day_start(period.last, days_after=1),
        }
    )


def _dates(name: str, period) -> Q:
    return Q(**{f"{name}__gte": period.first, f"{name}__lte": period.last})


def counts(periods: dict, *, expert=None) -> dict[str, dict[int, Counts]]:
    """{period key: {expert id: Counts}} for each of `periods` ({key: Period}); `expert` limits
    them to one expert. Five queries whatever the number of experts."""
    result: dict[str, dict[int, Counts]] = {key: defaultdict(Counts) for key in periods}
    scope = Q(expert=expert) if expert is not None else Q()

    proposals = Proposal.objects.filter(scope).values("expert_id")
    aggregates = {}
    for key, period in periods.items():
        answered = _between("answered_at", period)
        aggregates[f"{key}_proposed"] = Count("pk", filter=_between("proposed_at", period))
        aggregates[f"{key}_accepted"] = Count(
            "pk", filter=answered & ~Q(status=Proposal.Status.DECLINED)
        )
        aggregates[f"{key}_declined"] = Count(
            "pk", filter=answered & Q(status=Proposal.Status.DECLINED)
        )
    for row in proposals.annotate(**aggregates).order_by():
        for key in periods:
            for name in ("proposed", "accepted", "declined"):
                result[key][row["expert_id"]].values[name] += row[f"{key}_{name}"]

    contact_scope = Q(proposal__expert=expert) if expert is not None else Q()
    aggregates = {f"{key}_n": Count("pk", filter=_dates("date", p)) for key, p in periods.items()}
    rows = (
        Contact.objects.filter(contact_scope)
        .values("proposal__expert_id", "kind", "referral")
        .annotate(**aggregates)
        .order_by()
    )
    for row in rows:
        for key in periods:
            n = row[f"{key}_n"]
            item = result[key][row["proposal__expert_id"]]
            item.values["contacts"] += n
            item.kinds[row["kind"]] += n
            if row["referral"] == Contact.Referral.SUGGESTED:
                item.values["suggested"] += n
            elif row["referral"] == Contact.Referral.MADE:
                item.values["referred"] += n

    # The guiding questions the experts went through: suggested when filled, made when referred.
    answer_scope = (
        Q(filled__filled_by=expert)
        if expert is not None
        else Q(filled__filled_by__roles__code__in=roles.EXPERTS)
    )
    aggregates = {}
    for key, p in periods.items():
        aggregates[f"{key}_suggested"] = Count(
            "pk", filter=_between("filled__filled_at", p), distinct=True
        )
        aggregates[f"{key}_referred"] = Count(
            "pk", filter=_between("referred_at", p), distinct=True
        )
    rows = (
        Answer.objects.filter(answer_scope)
        .exclude(suggestion="")
        .values("filled__filled_by_id")
        .annotate(**aggregates)
        .order_by()
    )
    for row in rows:
        for key in periods:
            item = result[key][row["filled__filled_by_id"]]
            item.values["suggested"] += row[f"{key}_suggested"]
            item.values["referred"] += row[f"{key}_referred"]

    aggregates = {
        f"{key}_n": Count("pk", filter=_between("created_at", p)) for key, p in periods.items()
    }
    for row in (
        OutreachSignal.objects.filter(scope).values("expert_id").annotate(**aggregates).order_by()
    ):
        for key in periods:
            result[key][row["expert_id"]].values["signals"] += row[f"{key}_n"]

    # The cohort: dossiers opened in the period through an expert's signal.
    aggregates = {}
    for key, p in periods.items():
        opened = Dossier.objects.opened_between_q(p.first, p.last, prefix="signal__dossier__")
        aggregates[f"{key}_households"] = Count("signal__dossier", filter=opened, distinct=True)
        aggregates[f"{key}_reached"] = Count(
            "signal__dossier",
            filter=opened & Dossier.objects.reached_q(prefix="signal__dossier__"),
            distinct=True,
        )
    rows = (
        OutreachSignal.objects.filter(scope).values("expert_id").annotate(**aggregates).order_by()
    )
    for row in rows:
        for key in periods:
            item = result[key][row["expert_id"]]
            item.values["households"] += row[f"{key}_households"]
            item.values["reached"] += row[f"{key}_reached"]
    return result


def total(per_expert: dict[int, Counts]) -> Counts:
    counts_ = Counts()
    for item in per_expert.values():
        counts_.add(item)
    return counts_
