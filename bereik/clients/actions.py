"""Writes on the client register and on the links between dossiers and clients.

Matching (bereik.lib.matching does the scoring) is applied here:

- `match_dossiers(dossier_ids, actor)`: after an import, after a register import (for dossiers
  still without a client) and on demand. A valid INSZ on both sides links for certain; a strong
  name-and-address match links automatically; a middle band goes to the queue "Te bevestigen
  koppelingen"; the rest is new to the OCMW. Linked and new dossiers are then triaged (route) and
  assigned by the organisation's model.
- By hand: confirm or reject a candidate, mark a household new, link to a chosen client, undo a
  link, make a new client from the dossier. Every link records how it was made and by whom, and
  every change is in the dossier's timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients.models import Client, GuidanceChange, MatchCandidate, Triage
from bereik.dossiers import bulk
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.lib import insz as insz_lib
from bereik.lib import matching

# Above this many dossiers the whole register is loaded at once instead of by blocking keys.
LOAD_WHOLE_REGISTER_FROM = 1500
_CHUNK = 500

CLIENT_FIELDS = (
    "client_number",
    "insz",
    "last_name",
    "first_name",
    "birth_date",
    "street",
    "house_number",
    "box",
    "postcode",
    "city",
    "phone",
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker",
    "social_worker_name",
)
GUIDANCE_FIELDS = (
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker",
    "social_worker_name",
)


def thresholds() -> matching.Thresholds:
    """The matching thresholds, overridable with settings.BEREIK_MATCHING (a dict of the
    `Thresholds` fields)."""
    overrides = getattr(settings, "BEREIK_MATCHING", None) or {}
    return matching.Thresholds(**overrides)


# --- Clients ---------------------------------------------------------------------------------


def _guidance_snapshot(client: Client) -> dict:
    return {
        "guidance_status": client.guidance_status,
        "intensive_guidance": client.intensive_guidance,
        "guidance_end_date": (
            client.guidance_end_date.isoformat() if client.guidance_end_date else None
        ),
        "social_worker_name": client.social_worker_name
        or (client.social_worker.get_full_name() if client.social_worker else ""),
    }


def _guidance_changed(client: Client, previous: dict | None, *, actor, source: str) -> None:
    snapshot = _guidance_snapshot(client)
    if previous is not None and previous == snapshot:
        return
    GuidanceChange.objects.create(
        client=client,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        source=source[:200],
        guidance_status=client.guidance_status,
        intensive_guidance=client.intensive_guidance,
        guidance_end_date=client.guidance_end_date,
        social_worker_name=snapshot["social_worker_name"][:100],
        previous=previous or {},
    )


def _clean_client(client: Client) -> None:
    client.insz = insz_lib.normalize(client.insz) if client.insz else ""
    if client.insz and not insz_lib.is_valid(client.insz):
        raise ValidationError({"insz": _("Dit INSZ is niet geldig (controlegetal klopt niet).")})
    if not client.last_name.strip():
        raise ValidationError({"last_name": _("De naam is verplicht.")})
    if client.guidance_status not in dict(Client.Guidance.choices):
        raise ValidationError({"guidance_status": _("Onbekende begeleidingsstatus.")})


def next_client_number() -> str:
    """A number for a client made in Bereik (B000001), distinct from the register's own."""
    last = (
        Client.objects.filter(client_number__regex=r"^B\d{6}$")
        .order_by("-client_number")
        .values_list("client_number", flat=True)
        .first()
    )
    return f"B{(int(last[1:]) + 1 if last else 1):06d}"


