"""Matching dossiers to the client register (`bereik.lib.matching` does the scoring).

`match_dossiers(dossier_ids, actor)` runs after an import (the flow's `arrived` event), after a
register import for the dossiers still without a client (`register_changed`), and on demand. A
valid INSZ on both sides links for certain; a strong name-and-address match links automatically;
a middle band goes to the queue "Te bevestigen koppelingen"; the rest is new to the OCMW. Linked
and new dossiers are then triaged (route) and assigned by the organisation's model. Every link
records how it was made, and every change is in the dossier's timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients.models import Client
from bereik.dossiers import bulk
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import matching
from bereik.lib.idlists import Ids
from bereik.triage.actions.assignment import Notices
from bereik.triage.actions.base import ensure_triages, insert_triages
from bereik.triage.actions.routes import dossiers_triage, retriage_clients
from bereik.triage.models import MatchCandidate, Triage
from bereik.triage.queries import (
    CHUNK,
    LOAD_WHOLE_REGISTER_FROM,
    build_index,
    household_of,
    rejected_clients,
)
from bereik.triage.rules import Workloads, thresholds

# --- Matching --------------------------------------------------------------------------------


@dataclass
class MatchSummary:
    linked_insz: int = 0
    linked_auto: int = 0
    to_confirm: int = 0
    new: int = 0
    skipped: int = 0
    triage: dict = field(default_factory=dict)

    @property
    def linked(self) -> int:
        return self.linked_insz + self.linked_auto

    def as_dict(self) -> dict:
        return {
            "linked_insz": self.linked_insz,
            "linked_auto": self.linked_auto,
            "to_confirm": self.to_confirm,
            "new": self.new,
            "skipped": self.skipped,
        }

    def message(self) -> str:
        return _(
            "%(linked)s gekoppeld (%(insz)s via INSZ), %(confirm)s te bevestigen, "
            "%(new)s nieuw voor het OCMW."
        ) % {
            "linked": self.linked,
            "insz": self.linked_insz,
            "confirm": self.to_confirm,
            "new": self.new,
        }


def link_client(dossier: Dossier, client_id: int, triage: Triage, *, method, score, actor) -> None:
    dossier.client_id = client_id
    dossier.save(update_fields=["client", "updated_at"])
    triage.match_status = Triage.MatchStatus.LINKED
    triage.method = method
    triage.score = score
    human = getattr(actor, "is_authenticated", False) and method != Triage.Method.AUTOMATIC
    triage.decided_by = actor if human else None
    triage.decided_at = timezone.now()
    triage.save()
    # The client object is needed for triage; one query per linked dossier is fine here.
    dossier.client = Client.objects.select_related("social_worker").get(pk=client_id)
    label = triage.method_label
    if human and method in (Triage.Method.CONFIRMED, Triage.Method.BY_HAND):
        label += ", " + _("door %(user)s") % {"user": actor.get_full_name() or actor}
    dossier_log(
        dossier,
        "client",
        _("Gekoppeld aan cliënt %(number)s · %(how)s")
        % {"number": dossier.client.client_number, "how": label},
        actor=actor,
        data={"client": client_id, "method": method, "score": score},
    )
    audit.record(
        "dossier.link_client",
        actor=actor,
        obj=dossier,
        subject=dossier.client,
        details={"client": client_id, "method": method, "score": score},
    )


def store_decisions(
    dossiers: list[Dossier], decisions: dict, *, actor, allow_auto: bool = True
) -> dict[int, str]:
    """Store the decisions for many dossiers with a few bulk writes: links, the confirmation
    queue with its candidates, "new to the OCMW", and their timeline entries. Linked dossiers
    get their client (with social worker) attached for triage. Returns dossier id -> outcome.
    A dossier matched for the first time (every one of an import) gets its Triage row inserted
    with its outcome: written once, not made empty and then updated."""
    made = ensure_triages(dossiers, insert=False)
    now = timezone.now()
    outcomes: dict[int, str] = {}
    for dossier in dossiers:
        outcome = decisions[dossier.pk].outcome
        if outcome in (matching.INSZ, matching.AUTO) and not allow_auto:
            decision = decisions[dossier.pk]
            decision.candidates = decision.candidates or [decision.score]
            outcome = matching.REVIEW
        outcomes[dossier.pk] = outcome

    linked_ids = [decisions[pk].client_id for pk, o in outcomes.items() if o in LINKING]
    clients = {}
    for start in range(0, len(linked_ids), CHUNK):
        chunk = linked_ids[start : start + CHUNK]
        clients.update(Client.objects.select_related("social_worker").in_bulk(chunk))

    queued = [d.triage.pk for d in dossiers if outcomes[d.pk] != matching.INSZ and d.triage.pk]
    current: dict[int, dict[int, MatchCandidate]] = {}
    for start in range(0, len(queued), CHUNK):
        for candidate in MatchCandidate.objects.filter(
            triage_id__in=Ids(queued[start : start + CHUNK])
        ):
            current.setdefault(candidate.triage_id, {})[candidate.client_id] = candidate

    entries, linked, new_candidates, changed_candidates, stale = [], [], [], [], []
    triages = []
    # Texts said for many dossiers of a batch, translated once (an import matches thousands).
    linked_to = _("Gekoppeld aan cliënt %(number)s · %(how)s")
    to_confirm = _("Mogelijke cliënten gevonden: de koppeling moet bevestigd worden")
    not_found = _("Niet gevonden in het cliëntenregister: nieuw voor het OCMW")
    for dossier in dossiers:
        decision, outcome, triage = decisions[dossier.pk], outcomes[dossier.pk], dossier.triage
        was = triage.match_status
        triage.matched_at = now
        triages.append(triage)
        existing = current.get(triage.pk, {})
        if outcome in LINKING:
            client = clients[decision.client_id]
            dossier.client, dossier.updated_at = client, now
            linked.append(dossier)
            triage.match_status = Triage.MatchStatus.LINKED
            triage.method = (
                Triage.Method.BY_INSZ if outcome == matching.INSZ else Triage.Method.AUTOMATIC
            )
            triage.score = None if outcome == matching.INSZ else round(decision.score.total, 1)
            triage.decided_by, triage.decided_at = None, now
            entries.append(
                bulk.entry(
                    dossier,
                    "client",
                    linked_to % {"number": client.client_number, "how": triage.method_label},
                    actor=actor,
                    data={"client": client.pk, "method": triage.method, "score": triage.score},
                    at=now,
                )
            )
            continue
        keep = {s.client_id for s in decision.candidates} if outcome == matching.REVIEW else set()
        for s in decision.candidates if outcome == matching.REVIEW else []:
            candidate = existing.get(s.client_id)
            if candidate is None:
                new_candidates.append(  # the values of a MatchCandidate (`bulk.insert`)
                    (
                        triage,  # its id once a new triage is inserted
                        {"client_id": s.client_id, "score": s.total, "details": s.as_dict()},
                    )
                )
            elif candidate.rejected_at is None and candidate.score != s.total:
                candidate.score, candidate.details = s.total, s.as_dict()
                changed_candidates.append(candidate)
        stale += [c.pk for pk, c in existing.items() if pk not in keep and c.rejected_at is None]
        triage.method, triage.score = "", None
        if outcome == matching.REVIEW:
            triage.match_status = Triage.MatchStatus.TO_CONFIRM
            if was != Triage.MatchStatus.TO_CONFIRM:
                entries.append(
                    bulk.entry(
                        dossier,
                        "client",
                        to_confirm,
                        actor=actor,
                        data={"candidates": sorted(keep)},
                        at=now,
                    )
                )
        else:
            triage.match_status = Triage.MatchStatus.NEW
            if was != Triage.MatchStatus.NEW:
                entries.append(
                    bulk.entry(
                        dossier,
                        "client",
                        not_found,
                        actor=actor,
                        at=now,
                    )
                )

    bulk.update_many(linked, ["client", "updated_at"])
    bulk.update_many(
        [triage for triage in triages if triage.pk is not None],  # not those made above
        ["match_status", "method", "score", "decided_by", "decided_at", "matched_at"],
    )
    insert_triages(made)
    Triage.statuses_saved(triages, every=True)
    for start in range(0, len(stale), CHUNK):
        MatchCandidate.objects.filter(pk__in=stale[start : start + CHUNK]).delete()
    bulk.insert(
        MatchCandidate,
        ({**values, "triage_id": triage.pk} for triage, values in new_candidates),
    )
    bulk.update_many(changed_candidates, ["score", "details"])
    bulk.save_entries(entries)
    return outcomes


LINKING = (matching.INSZ, matching.AUTO)


@transaction.atomic
def match_dossiers(
    dossier_ids: Iterable[int], actor=None, *, triage: bool = True, next_steps: bool = True
) -> MatchSummary:
    """Match dossiers to the register (only open ones without a client; others are skipped),
    store the outcome, and triage and assign the linked and new ones. One audit event for the
    whole batch lists the links made. `next_steps`: as in `dossiers_triage`.

    The intake calls this after committing an import; the register import calls it for the
    dossiers still without a client; the "Koppelen" buttons call it on demand."""

    ids = sorted(set(dossier_ids))
    summary = MatchSummary()
    limits = thresholds()
    links: list[list] = []
    # One count of the workers' open dossiers for all the steps, kept current by each.
    workloads = Workloads()
    triaged: Counter = Counter()
    whole = None  # the whole register's index, once a step needed it
    notices = Notices()
    step = LOAD_WHOLE_REGISTER_FROM * 4
    for start in range(0, len(ids), step):
        chunk_ids = ids[start : start + step]
        dossiers = []
        for sub in range(0, len(chunk_ids), CHUNK):
            dossiers += list(
                Dossier.objects.filter(
                    pk__in=Ids(chunk_ids[sub : sub + CHUNK]), client__isnull=True
                )
                .exclude(status=Dossier.Status.CLOSED)
                .select_related("triage", "assigned_to")
            )
        summary.skipped += len(chunk_ids) - len(dossiers)
        if not dossiers:
            continue
        households = {d.pk: household_of(d) for d in dossiers}
        index = build_index(list(households.values()), limits, whole=whole)
        if index.whole:
            whole = index  # the register does not change while matching: read it once
        rejected = rejected_clients(list(households))
        decisions = {
            d.pk: matching.decide(households[d.pk], index, exclude=rejected.get(d.pk, ()))
            for d in dossiers
        }
        outcomes = store_decisions(dossiers, decisions, actor=actor)
        decided: list[Dossier] = []
        for dossier in dossiers:
            outcome = outcomes[dossier.pk]
            if outcome == matching.INSZ:
                summary.linked_insz += 1
            elif outcome == matching.AUTO:
                summary.linked_auto += 1
            elif outcome == matching.REVIEW:
                summary.to_confirm += 1
            else:
                summary.new += 1
            if outcome in LINKING:
                links.append([dossier.pk, dossier.client_id, dossier.triage.method])
            if outcome != matching.REVIEW:
                decided.append(dossier)
        # Triaged (and assigned) step by step: a long import never holds all its dossiers.
        if triage and decided:
            triaged.update(
                dossiers_triage(
                    decided,
                    actor=actor,
                    workloads=workloads,
                    notices=notices,
                    next_steps=next_steps,
                )
            )
    notices.send()  # one notification per worker for the whole run
    audit.record("dossiers.match", actor=actor, details={**summary.as_dict(), "links": links})
    summary.triage = dict(triaged)
    return summary


def match_unlinked(*, actor) -> MatchSummary:
    """On demand, and after a register import: every open dossier still without a client."""
    ids = Dossier.objects.filter(client__isnull=True).exclude(status=Dossier.Status.CLOSED)
    return match_dossiers(ids.values_list("pk", flat=True), actor)


def register_changed(
    client_ids: list[int], *, actor, guidance_changed=(), match_unlinked_dossiers=False
) -> MatchSummary | None:
    """The flow's `register_changed` event: after a register import the open dossiers still
    without a client are matched again (new clients may be theirs); the open dossiers of clients
    whose guidance changed are triaged again (routes and assignments set by hand stay)."""
    summary = match_unlinked(actor=actor) if match_unlinked_dossiers else None
    if guidance_changed:
        retriage_clients(guidance_changed, actor=actor)
    return summary
