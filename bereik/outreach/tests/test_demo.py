import datetime

from bereik.accounts import demo as accounts_demo
from bereik.demo.loader import make_context
from bereik.dossiers.models import Dossier
from bereik.organisation import demo as organisation_demo
from bereik.outreach import demo, queries
from bereik.outreach.models import BrochureHandover, Letter, PlannedVisit


def test_the_demo_puts_dossiers_at_every_point_of_the_procedure(frozen_today, db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    assert not Dossier.objects.exists()  # nothing loaded before: the loader makes its own

    demo.load(ctx)

    points = ctx.data["outreach"]
    for dossier in points.values():
        dossier.refresh_from_db()
    assert set(points) == set(demo.SCENARIOS)
    assert points["no_attempt"].next_step == "Uitnodiging voor de LAC versturen"
    assert not points["no_attempt"].contact_attempts.exists()

    one = points["one_failed_visit"]
    assert one.letters.filter(letter_type="niet_thuis", sent_on__isnull=False).exists()
    assert one.next_step.startswith("Aangekondigd huisbezoek")

    two = points["two_failed_visits"]
    assert two.contact_attempts.filter(result="niet_thuis").count() == 2
    assert BrochureHandover.objects.filter(dossier=two).exists()
    assert two.next_step.startswith("Reactie afwachten")

    reached = points["reached_by_phone"]
    assert reached.status == Dossier.REACHED and reached.reached_on is not None

    overdue = points["deadline_no_visit"]
    assert overdue.next_step_date < frozen_today
    assert overdue in queries.next_step_overdue(Dossier.objects.all())

    # Something for "Termijn nadert, nog niet bereikt" and the worklists' Aandacht filter.
    near = points["deadline_near"]
    assert near.reached_on is None and near.next_step
    assert near in queries.deadline_near_unreached(Dossier.objects.all())
    assert near.deadline - frozen_today <= datetime.timedelta(days=7)

    pieter = ctx.users["pieter"]
    today = PlannedVisit.objects.filter(worker=pieter, date=frozen_today, status="gepland")
    assert today.count() == 2
    assert PlannedVisit.objects.filter(worker=pieter, date__gt=frozen_today).exists()
    assert Letter.objects.count() >= 8
