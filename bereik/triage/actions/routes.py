"""Triage: the route of a dossier from the client register (`rules.proposed_route`), and the
overleg of route B.

The route is proposed automatically when a dossier is linked (or found to be new); the
preventiewerker can change it with a reason, after which automatic triage leaves it alone.
Functions named `<entity>_<verb>` are actions (atomic, audited, in the timeline).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers import bulk, flow
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.organisation.models import Organisation
from bereik.triage.actions.assignment import (
    ASSIGNEE_FIELDS,
    assign_by_model,
    consultation_summary,
    dossier_assign,
    notify_consultations,
)
from bereik.triage.actions.base import ensure_triages, triage_of
from bereik.triage.models import Consultation
from bereik.triage.rules import REASSIGNABLE, Workloads, proposed_route, route_reason


def consultations_end(dossier: Dossier, *, actor, reason: str) -> None:
    """End the dossier's open overleg without an outcome (the dossier left route B, or was
    closed): the former worker's access ends with it (ADR 0031)."""
    open_ones = list(dossier.consultations.filter(decided_at=None))
    for consultation in open_ones:
        consultation.decided_at = timezone.now()
        consultation.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        consultation.notes = reason
        consultation.save(update_fields=["decided_at", "decided_by", "notes"])
        dossier_log(dossier, "overleg", _("Overleg vervallen"), actor=actor, text=reason)


@transaction.atomic
def dossiers_triage(
    dossiers: Iterable[Dossier],
    *,
    actor,
    organisation: Organisation | None = None,
    workloads: Workloads | None = None,
    notices=None,
    next_steps: bool = True,
) -> dict[str, int]:
    """Propose the route of each dossier from its client and assign the dossiers whose route
    changed (or that nobody has yet) by the organisation's model. Routes and assignments made
    by hand are left alone. Pass dossiers with `client__social_worker` loaded; many dossiers
    are stored with a few bulk writes and one audit event. `notices`: the assignment's
    notifications collected for a caller that triages in steps (`assignment.Notices`).
    `next_steps=False`: the caller brings the volgende stap up to date itself (the flow's
    `arrived` event, whose last subscriber does it for every dossier that arrived)."""
    dossiers = list(dossiers)
    organisation = organisation or Organisation.get()
    workloads = workloads or Workloads()
    ensure_triages(dossiers)
    now = timezone.now()
    entries, changed, to_assign, leaving_b = [], [], [], []
    routes: Counter = Counter()
    # Texts said for many dossiers of a batch, translated once (an import triages thousands).
    proposed, rerouted_by_register = (
        _("Route %(route)s voorgesteld"),
        _("Route %(old)s → %(route)s volgens het register"),
    )
    reasons: dict[int | None, str] = {}  # client id -> why the register gives its route
    for dossier in dossiers:
        triage = dossier.triage
        if triage.route_by_hand:
            continue
        route = proposed_route(dossier.client)
        route_changed = route != dossier.route
        if route_changed:
            if dossier.route == Dossier.Route.B:
                leaving_b.append(dossier)
            old = dossier.route
            dossier.route = route
            dossier.updated_at = now
            changed.append(dossier)
            routes[route] += 1
            summary = (
                proposed % {"route": route}
                if not old
                else rerouted_by_register % {"old": old, "route": route}
            )
            if dossier.client_id not in reasons:
                reasons[dossier.client_id] = route_reason(dossier.client)
            entries.append(
                bulk.entry(
                    dossier,
                    "route",
                    summary,
                    actor=actor,
                    text=reasons[dossier.client_id],
                    data={"route": route, "by_hand": False},
                    at=now,
                )
            )
        if (
            (route_changed or dossier.assigned_to_id is None)
            and not triage.assigned_by_hand
            and dossier.status in REASSIGNABLE
        ):
            to_assign.append(dossier)
    for dossier in leaving_b:
        consultations_end(
            dossier, actor=actor, reason=_("De route volgens het register is gewijzigd.")
        )
    bulk.save_entries(entries)
    if changed:
        audit.record(
            "dossiers.triage",
            actor=actor,
            details={"routes": dict(routes), "dossiers": [d.pk for d in changed]},
        )
    counts = {"routed": len(changed)}
    assigned, reassigned = assign_by_model(
        to_assign,
        actor=actor,
        organisation=organisation,
        workloads=workloads,
        notices=notices,
        write=False,
    )
    counts.update(assigned)
    _write_routes_and_assignees(changed, reassigned)
    # The route decides the first contact (route A: the worker on the case calls); a new
    # dossier gets its first volgende stap here.
    rerouted = {d.pk for d in changed}
    if next_steps:
        steps.refresh([d for d in dossiers if d.pk in rerouted or not d.next_step], actor=actor)
    flow.changed_hands.send([*rerouted, *(d.pk for d in reassigned)], actor=actor)
    return counts


def _write_routes_and_assignees(rerouted: list[Dossier], reassigned: list[Dossier]) -> None:
    """Write the new routes and assignees of a triage: a dossier that got both (every new
    dossier of an import) is written once, with one UPDATE, not once for each. Each dossier's
    indexes on the status, worker and team are a large part of an import's writes."""
    both = {d.pk for d in reassigned}
    both.intersection_update(d.pk for d in rerouted)
    bulk.update_many([d for d in rerouted if d.pk in both], ["route", *ASSIGNEE_FIELDS])
    bulk.update_many([d for d in rerouted if d.pk not in both], ["route", "updated_at"])
    bulk.update_many([d for d in reassigned if d.pk not in both], ASSIGNEE_FIELDS)


def dossier_triage(dossier: Dossier, *, actor) -> Dossier:
    dossiers_triage([dossier], actor=actor)
    return dossier


