"""Matching the lines of a company's weekly report to the client register, whether or not the
household has a dossier (the flow's `lines_arrived`), and a person's decisions on the lines in the
queue "Te bevestigen weekrapportlijnen".

The same rules as for dossiers (`bereik.lib.matching`, ADR 0009): a valid INSZ on both sides or a
strong name-and-address match links (`Signal.client`); a middle band waits for a person; the rest
is not in the register. A line in a dossier that is linked takes the dossier's client. A line a
person decided is never matched again automatically, and the decision holds for the company's
customer (its customer number): the customer's later lines take the client a person confirmed,
a client ruled out is not proposed again, and the customer's other lines waiting in the queue go
with the decision. After linking, the clients' protected flag follows the latest line
(`bereik.clients.protection`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients import protection
from bereik.clients.models import Client
from bereik.dossiers.models import Signal
from bereik.lib import matching
from bereik.triage.models import LineMatch, Triage
from bereik.triage.queries import (
    CHUNK,
    build_index,
    customer_decisions,
    customer_key,
    household_of,
)
from bereik.triage.rules import thresholds


@transaction.atomic
def match_lines(signal_ids: Iterable[int], actor=None, **_kwargs) -> dict:
    """Match these lines (signals) to the register and store the outcome; a few queries per 500
    lines. Returns the counts by status."""
    ids = sorted(set(signal_ids))
    counts = dict.fromkeys(LineMatch.Status.values, 0)
    links: list[list] = []
    remembered: list[int] = []
    touched_clients: set[int] = set()
    now = timezone.now()
    limits = thresholds()
    for start in range(0, len(ids), CHUNK):
        signals = list(
            Signal.objects.filter(pk__in=ids[start : start + CHUNK]).select_related(
                "dossier", "line_match"
            )
        )
        todo = []
        for signal in signals:
            found = getattr(signal, "line_match", None)
            if found is not None and found.decided_at:
                continue  # a person decided: never again automatically
            todo.append(signal)
        households = {s.pk: household_of(s) for s in todo if not _from_dossier(s)}
        decided = customer_decisions([s for s in todo if s.pk in households])
        index = build_index(list(households.values()), limits) if households else None
        new, changed, linked = [], [], []
        for signal in todo:
            line = getattr(signal, "line_match", None) or LineMatch(signal=signal)
            line.matched_at = now
            if _from_dossier(signal):
                client_id, status, method = signal.dossier.client_id, LineMatch.Status.LINKED, ""
                score, candidates = None, []
            else:
                earlier = decided.get(customer_key(signal))
                if earlier is not None and earlier.rejected:
                    line.rejected = sorted({*line.rejected, *earlier.rejected})
                decision = matching.decide(households[signal.pk], index, exclude=set(line.rejected))
                client_id, score, candidates = None, None, []
                if (
                    earlier is not None
                    and earlier.client_id
                    and decision.outcome != matching.INSZ  # a valid INSZ on both sides is sure
                ):
                    # A person confirmed this customer's client on an earlier line.
                    client_id, status = earlier.client_id, LineMatch.Status.LINKED
                    method = Triage.Method.CONFIRMED
                    line.decided_by_id, line.decided_at = earlier.decided_by_id, earlier.decided_at
                    remembered.append(signal.pk)
                elif decision.outcome in (matching.INSZ, matching.AUTO):
                    client_id, status = decision.client_id, LineMatch.Status.LINKED
                    method = (
                        Triage.Method.BY_INSZ
                        if decision.outcome == matching.INSZ
                        else Triage.Method.AUTOMATIC
                    )
                    if decision.outcome == matching.AUTO:
                        score = round(decision.score.total, 1)
                elif decision.outcome == matching.REVIEW:
                    status, method = LineMatch.Status.TO_CONFIRM, ""
                    candidates = [
                        {"client": s.client_id, "score": round(s.total, 1)}
                        for s in decision.candidates
                    ]
                else:
                    status, method = LineMatch.Status.NEW, ""
            line.status, line.method = status, method
            line.score, line.candidates = score, candidates
            counts[status] += 1
            (changed if line.pk else new).append(line)
            if client_id and signal.client_id != client_id:
                signal.client_id = client_id
                linked.append(signal)
                links.append([signal.pk, client_id])
            if client_id:
                touched_clients.add(client_id)
        LineMatch.objects.bulk_create(new)
        LineMatch.objects.bulk_update(
            changed,
            [
                "status",
                "method",
                "score",
                "candidates",
                "rejected",
                "decided_by",
                "decided_at",
                "matched_at",
            ],
        )
        Signal.objects.bulk_update(linked, ["client"])
    protection.refresh(client_ids=touched_clients)
    audit.record(
        "lines.match",
        actor=actor,
        details={**counts, "links": links, "remembered": remembered},
    )
    return counts


def _from_dossier(signal: Signal) -> bool:
    return bool(signal.dossier_id and signal.dossier.client_id)


def _decided(line: LineMatch, actor) -> None:
    line.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    line.decided_at = timezone.now()


@transaction.atomic
def line_confirm(line: LineMatch, client: Client, *, actor) -> LineMatch:
    """A person says which register client the line is about (one of the candidates, or any
    client they chose)."""
    line = LineMatch.objects.select_for_update().select_related("signal").get(pk=line.pk)
    signal = line.signal
    previous = signal.client_id
    signal.client = client
    signal.save(update_fields=["client"])
    line.status, line.method, line.score = LineMatch.Status.LINKED, Triage.Method.CONFIRMED, None
    _decided(line, actor)
    line.save()
    # The customer's other lines waiting in the queue are the same household.
    others = list(_waiting_of_same_customer(line))
    for other in others:
        other.signal.client = client
        other.status, other.method, other.score = (
            LineMatch.Status.LINKED,
            Triage.Method.CONFIRMED,
            None,
        )
        other.candidates = []
        other.decided_by, other.decided_at = line.decided_by, line.decided_at
    Signal.objects.bulk_update([other.signal for other in others], ["client"])
    LineMatch.objects.bulk_update(
        others, ["status", "method", "score", "candidates", "decided_by", "decided_at"]
    )
    protection.refresh(client_ids=[client.pk, previous])
    audit.record(
        "line.link_client",
        actor=actor,
        obj=line,
        subject=client,
        details={
            "signal": signal.pk,
            "client": client.pk,
            "same_customer": [other.signal_id for other in others],
        },
    )
    line.same_customer = len(others)  # for the page's message
    return line


def _waiting_of_same_customer(line: LineMatch):
    """The other lines of the line's customer still waiting in the queue, locked."""
    key = customer_key(line.signal)
    if key is None:
        return LineMatch.objects.none()
    company_id, kind, number = key
    return (
        LineMatch.objects.select_for_update()
        .filter(
            status=LineMatch.Status.TO_CONFIRM,
            decided_at__isnull=True,
            signal__company_id=company_id,
            signal__kind=kind,
            signal__customer_number=number,
        )
        .exclude(pk=line.pk)
        .select_related("signal")
    )


