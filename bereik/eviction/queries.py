"""Reads of the eviction procedure: one dossier's procedure for its page, and the facts of many
dossiers at once (the volgende stap) in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from bereik.dossiers.models import Dossier, Signal
from bereik.eviction import rules
from bereik.eviction.models import Hearing, Judgment, OcmwAction
from bereik.outreach.models import Letter

# The signals whose date is a hearing: the court document, and a signal by hand about an
# eviction that names the hearing.
SUMMONS_KINDS = (Signal.Kind.UITHUISZETTING, Signal.Kind.HAND_UITHUISZETTING)
LETTER_BEFORE_HEARING = "brief_voor_zitting"


def judgment_facts(judgment: Judgment | None) -> rules.JudgmentFacts | None:
    if judgment is None:
        return None
    return rules.JudgmentFacts(
        date=judgment.date,
        allows_eviction=judgment.allows_eviction,
        allowed_from=judgment.eviction_allowed_from,
        served_on=judgment.served_on,
        eviction_date=judgment.eviction_date,
    )


def _summons(dossier_ids) -> dict[int, list[Signal]]:
    found = defaultdict(list)
    signals = Signal.objects.filter(
        dossier_id__in=list(dossier_ids), kind__in=SUMMONS_KINDS, measure_date__isnull=False
    ).order_by("received_at", "pk")
    for signal in signals:
        if signal.kind == Signal.Kind.UITHUISZETTING or (
            signal.extra.get("deadline_kind") == Dossier.DeadlineKind.HEARING
        ):
            found[signal.dossier_id].append(signal)
    return found


def facts_for(dossier_ids) -> dict[int, rules.Facts]:
    """dossier id -> the procedure's facts (three queries, whatever the number of dossiers)."""
    dossier_ids = list(dossier_ids)
    summons = _summons(dossier_ids)
    hearings = defaultdict(list)
    for hearing in Hearing.objects.filter(dossier_id__in=dossier_ids):
        hearings[hearing.dossier_id].append(hearing)
    judgments = {j.dossier_id: j for j in Judgment.objects.filter(dossier_id__in=dossier_ids)}
    result = {}
    for dossier_id in dossier_ids:
        recorded = {hearing.date: hearing for hearing in hearings[dossier_id]}
        dates = [signal.measure_date for signal in summons[dossier_id]]
        first = min(dates) if dates else None
        open_dates = {d for d, h in recorded.items() if not h.outcome}
        # A summons' hearing nobody recorded yet is still to come (or to be recorded).
        open_dates |= {d for d in dates if d not in recorded and not _superseded(d, recorded)}
        judgment = judgments.get(dossier_id)
        if judgment is not None:  # the hearings up to the judgment are over
            open_dates = {d for d in open_dates if d > judgment.date}
        last = max(recorded.values(), key=lambda h: h.date) if recorded else None
        result[dossier_id] = rules.Facts(
            summons_hearing=first,
            open_hearings=tuple(sorted(open_dates)),
            judgment=judgment_facts(judgment),
            ended=last is not None
            and last.outcome in (Hearing.Outcome.SETTLED, Hearing.Outcome.STRUCK_OFF),
        )
    return result


def _superseded(day: datetime.date, recorded: dict) -> bool:
    """A summons' hearing date earlier than a hearing already recorded: the case moved on."""
    return any(other > day for other in recorded)


@dataclass
class Procedure:
    """One dossier's procedure for its page."""

    facts: rules.Facts
    summons: list[Signal]
    hearings: list[Hearing]  # recorded ones and the summons' hearings still to record (unsaved)
    judgment: Judgment | None
    actions: list[OcmwAction]
    earliest: datetime.date | None
    stage: str
    open_hearing: Hearing | None = None
    letters: list = field(default_factory=list)  # (date, title) of the letters before a hearing

    @property
    def started(self) -> bool:
        return bool(self.summons or self.hearings or self.judgment or self.actions)


def procedure_of(dossier: Dossier, *, today: datetime.date) -> Procedure:
    facts = facts_for([dossier.pk])[dossier.pk]
    summons = _summons([dossier.pk])[dossier.pk]
    hearings = {hearing.date: hearing for hearing in dossier.hearings.all()}
    for signal in summons:
        if signal.measure_date not in hearings and signal.measure_date in facts.open_hearings:
            hearings[signal.measure_date] = Hearing(
                dossier=dossier, date=signal.measure_date, court=signal.extra.get("court", "")
            )
    ordered = [hearings[day] for day in sorted(hearings)]
    open_hearing = next((h for h in ordered if not h.outcome), None)
    judgment = Judgment.objects.filter(dossier=dossier).first()
    return Procedure(
        facts=facts,
        summons=summons,
        hearings=ordered,
        judgment=judgment,
        actions=list(dossier.eviction_actions.select_related("created_by")),
        earliest=rules.earliest_eviction(facts.judgment),
        stage=rules.stage(facts, today=today),
        open_hearing=open_hearing,
    )


def hearing_on(dossier: Dossier, day: datetime.date | None) -> Hearing | None:
    """The dossier's hearing on `day`, if one is known."""
    if day is None:
        return None
    return Hearing.objects.filter(dossier=dossier, date=day).first()


def court_of(dossier: Dossier) -> str:
    """The justice of the peace of the case: the latest hearing's, else the summons'."""
    hearing = dossier.hearings.exclude(court="").order_by("-date").first()
    if hearing is not None:
        return hearing.court
    signal = (
        Signal.objects.filter(dossier=dossier, kind__in=SUMMONS_KINDS)
        .order_by("-received_at")
        .first()
    )
    return (signal.extra or {}).get("court", "") if signal else ""


def landlord_of(dossier: Dossier) -> str:
    for extra in (
        Signal.objects.filter(dossier=dossier)
        .order_by("-received_at")
        .values_list("extra", flat=True)
    ):
        if (extra or {}).get("landlord"):
            return extra["landlord"]
    return ""


def with_letter_before_hearing(dossier_ids) -> set[int]:
    """The dossiers that already have a letter to the tenant before the hearing."""
    return set(
        Letter.objects.filter(
            dossier_id__in=list(dossier_ids), letter_type=LETTER_BEFORE_HEARING
        ).values_list("dossier_id", flat=True)
    )
