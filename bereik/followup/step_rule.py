"""The follow-up as the rule of the volgende stap (`bereik.dossiers.next_step`): a reached
household whose help has started (a conversation, a sociaal verslag, a right, a support request or
a referral is recorded) gets the most pressing open thing of its help (`rules.next_step`). Before
that, the contact rules give the first help step."""

import datetime

from django.db.models import Q
from django.utils import timezone

from bereik.dossiers import next_step as steps
from bereik.dossiers.models import Dossier
from bereik.followup.models import (
    ExternalReferral,
    InternalReferral,
    Proposal,
    RightCheck,
    SocialReport,
    SupportRequest,
)
from bereik.followup.rules import FollowupFacts, next_step
from bereik.organisation.models import Organisation

# What shows that the help has started on a dossier.
HELP_RECORDS = (
    Proposal,
    SocialReport,
    RightCheck,
    SupportRequest,
    InternalReferral,
    ExternalReferral,
)


def applies(dossiers) -> set[int]:
    reached = [d.pk for d in dossiers if d.reached_on is not None]
    if not reached:
        return set()
    started = set()
    for model in HELP_RECORDS:
        started.update(
            model.objects.filter(dossier_id__in=reached).values_list("dossier_id", flat=True)
        )
    return started


def facts_of(dossier: Dossier, *, today: datetime.date, confirm_within: int) -> FollowupFacts:
    proposal = dossier.proposals.order_by("-id").first()
    days = datetime.timedelta(days=confirm_within)
    handovers = dossier.external_referrals.filter(
        status=ExternalReferral.Status.OPEN
    ).select_related("organisation")
    waiting = dossier.internal_referrals.filter(status=InternalReferral.Status.OPEN).select_related(
        "to_team"
    )
    return FollowupFacts(
        today=today,
        has_proposal=proposal is not None,
        client_decision_pending=proposal is not None
        and proposal.arrangement != Proposal.Arrangement.NONE
        and proposal.client_agrees == Proposal.Agreement.PENDING,
        intensive_help_unreferred=proposal is not None
        and proposal.intensive_help_needed
        and not dossier.internal_referrals.filter(
            Q(status__in=InternalReferral.ACTIVE_STATUSES),
            help_kind__in=InternalReferral.INTENSIVE_KINDS,
        ).exists(),
        open_handovers=tuple(
            (handover.organisation.name, handover.reminder_from + days) for handover in handovers
        ),
        waiting_teams=tuple(sorted({referral.to_team.name for referral in waiting})),
        rights_to_check=dossier.right_checks.filter(status=RightCheck.Status.TO_CHECK).count(),
        pending_support=dossier.support_requests.filter(
            decision=SupportRequest.Decision.PENDING
        ).count(),
        has_report=dossier.social_reports.exists(),
    )


def steps_for(dossiers, *, actor=None) -> dict[int, steps.NextStep | None]:
    """A handful of queries per dossier: only reached households whose help has started come
    here, a few at a time."""
    today = timezone.localdate()
    confirm_within = Organisation.get().handover_confirmation_days
    result = {}
    for dossier in dossiers:
        label, due = next_step(facts_of(dossier, today=today, confirm_within=confirm_within))
        result[dossier.pk] = steps.NextStep(label, due, today=today)
    return result


def page_step(dossier, can_change: bool) -> steps.NextStep | None:
    """The help's steps are taken on the follow-up sections of the page: no buttons here."""
    return steps_for([dossier])[dossier.pk]


RULE = steps.Rule(order=10, key="help", applies=applies, steps=steps_for, page=page_step)
