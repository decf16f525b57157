import pytest

from bereik.accounts import demo as accounts_demo
from bereik.demo.loader import make_context
from bereik.dossiers.models import Dossier, Task
from bereik.followup import demo
from bereik.followup.models import ExternalReferral, InternalReferral, Proposal, RightCheck
from bereik.organisation import demo as organisation_demo


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_demo_stands_on_its_own_and_shows_every_state(db, media):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)

    demo.load(ctx)

    assert Proposal.objects.exists()
    assert RightCheck.objects.filter(status=RightCheck.Status.TO_CHECK).exists()
    statuses = set(InternalReferral.objects.values_list("status", flat=True))
    assert statuses == {"open", "aanvaard", "teruggestuurd"}
    assert ExternalReferral.objects.filter(status=ExternalReferral.Status.OPEN).exists()
    assert Task.objects.filter(source="warme_overdracht").exists()
    assert Dossier.objects.filter(shared_with__code="energiecel").exists()
    closed = set(
        Dossier.objects.filter(status=Dossier.Status.CLOSED).values_list("outcome", flat=True)
    )
    assert len(closed) >= 4
