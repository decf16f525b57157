"""Who follows a dossier up: the organisation's assignment model (`rules.propose`), and
(re)assignment by hand.

The functions with a `<entity>_<verb>` name are actions: atomic, audited, and logged in the
dossier's timeline; the assigned worker is notified in the app.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification, User
from bereik.dossiers import bulk, flow
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.organisation.models import Organisation
from bereik.triage.models import Consultation, Triage
from bereik.triage.rules import Workloads, propose

# What an assignment changes on a dossier (`_set_assignee`), written by `assign_by_model`.
ASSIGNEE_FIELDS = ["assigned_to", "team", "status", "updated_at"]


def _set_assignee(dossier: Dossier, user, *, workloads: Workloads) -> tuple[list[str], str]:
    """Change the fields; returns (changed fields, status summary or "")."""
    old = dossier.assigned_to
    workloads.moved(old, user)
    dossier.assigned_to = user
    fields = ["assigned_to", "updated_at"]
    if user is not None:
        team = workloads.team_of(user)
        if team is not None and team.pk != dossier.team_id:
            dossier.team = team
            fields.append("team")
    status_change = ""
    target = Dossier.Status.ASSIGNED if user is not None else Dossier.Status.NEW
    if dossier.status in (Dossier.Status.NEW, Dossier.Status.ASSIGNED) and dossier.status != target:
        status_change = _status_change(dossier.status, target, get_language())
        dossier.status = target
        fields.append("status")
    return fields, status_change


@functools.cache
def _status_change(old: str, new: str, language: str) -> str:
    """The timeline's "Status: Nieuw → Toegewezen", translated once per pair (an import assigns
    thousands of dossiers)."""
    labels = dict(Dossier.Status.choices)
    return _("Status: %(old)s → %(new)s") % {"old": labels[old], "new": labels[new]}


def _record(dossier, old, user, *, reason, actor, by_hand, status_change, notify_user=True):
    if user is not None:
        summary = _assigned_summary(old, user)
    else:
        summary = _("Toewijzing aan %(old)s ingetrokken") % {"old": old.get_full_name() or old}
    dossier_log(
        dossier,
        "assignment",
        summary,
        actor=actor,
        text=reason,
        data={
            "from": old.pk if old else None,
            "to": user.pk if user else None,
            "by_hand": by_hand,
        },
    )
    if status_change:
        dossier_log(dossier, "status", status_change, actor=actor)
    audit.record(
        "dossier.assign",
        actor=actor,
        obj=dossier,
        details={"to": user.pk if user else None, "by_hand": by_hand},
    )
    if notify_user and user is not None and user != actor:
        notify(
            user,
            _("Dossier %(number)s (%(name)s) is aan jou toegewezen.")
            % {"number": dossier.number, "name": dossier.household_name},
            kind=Notification.Kind.ASSIGNED,
            dossier=dossier,
        )


def _mark_by_hand(dossiers: list[Dossier], by_hand: bool) -> None:
    ids = [d.pk for d in dossiers]
    existing = set(Triage.objects.filter(dossier_id__in=ids).values_list("dossier_id", flat=True))
    Triage.objects.filter(dossier_id__in=ids).update(assigned_by_hand=by_hand)
    Triage.objects.bulk_create(
        [Triage(dossier_id=pk, assigned_by_hand=by_hand) for pk in ids if pk not in existing]
    )


@transaction.atomic
def dossier_assign(
    dossier: Dossier,
    user: User | None,
    *,
    reason: str,
    actor,
    by_hand: bool = True,
    workloads: Workloads | None = None,
) -> Dossier:
    """(Re)assign one dossier. By hand a reason is required; it goes into the timeline."""
    reason = (reason or "").strip()
    if by_hand and not reason:
        raise ValidationError(_("Geef een reden voor de toewijzing."))
    if user is not None and not user.is_active:
        raise ValidationError(_("Deze gebruiker is niet actief."))
    if user == dossier.assigned_to:
        return dossier
    workloads = workloads or Workloads()
    old = dossier.assigned_to
    fields, status_change = _set_assignee(dossier, user, workloads=workloads)
    dossier.save(update_fields=fields)
    if by_hand:
        _mark_by_hand([dossier], True)
    _record(
        dossier, old, user, reason=reason, actor=actor, by_hand=by_hand, status_change=status_change
    )
    _first_next_steps([dossier], actor=actor)
    flow.changed_hands.send([dossier.pk], actor=actor)
    return dossier


@transaction.atomic
def dossiers_assign(dossiers: Iterable[Dossier], user: User, *, reason: str, actor) -> int:
    """Bulk reassignment by hand from a list: the same reason on each dossier's timeline, one
    notification for the worker. Returns the number of dossiers that changed hands."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden voor de toewijzing."))
    if user is None or not user.is_active:
        raise ValidationError(_("Kies een actieve medewerker."))
    workloads = Workloads()
    changed = []
    for dossier in dossiers:
        if dossier.assigned_to_id == user.pk:
            continue
        old = dossier.assigned_to
        fields, status_change = _set_assignee(dossier, user, workloads=workloads)
        dossier.save(update_fields=fields)
        _record(
            dossier,
            old,
            user,
            reason=reason,
            actor=actor,
            by_hand=True,
            status_change=status_change,
            notify_user=False,
        )
        changed.append(dossier)
    _mark_by_hand(changed, True)
    _first_next_steps(changed, actor=actor)
    if changed and user != actor:
        _notify_assigned(user, len(changed), changed[0])
    flow.changed_hands.send([d.pk for d in changed], actor=actor)
    return len(changed)