@transaction.atomic
def client_create(*, actor, source: str = Client.Source.HAND, **fields) -> Client:
    """Add a client by hand (or from a dossier). A blank client number gets a Bereik number."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    if not fields.get("client_number"):
        fields["client_number"] = next_client_number()
    elif Client.objects.filter(client_number=fields["client_number"]).exists():
        raise ValidationError({"client_number": _("Dit cliëntnummer bestaat al.")})
    client = Client(source=source, **fields)
    _clean_client(client)
    client.save()
    _guidance_changed(client, None, actor=actor, source=_("met de hand toegevoegd"))
    audit.record("client.create", actor=actor, obj=client, details={"source": source})
    return client


@transaction.atomic
def client_update(client: Client, *, actor, reason: str = "", **fields) -> Client:
    """Correct a client by hand. A change in guidance is kept in the history; linked open
    dossiers are triaged again (routes set by hand stay)."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    if (
        fields.get("client_number")
        and Client.objects.filter(client_number=fields["client_number"])
        .exclude(pk=client.pk)
        .exists()
    ):
        raise ValidationError({"client_number": _("Dit cliëntnummer bestaat al.")})
    previous = _guidance_snapshot(client)
    changed = sorted(name for name, value in fields.items() if getattr(client, name) != value)
    for name, value in fields.items():
        setattr(client, name, value)
    _clean_client(client)
    client.save()
    if set(changed) & set(GUIDANCE_FIELDS):
        _guidance_changed(
            client, previous, actor=actor, source=reason or _("met de hand gecorrigeerd")
        )
        retriage_clients([client.pk], actor=actor)
    audit.record("client.update", actor=actor, obj=client, details={"fields": changed})
    return client


@transaction.atomic
def retriage_clients(client_ids: Iterable[int], *, actor) -> dict:
    """Triage again the open dossiers of these clients whose work has not started (their
    guidance changed; triage tells `handover` of the dossiers it rerouted or reassigned). On
    route A the client's own social worker takes over some work (the LAC's preparation) whatever
    the dossier's status: their open route A dossiers are handed over too, as the social worker
    may be another one now."""
    from bereik.dossiers import handover
    from bereik.dossiers.triage import REASSIGNABLE, dossiers_triage

    client_ids = list(client_ids)
    dossiers = list(
        Dossier.objects.filter(client_id__in=client_ids, status__in=REASSIGNABLE)
        .select_related("client__social_worker", "triage", "assigned_to")
        .order_by("pk")
    )
    counts = dossiers_triage(dossiers, actor=actor) if dossiers else {}
    handover.changed(
        Dossier.objects.filter(
            client_id__in=client_ids,
            route=Dossier.Route.A,
            status__in=Dossier.OPEN_STATUSES,
        ).values_list("pk", flat=True),
        actor=actor,
    )
    return counts


# --- Matching --------------------------------------------------------------------------------


def _household(dossier: Dossier) -> matching.Person:
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


def build_index(households: list[matching.Person], limits=None) -> matching.Index:
    """The part of the register worth comparing with these households: by blocking keys for a
    few, the whole register for many (one pass is then cheaper than many key lookups)."""
    limits = limits or thresholds()
    if len(households) >= LOAD_WHOLE_REGISTER_FROM:
        return matching.Index(_people(Client.objects.all()), limits)
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
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            for person in _people(Client.objects.filter(**{f"{field_name}__in": chunk})):
                if person.id not in index.by_id:
                    index.add(person)
    return index


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


def _link(dossier: Dossier, client_id: int, triage: Triage, *, method, score, actor) -> None:
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


