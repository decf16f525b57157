import datetime

import factory

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup.models import ExternalOrganisation, OutcomeCode, Proposal


def reached_dossier(worker=None, team=None, **fields) -> Dossier:
    """A dossier whose household was reached, assigned to `worker` (and their team)."""
    return DossierFactory(
        status=Dossier.Status.REACHED,
        assigned_to=worker,
        team=team,
        reached_on=datetime.date(2026, 11, 20),
        **fields,
    )


def outcome(code: str) -> OutcomeCode:
    return OutcomeCode.objects.get(code=code)


def organisation(name: str = "CAW") -> ExternalOrganisation:
    return ExternalOrganisation.objects.get(name=name)


class ProposalFactory(factory.django.DjangoModelFactory):
    """For read-side tests only; behaviour tests go through actions.proposal_create."""

    class Meta:
        model = Proposal

    dossier = factory.SubFactory(DossierFactory)
    conversation_date = datetime.date(2026, 11, 20)
    lac_options_discussed = True
    brochure_discussed = True
    arrangement = Proposal.Arrangement.PLAN
    amount_per_month = 50
    months = 12
    start_date = datetime.date(2026, 12, 1)
    client_agrees = Proposal.Agreement.AGREES
    feedback = "Plan afgesproken."
