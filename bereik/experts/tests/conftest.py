import pytest

from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.dossiers.tests.factories import DossierFactory
from bereik.experts import actions


@pytest.fixture
def household(mw):
    """Mia's dossier, with what the expert must never see."""
    return DossierFactory(
        assigned_to=mw,
        insz="85073003328",
        amount_due="1234.56",
        phone="0470 11 22 33",
        last_name="Janssens",
        first_name="Els",
    )


@pytest.fixture
def other_expert(db):
    return make_user("elif", [Role.Code.ERVARINGSDESKUNDIGE])


@pytest.fixture
def accepted(household, mw, ervaringsdeskundige):
    proposal = actions.proposal_create(
        household,
        expert=ervaringsdeskundige,
        help_asked="Vertrouwen opbouwen",
        note="Liefst bellen na 17 uur.",
        actor=mw,
    )
    return actions.proposal_accept(proposal, actor=ervaringsdeskundige)