@transaction.atomic
def line_not_in_register(line: LineMatch, *, actor) -> LineMatch:
    """None of the candidates: the line's household is not in the register (they are not
    proposed again)."""
    line = LineMatch.objects.select_for_update().select_related("signal").get(pk=line.pk)
    if line.signal.client_id:
        raise ValidationError(_("Deze lijn is al aan een cliënt gekoppeld."))
    line.rejected = sorted({*line.rejected, *(c["client"] for c in line.candidates)})
    line.status, line.candidates, line.method = LineMatch.Status.NEW, [], ""
    _decided(line, actor)
    line.save()
    # The customer's other lines waiting in the queue lose the clients ruled out; a line left
    # without candidates was decided with this one.
    ruled_out = set(line.rejected)
    others = list(_waiting_of_same_customer(line))
    for other in others:
        other.rejected = sorted({*other.rejected, *ruled_out})
        other.candidates = [c for c in other.candidates if c["client"] not in ruled_out]
        if not other.candidates:
            other.status = LineMatch.Status.NEW
            other.decided_by, other.decided_at = line.decided_by, line.decided_at
    LineMatch.objects.bulk_update(
        others, ["status", "candidates", "rejected", "decided_by", "decided_at"]
    )
    audit.record(
        "line.not_in_register",
        actor=actor,
        obj=line,
        details={
            "signal": line.signal_id,
            "same_customer": [other.signal_id for other in others],
        },
    )
    line.same_customer = len(others)  # for the page's message
    return line
