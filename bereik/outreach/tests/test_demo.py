import datetime

from django.utils import timezone

from bereik.accounts import demo as accounts_demo
from bereik.demo.loader import make_context
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation import demo as organisation_demo
from bereik.outreach import actions, demo
from bereik.outreach.models import BrochureHandover, Letter, LetterBatch, PlannedVisit


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
    assert reached.status == Dossier.Status.REACHED and reached.reached_on is not None

    overdue = points["deadline_no_visit"]
    assert overdue.next_step_date < frozen_today
    assert overdue in Dossier.objects.next_step_overdue()

    # Something for "Termijn nadert, nog niet bereikt" and the worklists' Aandacht filter.
    near = points["deadline_near"]
    assert near.reached_on is None and near.next_step
    assert near in Dossier.objects.deadline_near_unreached()
    assert near.deadline - frozen_today <= datetime.timedelta(days=7)

    pieter = ctx.users["pieter"]
    today = PlannedVisit.objects.filter(worker=pieter, date=frozen_today, status="gepland")
    assert today.count() == 2
    assert PlannedVisit.objects.filter(worker=pieter, date__gt=frozen_today).exists()
    assert Letter.objects.count() >= 8


def _lac_list(ctx, frozen_today):
    """A water LAC list that came in on Monday 16/11: twelve households of Pieter, six of Nele's
    and one nobody follows yet, each with the next step the import gives it."""
    pieter, nele = ctx.users["pieter"], ctx.users["nele"]
    opened = timezone.make_aware(datetime.datetime(2026, 11, 16, 9, 15))
    workers = [pieter] * 12 + [nele] * 6 + [None]
    dossiers = [
        DossierFactory(
            kind=Dossier.Kind.WATER,
            route=Dossier.Route.C,
            status=Dossier.Status.ASSIGNED if worker else Dossier.Status.NEW,
            deadline=datetime.date(2026, 12, 15),
            deadline_kind=Dossier.DeadlineKind.SESSION,
            assigned_to=worker,
            opened_at=opened,
        )
        for worker in workers
    ]
    for dossier in dossiers:
        actions.outreach_refresh(dossier, actor=None)
    return dossiers


def test_the_two_failed_visits_follow_the_invitation_when_the_list_is_recent(frozen_today, db):
    """Loaded on a day the demo's LAC water list came in 15 days ago (the sample lists move by
    whole weeks): the invitation is clamped to that day, and both visits still come after it,
    the last letter on the last visit's day."""
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    opened = timezone.make_aware(datetime.datetime(2026, 11, 12, 9, 15))  # 15 days ago
    for _n in range(len(demo.PICKED)):
        DossierFactory(
            kind=Dossier.Kind.WATER,
            route=Dossier.Route.C,
            status=Dossier.Status.ASSIGNED,
            deadline=datetime.date(2026, 12, 15),
            deadline_kind=Dossier.DeadlineKind.SESSION,
            assigned_to=ctx.users["pieter"],
            opened_at=opened,
        )

    demo.load(ctx)

    two = ctx.data["outreach"]["two_failed_visits"]
    invitation = two.letters.get(letter_type__startswith="uitnodiging")
    visits = sorted(two.contact_attempts.exclude(kind="brief").values_list("date", flat=True))
    assert invitation.sent_on == opened.date()
    assert len(visits) == 2 and invitation.sent_on < visits[0] < visits[1] < frozen_today
    last = two.letters.get(letter_type="laatste_brief")
    assert last.sent_on == visits[1]
    assert two.next_step.startswith("Reactie afwachten")


def test_the_demo_invites_the_lac_lists_promptly_and_leaves_a_few_overdue(frozen_today, db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    lac_list = _lac_list(ctx, frozen_today)

    demo.load(ctx)

    story = {dossier.pk for dossier in ctx.data["outreach"].values()}
    others = Dossier.objects.filter(pk__in=[d.pk for d in lac_list]).exclude(pk__in=story)
    invited = others.filter(letters__isnull=False).distinct()
    assert invited.count() == 12 - len(demo.PICKED) + 6 - demo.STILL_TO_INVITE
    # One batch from the secretariat, sent the day the list came in.
    batch = LetterBatch.objects.get()
    assert batch.created_by == ctx.users["olga"]
    assert batch.letters.count() == invited.count()
    assert set(batch.letters.values_list("sent_on", flat=True)) == {datetime.date(2026, 11, 16)}
    assert set(batch.letters.values_list("letter_type", flat=True)) == {"uitnodiging_lac_water"}
    # Their workers planned the first visits on the coming working days, before the session.
    for dossier in invited:
        visit = PlannedVisit.objects.get(dossier=dossier, status=PlannedVisit.Status.PLANNED)
        assert visit.worker == dossier.assigned_to
        assert frozen_today < visit.date < dossier.deadline and visit.date.weekday() < 5
    pieter = ctx.users["pieter"]
    assert PlannedVisit.objects.filter(worker=pieter, date=frozen_today).count() == 2  # the story's

    # Overdue: a few invitations (the story's, one of Nele's, the one nobody follows yet), no list.
    overdue = Dossier.objects.next_step_overdue()
    invitations = overdue.filter(next_step="Uitnodiging voor de LAC versturen")
    assert 2 <= invitations.count() <= 4
    assert set(invitations.values_list("assigned_to__username", flat=True)) == {
        "pieter",
        "nele",
        None,
    }
    assert not overdue.filter(pk__in=invited.values("pk")).exists()
    assert overdue.count() <= 5


def test_without_lac_lists_the_demo_invites_nobody_else(frozen_today, db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)

    demo.load(ctx)

    assert not LetterBatch.objects.exists()
    assert ctx.data["outreach_lac_lists"] == {"invited": [], "to_invite": []}