def _store_decisions(
    dossiers: list[Dossier], decisions: dict, *, actor, allow_auto: bool = True
) -> dict[int, str]:
    """Store the decisions for many dossiers with a few bulk writes: links, the confirmation
    queue with its candidates, "new to the OCMW", and their timeline entries. Linked dossiers
    get their client (with social worker) attached for triage. Returns dossier id -> outcome."""
    bulk.ensure_triages(dossiers)
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
    for start in range(0, len(linked_ids), _CHUNK):
        chunk = linked_ids[start : start + _CHUNK]
        clients.update(Client.objects.select_related("social_worker").in_bulk(chunk))

    queued = [d.triage.pk for d in dossiers if outcomes[d.pk] != matching.INSZ]
    current: dict[int, dict[int, MatchCandidate]] = {}
    for start in range(0, len(queued), _CHUNK):
        for candidate in MatchCandidate.objects.filter(
            triage_id__in=queued[start : start + _CHUNK]
        ):
            current.setdefault(candidate.triage_id, {})[candidate.client_id] = candidate

    entries, linked, new_candidates, changed_candidates, stale = [], [], [], [], []
    triages = []
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
                    _("Gekoppeld aan cliënt %(number)s · %(how)s")
                    % {"number": client.client_number, "how": triage.method_label},
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
                new_candidates.append(
                    MatchCandidate(
                        triage=triage, client_id=s.client_id, score=s.total, details=s.as_dict()
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
                        _("Mogelijke cliënten gevonden: de koppeling moet bevestigd worden"),
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
                        _("Niet gevonden in het cliëntenregister: nieuw voor het OCMW"),
                        actor=actor,
                        at=now,
                    )
                )

    bulk.update_many(linked, ["client", "updated_at"])
    bulk.update_many(
        triages, ["match_status", "method", "score", "decided_by", "decided_at", "matched_at"]
    )
    for start in range(0, len(stale), _CHUNK):
        MatchCandidate.objects.filter(pk__in=stale[start : start + _CHUNK]).delete()
    MatchCandidate.objects.bulk_create(new_candidates, batch_size=_CHUNK)
    bulk.update_many(changed_candidates, ["score", "details"])
    bulk.save_entries(entries)
    return outcomes


LINKING = (matching.INSZ, matching.AUTO)


def _rejected(dossier_ids: list[int]) -> dict[int, set[int]]:
    rejected: dict[int, set[int]] = {}
    rows = MatchCandidate.objects.filter(
        triage__dossier_id__in=dossier_ids, rejected_at__isnull=False
    ).values_list("triage__dossier_id", "client_id")
    for dossier_id, client_id in rows:
        rejected.setdefault(dossier_id, set()).add(client_id)
    return rejected


@transaction.atomic
def match_dossiers(dossier_ids: Iterable[int], actor=None, *, triage: bool = True) -> MatchSummary:
    """Match dossiers to the register (only open ones without a client; others are skipped),
    store the outcome, and triage and assign the linked and new ones. One audit event for the
    whole batch lists the links made.

    The intake calls this after committing an import; the register import calls it for the
    dossiers still without a client; the "Koppelen" buttons call it on demand."""
    from bereik.dossiers.triage import dossiers_triage

    ids = sorted(set(dossier_ids))
    summary = MatchSummary()
    limits = thresholds()
    decided: list[Dossier] = []
    links: list[list] = []
    step = LOAD_WHOLE_REGISTER_FROM * 4
    for start in range(0, len(ids), step):
        chunk_ids = ids[start : start + step]
        dossiers = []
        for sub in range(0, len(chunk_ids), _CHUNK):
            dossiers += list(
                Dossier.objects.filter(pk__in=chunk_ids[sub : sub + _CHUNK], client__isnull=True)
                .exclude(status=Dossier.Status.CLOSED)
                .select_related("triage", "assigned_to")
            )
        summary.skipped += len(chunk_ids) - len(dossiers)
        if not dossiers:
            continue
        households = {d.pk: _household(d) for d in dossiers}
        index = build_index(list(households.values()), limits)
        rejected = _rejected(list(households))
        decisions = {
            d.pk: matching.decide(households[d.pk], index, exclude=rejected.get(d.pk, ()))
            for d in dossiers
        }
        outcomes = _store_decisions(dossiers, decisions, actor=actor)
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
    audit.record("dossiers.match", actor=actor, details={**summary.as_dict(), "links": links})
    if triage and decided:
        summary.triage = dossiers_triage(decided, actor=actor)
    return summary


