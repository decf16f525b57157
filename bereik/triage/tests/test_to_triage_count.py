from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.triage.models import Consultation, Triage
from bereik.triage.queries import to_triage_count, to_triage_q


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
    DossierFactory(route=Dossier.Route.A)  # routed: done

    dossiers = Dossier.objects.all()
    assert to_triage_count(dossiers) == dossiers.filter(to_triage_q()).count() == 3
