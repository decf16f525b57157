from bereik.accounts import demo as accounts_demo
from bereik.clients import demo as clients_demo
from bereik.clients.models import Client
from bereik.demo.loader import make_context
from bereik.dossiers.models import Dossier
from bereik.intake import demo as intake_demo
from bereik.organisation import demo as organisation_demo
from bereik.triage import demo
from bereik.triage.models import Consultation, Triage


def test_the_demo_has_a_register_and_dossiers_in_every_route(db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    intake_demo.load(ctx)

    clients_demo.load(ctx)
    demo.load(ctx)

    assert Client.objects.count() == 360
    assert Client.objects.filter(social_worker=ctx.users["nele"]).exists()
    routes = set(Dossier.objects.exclude(route="").values_list("route", flat=True))
    assert routes == {"A", "B", "C"}
    assert Triage.objects.filter(match_status=Triage.MatchStatus.TO_CONFIRM).exists()
    pieter = ctx.users["pieter"]
    assert Dossier.objects.filter(route="C", assigned_to=pieter).exists()
    assert not Dossier.objects.filter(route="C").exclude(assigned_to=pieter).exists()
    assert Consultation.objects.filter(decided_at=None).exists()
    assert Consultation.objects.exclude(outcome="").exists()
