from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.triage.models import Consultation, Triage
from bereik.triage.queries import to_triage_count, to_triage_q, to_triage_walk_q


def test_the_home_count_of_te_trieren_equals_the_worklist(db, preventiewerker):
    DossierFactory(route="")  # no route: to triage
    waiting = DossierFactory(route="")  # waiting for a link to be confirmed: not yet
    Triage.objects.create(dossier=waiting, match_status=Triage.MatchStatus.TO_CONFIRM)
    consulting = DossierFactory(route=Dossier.Route.B)  # open overleg: to triage
    Consultation.objects.create(dossier=consulting, preventiewerker=preventiewerker)
    decided = DossierFactory(route=Dossier.Route.B)  # decided overleg: done
    Consultation.objects.create(
        dossier=decided, preventiewerker=preventiewerker, decided_at=timezone.now()
    )
    both = DossierFactory(route="")  # waiting, but with an open overleg: to triage
    Triage.objects.create(dossier=both, match_status=Triage.MatchStatus.TO_CONFIRM)
    Consultation.objects.create(dossier=both, preventiewerker=preventiewerker)
    Consultation.objects.create(dossier=both, preventiewerker=preventiewerker)  # counted once
    DossierFactory(route=Dossier.Route.A)  # routed: done

    dossiers = Dossier.objects.all()
    counted = to_triage_count(dossiers)
    assert (counted.count, counted.more) == (3, False)
    assert dossiers.filter(to_triage_q()).count() == 3
    # The list's walking form selects the same dossiers.
    assert set(dossiers.filter(to_triage_walk_q())) == set(dossiers.filter(to_triage_q()))
    # Bounded: each part counts no further than what is left of the cap.
    assert (to_triage_count(dossiers, cap=2).count, to_triage_count(dossiers, cap=2).more) == (
        2,
        True,
    )
    assert to_triage_count(dossiers, cap=3).more is False


def test_the_home_panel_says_more_than_its_cap(db, preventiewerker, login, monkeypatch):
    from bereik.lib import paging

    DossierFactory.create_batch(3, route="")
    monkeypatch.setattr(paging, "PANEL_CAP", 2)
    assert "meer dan 2 dossiers te triëren" in login(preventiewerker).get("/").content.decode()