@transaction.atomic
def dossiers_assign_by_model(
    dossiers: Iterable[Dossier],
    *,
    actor,
    organisation: Organisation | None = None,
    workloads: Workloads | None = None,
) -> dict[str, int]:
    """Assign dossiers as the organisation's model says (after triage), with a few bulk writes
    and one audit event. Under the preventiewerker model a route B dossier also gets its overleg.
    A worker who gets several dossiers in one go gets one notification."""
    counts, changed = assign_by_model(
        dossiers, actor=actor, organisation=organisation, workloads=workloads
    )
    flow.changed_hands.send([d.pk for d in changed], actor=actor)
    return counts


def assign_by_model(
    dossiers: Iterable[Dossier],
    *,
    actor,
    organisation: Organisation | None = None,
    workloads: Workloads | None = None,
    notices: Notices | None = None,
    write: bool = True,
) -> tuple[dict[str, int], list[Dossier]]:
    """The work of `dossiers_assign_by_model`, for actions that wrap it in their own transaction
    (triage): returns the counts and the dossiers that changed hands, and leaves telling
    `flow.changed_hands` to the caller, so a batch that also changes routes tells it once.
    `write=False`: the dossiers that changed hands are changed but not written; the caller
    writes their `ASSIGNEE_FIELDS` (triage writes them with the route, one UPDATE a dossier)."""
    dossiers = list(dossiers)
    organisation = organisation or Organisation.get()
    workloads = workloads or Workloads()
    now = timezone.now()
    consulting = (
        organisation.assignment_model == Organisation.AssignmentModel.PREVENTIEWERKER
        and any(d.route == Dossier.Route.B for d in dossiers)
    )
    open_consultations = set()
    if consulting:
        ids = [d.pk for d in dossiers if d.route == Dossier.Route.B]
        for start in range(0, len(ids), bulk.BATCH):
            open_consultations.update(
                Consultation.objects.filter(
                    dossier_id__in=ids[start : start + bulk.BATCH], decided_at__isnull=True
                ).values_list("dossier_id", flat=True)
            )
    entries, changed, consultations = [], [], []
    received: dict[int, list[Dossier]] = defaultdict(list)
    asked: dict[int, list[Dossier]] = defaultdict(list)
    users: dict[int, User] = {}
    unassigned = []
    counts = {"assigned": 0, "unassigned": 0, "unchanged": 0}
    # Texts said for many dossiers of a batch, translated once (an import assigns thousands).
    not_assigned = _("Niet automatisch toegewezen")
    summaries: dict[tuple, str] = {}
    for dossier in dossiers:
        proposal = propose(dossier, organisation=organisation, workloads=workloads)
        if consulting and dossier.route == Dossier.Route.B and dossier.pk not in open_consultations:
            consultations.append(
                Consultation(
                    dossier=dossier,
                    former_worker=proposal.consult_with,
                    preventiewerker=proposal.user,
                    requested_at=now,
                )
            )
            entries.append(
                bulk.entry(
                    dossier,
                    "overleg",
                    consultation_summary(proposal.consult_with),
                    actor=actor,
                    at=now,
                )
            )
            if proposal.consult_with is not None:
                asked[proposal.consult_with.pk].append(dossier)
                users[proposal.consult_with.pk] = proposal.consult_with
        if proposal.user is None:
            counts["unassigned"] += 1
            unassigned.append(dossier.pk)
            entries.append(
                bulk.entry(
                    dossier,
                    "assignment",
                    not_assigned,
                    actor=actor,
                    text=proposal.reason,
                    at=now,
                )
            )
            continue
        if proposal.user.pk == dossier.assigned_to_id:
            counts["unchanged"] += 1
            continue
        old = dossier.assigned_to
        _fields, status_change = _set_assignee(dossier, proposal.user, workloads=workloads)
        dossier.updated_at = now
        changed.append(dossier)
        key = (old.pk if old is not None else None, proposal.user.pk)
        if key not in summaries:
            summaries[key] = _assigned_summary(old, proposal.user)
        entries.append(
            bulk.entry(
                dossier,
                "assignment",
                summaries[key],
                actor=actor,
                text=proposal.reason,
                data={"from": old.pk if old else None, "to": proposal.user.pk, "by_hand": False},
                at=now,
            )
        )
        if status_change:
            entries.append(bulk.entry(dossier, "status", status_change, actor=actor, at=now))
        received[proposal.user.pk].append(dossier)
        users[proposal.user.pk] = proposal.user
        counts["assigned"] += 1

    if write:
        bulk.update_many(changed, ASSIGNEE_FIELDS)
    Consultation.objects.bulk_create(consultations, batch_size=bulk.BATCH)
    bulk.save_entries(entries)
    step = notices if notices is not None else Notices()
    for pk, items in received.items():
        if users[pk] != actor:
            step.assigned(users[pk], items)
    for pk, items in asked.items():
        if users[pk] != actor:
            step.asked(users[pk], items)
    if notices is None:
        step.send()
    if changed or unassigned or consultations:
        audit.record(
            "dossiers.assign",
            actor=actor,
            details={
                "model": organisation.assignment_model,
                "assigned": {str(pk): [d.pk for d in items] for pk, items in received.items()},
                "unassigned": unassigned,
                "consultations": [c.dossier_id for c in consultations],
            },
        )
    return counts, changed


