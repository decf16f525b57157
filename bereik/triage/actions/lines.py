"""Matching the lines of a company's weekly report to the client register, whether or not the
household has a dossier (the flow's `lines_arrived`), and a person's decisions on the lines in the
queue "Te bevestigen weekrapportlijnen".

The same rules as for dossiers (`bereik.lib.matching`, ADR 0009): a valid INSZ on both sides or a
strong name-and-address match links (`Signal.client`); a middle band waits for a person; the rest
is not in the register. A line in a dossier that is linked takes the dossier's client. A line a
person decided is never matched again automatically. After linking, the clients' protected flag
follows the latest line (`bereik.clients.protection`).
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
from bereik.triage.queries import CHUNK, build_index, household_of
from bereik.triage.rules import thresholds


@transaction.atomic
def match_lines(signal_ids: Iterable[int], actor=None, **_kwargs) -> dict:
    """Match these lines (signals) to the register and store the outcome; a few queries per 500
    lines. Returns the counts by status."""
    ids = sorted(set(signal_ids))
    counts = dict.fromkeys(LineMatch.Status.values, 0)
    links: list[list] = []
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
            if found is not None and found.decided_by_id:
                continue  # a person decided: never again automatically
            todo.append(signal)
        households = {s.pk: household_of(s) for s in todo if not _from_dossier(s)}
        index = build_index(list(households.values()), limits) if households else None
        new, changed, linked = [], [], []
        for signal in todo:
            line = getattr(signal, "line_match", None) or LineMatch(signal=signal)
            line.matched_at = now
            if _from_dossier(signal):
                client_id, status, method = signal.dossier.client_id, LineMatch.Status.LINKED, ""
                score, candidates = None, []
            else:
                decision = matching.decide(households[signal.pk], index, exclude=set(line.rejected))
                client_id, score, candidates = None, None, []
                if decision.outcome in (matching.INSZ, matching.AUTO):
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
            changed, ["status", "method", "score", "candidates", "matched_at"]
        )
        Signal.objects.bulk_update(linked, ["client"])
    protection.refresh(client_ids=touched_clients)
    audit.record("lines.match", actor=actor, details={**counts, "links": links})
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
    protection.refresh(client_ids=[client.pk, previous])
    audit.record(
        "line.link_client",
        actor=actor,
        obj=line,
        subject=client,
        details={"signal": signal.pk, "client": client.pk},
    )
    return line


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
    audit.record("line.not_in_register", actor=actor, obj=line, details={"signal": line.signal_id})
    return line
