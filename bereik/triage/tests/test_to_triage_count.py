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
    Consultation.objects.create(dossier=both, preventiewerker=preventiewerker)  # two: one dossier
    # No route, waiting for nothing, and an open overleg: in both parts, counted once.
    untriaged = DossierFactory(route="")
    Consultation.objects.create(dossier=untriaged, preventiewerker=preventiewerker)
    DossierFactory(route=Dossier.Route.A)  # routed: done

    dossiers = Dossier.objects.all()
    counted = to_triage_count(dossiers)
    assert (counted.count, counted.more) == (4, False)
    assert dossiers.filter(to_triage_q()).count() == 4
    # The list's walking form selects the same dossiers.
    assert set(dossiers.filter(to_triage_walk_q())) == set(dossiers.filter(to_triage_q()))
    # Bounded: each part counts no further than what is left of the cap.
    assert (to_triage_count(dossiers, cap=3).count, to_triage_count(dossiers, cap=3).more) == (
        3,
        True,
    )
    assert to_triage_count(dossiers, cap=4).more is False


def test_the_home_panel_says_more_than_its_cap(db, preventiewerker, login, monkeypatch):
    from bereik.lib import paging

    DossierFactory.create_batch(3, route="")
    monkeypatch.setattr(paging, "PANEL_CAP", 2)
    assert "meer dan 2 dossiers te triëren" in login(preventiewerker).get("/").content.decode()