@transaction.atomic
def dossier_change_route(
    dossier: Dossier, route: str, *, reason: str, actor, reassign: bool = True
) -> Dossier:
    """The preventiewerker sets the route by hand, with a reason. With `reassign`, the dossier
    goes to whoever the assignment model gives the new route."""
    reason = (reason or "").strip()
    if route not in dict(Dossier.Route.choices):
        raise ValidationError(_("Kies route A, B of C."))
    if not reason:
        raise ValidationError(_("Geef een reden om de route te wijzigen."))
    triage = triage_of(dossier)
    old = dossier.route
    if route == old and triage.route_by_hand:
        return dossier
    if old == Dossier.Route.B and route != old:
        consultations_end(dossier, actor=actor, reason=reason)
    dossier.route = route
    dossier.save(update_fields=["route", "updated_at"])
    triage.route_by_hand = True
    update = ["route_by_hand"]
    if reassign:
        triage.assigned_by_hand = False
        update.append("assigned_by_hand")
    triage.save(update_fields=update)
    summary = _("Route gewijzigd: %(old)s → %(new)s") % {"old": old or "—", "new": route}
    dossier_log(
        dossier, "route", summary, actor=actor, text=reason, data={"route": route, "by_hand": True}
    )
    audit.record(
        "dossier.route", actor=actor, obj=dossier, details={"route": route, "by_hand": True}
    )
    organisation = Organisation.get()
    reassigned = []
    if reassign and dossier.status in (*REASSIGNABLE, Dossier.Status.IN_PROGRESS):
        _counts, reassigned = assign_by_model([dossier], actor=actor, organisation=organisation)
    elif (
        route == Dossier.Route.B
        and organisation.assignment_model == Organisation.AssignmentModel.PREVENTIEWERKER
    ):
        former = dossier.client.social_worker if dossier.client else None
        consultation_start(
            dossier, former_worker=former, preventiewerker=dossier.assigned_to, actor=actor
        )
    steps.refresh([dossier], actor=actor)
    if route != old or reassigned:
        flow.changed_hands.send([dossier.pk], actor=actor)  # once, for the route and the worker
    return dossier


@transaction.atomic
def consultation_start(dossier: Dossier, *, former_worker, preventiewerker, actor) -> Consultation:
    """Open the route B overleg (once: an open one is returned as it is). The former worker is
    notified and, through the grant in triage/grants.py, can open the dossier."""
    existing = dossier.consultations.filter(decided_at=None).first()
    if existing is not None:
        return existing
    consultation = Consultation.objects.create(
        dossier=dossier, former_worker=former_worker, preventiewerker=preventiewerker
    )
    dossier_log(
        dossier,
        "overleg",
        consultation_summary(former_worker),
        actor=actor,
        data={"consultation": consultation.pk},
    )
    audit.record("consultation.start", actor=actor, obj=consultation)
    if former_worker is not None and former_worker != actor:
        notify_consultations(former_worker, [dossier])
    return consultation


@transaction.atomic
def consultation_record(consultation: Consultation, outcome: str, *, notes: str, actor):
    """Record the outcome of the overleg; the dossier goes to who makes contact (`dossier_assign`
    tells `flow.changed_hands`)."""
    if consultation.decided_at is not None:
        raise ValidationError(_("De uitkomst van dit overleg is al genoteerd."))
    if outcome not in dict(Consultation.Outcome.choices):
        raise ValidationError(_("Kies wie contact opneemt."))
    dossier = consultation.dossier
    if outcome == Consultation.Outcome.FORMER_WORKER and consultation.former_worker is None:
        raise ValidationError(
            _("Er is geen vroegere maatschappelijk werker gekend; kies de preventiewerker.")
        )
    consultation.outcome = outcome
    consultation.notes = (notes or "").strip()
    consultation.decided_at = timezone.now()
    consultation.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    consultation.save(update_fields=["outcome", "notes", "decided_at", "decided_by"])
    label = consultation.get_outcome_display()
    dossier_log(
        dossier,
        "overleg",
        _("Uitkomst overleg: %(outcome)s") % {"outcome": label},
        actor=actor,
        text=consultation.notes,
        data={"consultation": consultation.pk, "outcome": outcome},
    )
    audit.record("consultation.record", actor=actor, obj=consultation, details={"outcome": outcome})
    if outcome == Consultation.Outcome.FORMER_WORKER:
        target = consultation.former_worker
    else:
        target = consultation.preventiewerker or dossier.assigned_to or actor
    if target is not None and target != dossier.assigned_to:
        dossier_assign(
            dossier,
            target,
            reason=_("Uitkomst overleg: %(outcome)s") % {"outcome": label},
            actor=actor,
        )
    return consultation


@transaction.atomic
def retriage_clients(client_ids: Iterable[int], *, actor) -> dict:
    """Triage again the open dossiers of these clients whose work has not started (their
    guidance changed; triage tells `flow.changed_hands` of the dossiers it rerouted or
    reassigned). On
    route A the client's own social worker takes over some work (the LAC's preparation) whatever
    the dossier's status: their open route A dossiers are handed over too, as the social worker
    may be another one now."""

    client_ids = list(client_ids)
    dossiers = list(
        Dossier.objects.filter(client_id__in=client_ids, status__in=REASSIGNABLE)
        .select_related("client__social_worker", "triage", "assigned_to")
        .order_by("pk")
    )
    counts = dossiers_triage(dossiers, actor=actor) if dossiers else {}
    flow.changed_hands.send(
        Dossier.objects.filter(
            client_id__in=client_ids,
            route=Dossier.Route.A,
            status__in=Dossier.OPEN_STATUSES,
        ).values_list("pk", flat=True),
        actor=actor,
    )
    return counts