def _first_next_steps(dossiers: list[Dossier], *, actor) -> None:
    """A dossier assigned before any outreach has no volgende stap yet: give it one, so the new
    worker sees what to do. (Who follows a dossier does not change the step itself.)"""
    steps.refresh([d for d in dossiers if not d.next_step], actor=actor)


def _assigned_summary(old, user) -> str:
    summary = _("Toegewezen aan %(user)s") % {"user": user.get_full_name() or user}
    if old is not None:
        summary += " " + _("(was %(old)s)") % {"old": old.get_full_name() or old}
    return summary


def consultation_summary(former_worker) -> str:
    if former_worker is not None:
        return _("Overleg gevraagd met %(worker)s (vroegere maatschappelijk werker)") % {
            "worker": former_worker.get_full_name() or former_worker
        }
    return _("Overleg nodig; de vroegere maatschappelijk werker is niet bekend in Bereik")


class Notices:
    """The notifications of an assignment: one per worker for the dossiers they received, one
    per former worker asked for an overleg. A run that assigns in steps (matching a long import)
    collects them over its steps and sends them at its end, so a worker still gets one."""

    def __init__(self):
        self._received: dict[int, list] = {}  # user id -> [user, count, first dossier]
        self._asked: dict[int, list] = {}

    @staticmethod
    def _add(into: dict, user, items: list[Dossier]) -> None:
        entry = into.setdefault(user.pk, [user, 0, items[0]])
        entry[1] += len(items)

    def assigned(self, user, items: list[Dossier]) -> None:
        self._add(self._received, user, items)

    def asked(self, user, items: list[Dossier]) -> None:
        self._add(self._asked, user, items)

    def send(self) -> None:
        for user, count, first in self._received.values():
            _notify_assigned(user, count, first)
        for user, count, first in self._asked.values():
            _notify_asked(user, count, first)
        self._received, self._asked = {}, {}


def _notify_assigned(user, count: int, first: Dossier) -> None:
    if count == 1:
        text = _("Dossier %(number)s (%(name)s) is aan jou toegewezen.") % {
            "number": first.number,
            "name": first.household_name,
        }
        url = first.get_absolute_url()
    else:
        text = _("%(count)s dossiers zijn aan jou toegewezen.") % {"count": count}
        url = reverse("dossiers:worklist", args=["mijn"])
    one = first if count == 1 else None
    notify(user, text, kind=Notification.Kind.ASSIGNED, url=url, dossier=one, count=count)


def notify_consultations(user, items: list[Dossier]) -> None:
    _notify_asked(user, len(items), items[0])


def _notify_asked(user, count: int, first: Dossier) -> None:
    if count == 1:
        text = _("Overleg gevraagd over dossier %(number)s (%(name)s), een vroegere cliënt.") % {
            "number": first.number,
            "name": first.household_name,
        }
        url = first.get_absolute_url() + "#sectie-overleg"
    else:
        text = _("Overleg gevraagd over %(count)s dossiers van vroegere cliënten.") % {
            "count": count
        }
        url = reverse("home")
    one = first if count == 1 else None
    notify(user, text, kind=Notification.Kind.CONSULTATION, url=url, dossier=one, count=count)