def match_unlinked(*, actor) -> MatchSummary:
    """On demand, and after a register import: every open dossier still without a client."""
    ids = Dossier.objects.filter(client__isnull=True).exclude(status=Dossier.Status.CLOSED)
    return match_dossiers(ids.values_list("pk", flat=True), actor)


def _open_candidate_ids(triage: Triage) -> set[int]:
    return set(
        triage.candidates.filter(rejected_at__isnull=True).values_list("client_id", flat=True)
    )


def _require_human(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Alleen een medewerker kan een koppeling bevestigen."))


@transaction.atomic
def match_confirm(dossier: Dossier, client: Client, *, actor) -> Dossier:
    """A person confirms a link: a proposed candidate ("bevestigd") or any client they chose
    ("met de hand gekoppeld"). Then the dossier is triaged."""
    from bereik.dossiers.triage import dossier_triage, triage_of

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld. Maak de koppeling eerst ongedaan."))
    triage = triage_of(dossier)
    candidate = triage.candidates.filter(client=client).first()
    if candidate is not None and candidate.rejected_at is not None:
        candidate.rejected_at, candidate.rejected_by = None, None
        candidate.save(update_fields=["rejected_at", "rejected_by"])
    method = Triage.Method.CONFIRMED if candidate is not None else Triage.Method.BY_HAND
    _link(
        dossier,
        client.pk,
        triage,
        method=method,
        score=candidate.score if candidate else None,
        actor=actor,
    )
    dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def match_reject(dossier: Dossier, client: Client, *, actor) -> Dossier:
    """A person says this candidate is not the household. With no candidate left the household
    is new to the OCMW and the dossier is triaged (route C)."""
    from bereik.dossiers.triage import dossier_triage, triage_of

    _require_human(actor)
    triage = triage_of(dossier)
    candidate = triage.candidates.filter(client=client, rejected_at__isnull=True).first()
    if candidate is None:
        raise ValidationError(_("Deze cliënt staat niet (meer) bij de voorstellen."))
    candidate.rejected_at, candidate.rejected_by = timezone.now(), actor
    candidate.save(update_fields=["rejected_at", "rejected_by"])
    dossier_log(
        dossier,
        "client",
        _("Voorstel %(number)s afgewezen") % {"number": client.client_number},
        actor=actor,
        data={"client": client.pk},
    )
    audit.record("dossier.reject_client", actor=actor, obj=dossier, details={"client": client.pk})
    if not _open_candidate_ids(triage) and dossier.client_id is None:
        _mark_new(dossier, triage, actor=actor)
        dossier_triage(dossier, actor=actor)
    return dossier


def _mark_new(dossier: Dossier, triage: Triage, *, actor) -> None:
    triage.match_status = Triage.MatchStatus.NEW
    triage.method, triage.score = "", None
    triage.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    triage.decided_at = timezone.now()
    triage.save()
    dossier_log(
        dossier,
        "client",
        _("Niet in het cliëntenregister: nieuw voor het OCMW"),
        actor=actor,
    )


@transaction.atomic
def match_mark_new(dossier: Dossier, *, actor) -> Dossier:
    """None of the candidates is the household: reject them all, the household is new."""
    from bereik.dossiers.triage import dossier_triage, triage_of

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld. Maak de koppeling eerst ongedaan."))
    triage = triage_of(dossier)
    triage.candidates.filter(rejected_at__isnull=True).update(
        rejected_at=timezone.now(), rejected_by=actor
    )
    _mark_new(dossier, triage, actor=actor)
    audit.record("dossier.mark_new", actor=actor, obj=dossier)
    dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def match_unlink(dossier: Dossier, *, reason: str, actor) -> Dossier:
    """Undo a link, with a reason. The client becomes a rejected candidate (so matching will
    not link it again); other candidates, if any, go to the confirmation queue."""
    from bereik.dossiers.triage import dossier_triage, triage_of

    _require_human(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden om de koppeling ongedaan te maken."))
    client = dossier.client
    if client is None:
        raise ValidationError(_("Dit dossier is niet gekoppeld."))
    triage = triage_of(dossier)
    MatchCandidate.objects.update_or_create(
        triage=triage,
        client=client,
        defaults={"rejected_at": timezone.now(), "rejected_by": actor},
        create_defaults={
            "score": triage.score or 0,
            "rejected_at": timezone.now(),
            "rejected_by": actor,
        },
    )
    dossier.client = None
    dossier.save(update_fields=["client", "updated_at"])
    dossier_log(
        dossier,
        "client",
        _("Koppeling met cliënt %(number)s ongedaan gemaakt") % {"number": client.client_number},
        actor=actor,
        text=reason,
        data={"client": client.pk},
    )
    audit.record(
        "dossier.unlink_client",
        actor=actor,
        obj=dossier,
        subject=client,
        details={"client": client.pk},
    )
    triage.match_status, triage.method, triage.score = "", "", None
    triage.decided_by, triage.decided_at = actor, timezone.now()
    triage.save()
    household = _household(dossier)
    index = build_index([household])
    rejected = _rejected([dossier.pk]).get(dossier.pk, ())
    decision = matching.decide(household, index, exclude=rejected)
    # After a wrong link a person decides the next one: no automatic link here.
    outcome = _store_decisions([dossier], {dossier.pk: decision}, actor=actor, allow_auto=False)
    if outcome[dossier.pk] == matching.NEW:
        dossier_triage(dossier, actor=actor)
    return dossier


@transaction.atomic
def client_create_from_dossier(dossier: Dossier, *, actor, client_number: str = "") -> Client:
    """The household is new to the OCMW: make a client from the dossier and link it."""
    from bereik.dossiers.triage import dossier_triage, triage_of

    _require_human(actor)
    if dossier.client_id is not None:
        raise ValidationError(_("Dit dossier is al gekoppeld."))
    valid_insz = dossier.insz if insz_lib.is_valid(dossier.insz) else ""
    if valid_insz and Client.objects.filter(insz=valid_insz).exists():
        raise ValidationError(
            _("Er bestaat al een cliënt met dit INSZ; koppel het dossier aan die cliënt.")
        )
    client = client_create(
        actor=actor,
        source=Client.Source.DOSSIER,
        client_number=client_number.strip(),
        insz=valid_insz,
        last_name=dossier.last_name,
        first_name=dossier.first_name,
        birth_date=dossier.birth_date or insz_lib.birth_date(valid_insz),
        street=dossier.street,
        house_number=dossier.house_number,
        box=dossier.box,
        postcode=dossier.postcode,
        city=dossier.city,
        phone=dossier.phone,
        guidance_status=Client.Guidance.NONE,
    )
    triage = triage_of(dossier)
    _link(dossier, client.pk, triage, method=Triage.Method.CREATED, score=None, actor=actor)
    dossier_triage(dossier, actor=actor)
    return client


# --- Register import -------------------------------------------------------------------------


@dataclass
class RegisterResult:
    plan: object  # register.Plan
    batch: object = None  # intake ImportBatch; None for a dry run
    match: MatchSummary | None = None

    def summary(self) -> dict:
        """What `import_register --json` prints."""
        plan = self.plan
        return {
            "import": self.batch.pk if self.batch else None,
            "dry_run": self.batch is None,
            **plan.counts,
            "unmatched_worker_names": dict(sorted(plan.unmatched_workers.items())),
            "errors": [problem.as_dict() for problem in plan.errors],
            "warnings": [problem.as_dict() for problem in plan.warnings],
            "unrecognised_columns": plan.recognition.unrecognised_headers,
            "mapping": {h: f for h, f in plan.mapping.items() if f},
            "matching": self.match.as_dict() if self.match else None,
        }


def _check_upload_size(content: bytes) -> None:
    from bereik.intake.importing import ImportRefused
    from bereik.lib import tabular

    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise ImportRefused(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": tabular._megabytes(len(content)), "limit": tabular._megabytes(limit)}
        )
    if not content:
        raise ImportRefused(_("Het bestand is leeg."))


@transaction.atomic
def register_upload(*, content: bytes, file_name: str, actor):
    """Keep an uploaded register export as a preview (an intake ImportBatch of kind
    "register") until it is confirmed. Refuses a file that can't be read or was imported."""
    from django.core.files.base import ContentFile

    from bereik.clients import register
    from bereik.intake.importing import refuse_if_imported, sha256
    from bereik.intake.models import REGISTER, ImportBatch

    _check_upload_size(content)
    digest = sha256(content)
    refuse_if_imported(digest)
    table = register.read(content, filename=file_name)
    batch = ImportBatch(
        kind=REGISTER,
        status=ImportBatch.Status.PREVIEW,
        file_name=file_name[:255],
        file_size=len(content),
        file_format=table.file_format,
        sha256=digest,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    batch.file.save(file_name, ContentFile(content), save=False)
    batch.save()
    audit.record("register.upload", actor=actor, obj=batch, details={"rows": len(table.rows)})
    return batch


def register_plan_for(batch, *, overrides: dict | None = None):
    from bereik.clients import register

    with batch.file.open("rb") as stream:
        content = stream.read()
    return register.make_plan(content, filename=batch.file_name, overrides=overrides)


def register_confirm(batch, *, actor, overrides: dict | None = None) -> RegisterResult:
    """Import a previewed register export: all of it or nothing. Then the open dossiers still
    without a client are matched again, and the open dossiers of clients whose guidance changed
    are triaged again (routes and assignments set by hand stay)."""
    from bereik.intake.importing import ColumnsMissing, ImportRefused, refuse_if_imported
    from bereik.intake.models import ImportBatch

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ImportRefused(
                _("Deze import werd al bevestigd: %(batch)s.") % {"batch": batch.describe()},
                earlier=batch,
            )
        refuse_if_imported(batch.sha256)
        plan = register_plan_for(batch, overrides=overrides)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return _register_store(batch, plan, actor=actor)


def register_import_file(
    content: bytes, *, file_name: str, overrides: dict | None = None, actor, dry_run=False
) -> RegisterResult:
    """Upload and confirm in one go (the command line, the demo). A dry run stores nothing."""
    from bereik.clients import register
    from bereik.intake.importing import ColumnsMissing, refuse_if_imported, sha256

    _check_upload_size(content)
    if dry_run:
        refuse_if_imported(sha256(content))
        plan = register.make_plan(content, filename=file_name, overrides=overrides)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return RegisterResult(plan=plan)
    stored = []
    try:
        with transaction.atomic():
            batch = register_upload(content=content, file_name=file_name, actor=actor)
            stored.append(batch.file.name)
            return register_confirm(batch, actor=actor, overrides=overrides)
    except Exception:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise


def _register_store(batch, plan, *, actor) -> RegisterResult:
    from bereik.clients import register
    from bereik.intake.models import ImportBatch, ImportRow

    now = timezone.now()
    today = timezone.localdate()
    user = actor if getattr(actor, "is_authenticated", False) else None
    source = _("registerimport %(number)s (%(file)s)") % {
        "number": batch.pk,
        "file": batch.file_name,
    }

    created = []
    for row in plan.rows:
        if row.outcome != register.NEW:
            continue
        client = Client(
            client_number=row.client_number[:40], source=Client.Source.REGISTER, **row.fields
        )
        client.refresh_keys()
        created.append(client)
    Client.objects.bulk_create(created, batch_size=500)
    # bulk_create gives no primary keys on every database: fetch them by number.
    created_ids = {}
    numbers = [c.client_number for c in created]
    for start in range(0, len(numbers), _CHUNK):
        created_ids.update(
            Client.objects.filter(client_number__in=numbers[start : start + _CHUNK]).values_list(
                "client_number", "pk"
            )
        )

    changes = []
    updated = []
    guidance_changed_ids = []
    for row in plan.rows:
        if row.outcome == register.NEW:
            client_id = created_ids[row.client_number]
            changes.append(_history(client_id, None, row.fields, user=user, source=source, at=now))
            continue
        if row.outcome != register.UPDATED:
            continue
        client = row.client
        previous = {name: getattr(client, name) for name in register.GUIDANCE_FIELDS}
        for name, value in row.fields.items():
            setattr(client, name, value)
        client.client_number = row.client_number[:40]
        client.source = Client.Source.REGISTER
        client.missing_from_register_since = None
        client.updated_at = now
        client.refresh_keys()
        updated.append(client)
        if set(row.changed) & set(register.GUIDANCE_FIELDS):
            changes.append(
                _history(client.pk, previous, row.fields, user=user, source=source, at=now)
            )
            guidance_changed_ids.append(client.pk)
    bulk.update_many(
        updated,
        [
            *register.ROW_FIELDS,
            "client_number",
            "source",
            "missing_from_register_since",
            "name_key",
            "address_key",
            "updated_at",
        ],
    )
    GuidanceChange.objects.bulk_create(changes, batch_size=500)

    listed = {row.client_number for row in plan.rows if row.client_number}
    missing = [
        pk
        for pk, number in Client.objects.filter(
            source=Client.Source.REGISTER, missing_from_register_since__isnull=True
        ).values_list("pk", "client_number")
        if number not in listed
    ]
    for start in range(0, len(missing), _CHUNK):
        Client.objects.filter(pk__in=missing[start : start + _CHUNK]).update(
            missing_from_register_since=today
        )

    ImportRow.objects.bulk_create(
        [
            ImportRow(
                batch=batch,
                number=row.number,
                outcome=ImportRow.Outcome.ERROR,
                customer_number=row.client_number[:60],
                name=row.name[:250],
                errors=[problem.as_dict() for problem in row.parsed.errors],
                warnings=[problem.as_dict() for problem in row.parsed.warnings],
                raw=row.parsed.raw,
            )
            for row in plan.rows
            if row.outcome == register.ERROR
        ]
    )
    counts = plan.counts
    batch.status = ImportBatch.Status.IMPORTED
    batch.rows_total = counts["rows"]
    batch.rows_with_errors = counts["rows_with_errors"]
    batch.rows_with_warnings = counts["rows_with_warnings"]
    batch.mapping = plan.mapping
    batch.unrecognised = plan.recognition.unrecognised_headers
    batch.imported_at = now
    batch.imported_by = user
    batch.save()
    audit.record("register.import", actor=actor, obj=batch, details=counts)

    match = match_unlinked(actor=actor)
    if guidance_changed_ids:
        retriage_clients(guidance_changed_ids, actor=actor)
    return RegisterResult(plan=plan, batch=batch, match=match)


def _history(client_id, previous: dict | None, fields: dict, *, user, source, at):
    def shown(snapshot):
        end = snapshot.get("guidance_end_date")
        return {
            "guidance_status": snapshot.get("guidance_status"),
            "intensive_guidance": snapshot.get("intensive_guidance"),
            "guidance_end_date": end.isoformat() if end else None,
            "social_worker_name": snapshot.get("social_worker_name") or "",
        }

    return GuidanceChange(
        client_id=client_id,
        at=at,
        actor=user,
        source=source[:200],
        guidance_status=fields["guidance_status"],
        intensive_guidance=fields["intensive_guidance"],
        guidance_end_date=fields["guidance_end_date"],
        social_worker_name=(fields.get("social_worker_name") or "")[:100],
        previous=shown(previous) if previous is not None else {},
    )
