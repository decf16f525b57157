"""What an expert by experience may see, and the reads of the dossier page's section.

The expert's access check is their own, not a dossier grant: a household is theirs while they
accepted its proposal and its dossier is open. What they see of it is a `Household` card built
here with the allowed fields only (name, address, phone, the short note, the next appointment,
the LAC sessions they go along to, their own contacts), so a template cannot reach further."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bereik.accounts import roles
from bereik.checklists import queries as checklist_queries
from bereik.checklists.models import Answer, Checklist, FilledChecklist
from bereik.dossiers import presence
from bereik.dossiers.models import Dossier
from bereik.experts.models import Contact, LacCompanion, OutreachSignal, Proposal


def my_households(user) -> QuerySet:
    """The accepted proposals of an expert whose dossier is still open."""
    if not roles.is_expert(user):
        return Proposal.objects.none()
    return Proposal.objects.filter(
        expert=user,
        status=Proposal.Status.ACCEPTED,
        dossier__status__in=Dossier.OPEN_STATUSES,
    )


def waiting_proposals(user) -> QuerySet:
    """Proposals waiting for the expert's answer (open dossiers only)."""
    if not roles.is_expert(user):
        return Proposal.objects.none()
    return Proposal.objects.filter(
        expert=user,
        status=Proposal.Status.PROPOSED,
        dossier__status__in=Dossier.OPEN_STATUSES,
    )


def get_household_for(user, pk) -> Proposal:
    """The accepted proposal `pk` of this expert, or 404 (nothing hints that it exists)."""
    proposal = my_households(user).select_related("dossier__client").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def get_waiting_for(user, pk) -> Proposal:
    proposal = (
        waiting_proposals(user).select_related("dossier", "proposed_by").filter(pk=pk).first()
    )
    if proposal is None:
        raise Http404
    return proposal


@dataclass
class LacVisit:
    date: datetime.date
    time: datetime.time | None
    place: str


@dataclass
class Household:
    """The least data: what the expert sees of a household they follow."""

    pk: int  # the proposal's
    name: str
    address: str
    phone: str
    help_asked: str
    note: str
    next_appointment_at: datetime.datetime | None
    next_appointment_place: str
    lac: list[LacVisit] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


def _lac_visits(user, dossier_ids) -> dict[int, list[LacVisit]]:
    """The coming LAC sessions the expert goes along to, per dossier: date, time and place."""
    today = timezone.localdate()
    visits: dict[int, list[LacVisit]] = {}
    rows = (
        LacCompanion.objects.filter(
            expert=user, item__dossier_id__in=dossier_ids, item__session__date__gte=today
        )
        .order_by("item__session__date", "item__session__time")
        .values_list(
            "item__dossier_id", "item__session__date", "item__session__time", "item__session__place"
        )
    )
    for dossier_id, date, time, place in rows:
        visits.setdefault(dossier_id, []).append(LacVisit(date, time, place))
    return visits


def households(user, proposals: list[Proposal], *, with_contacts: bool = False) -> list[Household]:
    """The cards of `proposals` (the expert's own, with `dossier__client` selected), in a fixed
    number of queries."""
    visits = _lac_visits(user, [p.dossier_id for p in proposals])
    contacts: dict[int, list[Contact]] = {}
    if with_contacts:
        for contact in Contact.objects.filter(proposal__in=proposals):
            contacts.setdefault(contact.proposal_id, []).append(contact)
    cards = []
    for proposal in proposals:
        dossier = proposal.dossier
        cards.append(
            Household(
                pk=proposal.pk,
                name=dossier.household_name,
                address=dossier.address,
                phone=dossier.contact_phone,
                help_asked=proposal.help_asked,
                note=proposal.note,
                next_appointment_at=proposal.next_appointment_at
                if proposal.next_appointment_at and proposal.next_appointment_at >= timezone.now()
                else None,
                next_appointment_place=proposal.next_appointment_place,
                lac=visits.get(dossier.pk, []),
                contacts=contacts.get(proposal.pk, []),
            )
        )
    return cards


@dataclass
class Received:
    """What the expert sees of a household they brought in: received, and who follows it."""

    pk: int
    name: str
    received_at: datetime.datetime
    kind: str
    followed_by: str


def my_signals(user, limit: int = 20) -> list[Received]:
    if not roles.is_expert(user):
        return []
    rows = (
        OutreachSignal.objects.filter(expert=user)
        .select_related("signal__dossier__assigned_to", "signal__dossier__team")
        .order_by("-created_at")[:limit]
    )
    result = []
    for row in rows:
        signal = row.signal
        dossier = signal.dossier
        worker = dossier.assigned_to if dossier else None
        if worker is not None:
            followed_by = worker.get_full_name() or worker.username
        elif dossier is not None and dossier.team_id:
            followed_by = dossier.team.name
        else:
            followed_by = ""
        result.append(
            Received(
                pk=row.pk,
                name=f"{signal.last_name} {signal.first_name}".strip(),
                received_at=row.created_at,
                kind=signal.get_kind_display(),
                followed_by=followed_by,
            )
        )
    return result


def proposals_of(dossier) -> list[Proposal]:
    """The dossier's proposals to experts, with their contacts, for the dossier page."""
    return presence.rows(
        dossier,
        "expert_proposals",
        dossier.expert_proposals.select_related("expert", "proposed_by").prefetch_related(
            "contacts"
        ),
    )


def coming_items(dossier) -> list:
    """The dossier's items on coming LAC sessions not yet closed, with their companions."""
    today = timezone.localdate()
    return presence.rows(
        dossier,
        "lac_items",
        dossier.lac_items.filter(session__date__gte=today, session__closed_at__isnull=True)
        .select_related("session")
        .prefetch_related("expert_companions__expert")
        .order_by("session__date"),
    )


def items_to_offer(items: list) -> list:
    """Of `coming_items`, those no expert goes along to yet: a household takes one
    vertrouwenspersoon to a session, so a session with one is not offered again."""
    return [item for item in items if not item.expert_companions.all()]


# --- The guiding questions on the expert's pages ------------------------------------------------


def active_checklists() -> list[Checklist]:
    """The lists to choose from: active, with at least one active question."""
    rows = (
        Checklist.objects.filter(active=True)
        .annotate(question_count=Count("questions", filter=Q(questions__active=True)))
        .order_by("order", "name")  # Meta.ordering does not reach a query with GROUP BY
    )
    return [row for row in rows if row.question_count]


def my_filled(user, proposal: Proposal) -> QuerySet:
    """The lists this expert went through with the household (not those of its workers)."""
    return checklist_queries.filled_for(proposal.dossier).filter(filled_by=user)


def get_filled_for(user, pk) -> tuple[FilledChecklist, Proposal]:
    """A list the expert went through with a household they still follow, and that household's
    proposal; 404 otherwise (another household's, a worker's, an ended proposal)."""
    filled = checklist_queries.filled_checklist(pk)
    proposal = (
        my_households(user)
        .select_related("dossier__client")
        .filter(dossier_id=filled.dossier_id)
        .first()
    )
    if proposal is None or filled.filled_by_id != user.pk:
        raise Http404
    return filled, proposal


def get_answer_for(user, pk) -> Answer:
    """An answer of a list the expert went through with a household they follow, or 404."""
    answer = (
        Answer.objects.select_related("filled__dossier", "team", "organisation")
        .filter(
            pk=pk,
            filled__filled_by=user,
            filled__dossier__in=my_households(user).values("dossier_id"),
        )
        .first()
    )
    if answer is None:
        raise Http404
    return answer
