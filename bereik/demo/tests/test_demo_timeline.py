"""The demo's timelines tell its story: what happened on a past day carries that day, in the order
it happened, and nothing lies in the future."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from bereik.accounts.models import Notification
from bereik.audit.models import AuditEvent
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.energy.models import MinimumSupply, SupplySituation
from bereik.eviction import queries as eviction_queries
from bereik.intake import demo as intake_demo
from bereik.intake.models import REGISTER, ImportBatch
from bereik.lac.models import AgendaItem
from bereik.lib import clock
from bereik.outreach.models import ContactAttempt, Letter
from bereik.reports import demo as reports_demo
from bereik.reports import periods
from bereik.reports.figures import compute
from bereik.reports.scope import scope_for

# The shared demo (see conftest.py): one xdist worker runs every test that reads it.
pytestmark = pytest.mark.xdist_group("demo")

HELP = ["proposal", "report", "rights", "support", "referral", "handover", "document", "closure"]


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment)


def test_the_demo_timelines_follow_the_story(demo, db):
    now = timezone.now()
    assert not DossierEvent.objects.filter(at__gt=now).exists()
    assert not AuditEvent.objects.filter(at__gt=now).exists()
    # The story spans weeks, not the second load_demo ran in.
    first = DossierEvent.objects.order_by("at").first().at
    assert now - first > datetime.timedelta(days=14)

    # A timeline starts when its dossier was opened; help comes after the household was reached.
    assert not DossierEvent.objects.filter(at__lt=F("dossier__opened_at")).exists()
    reached = Dossier.objects.exclude(reached_on=None).filter(contact_attempts__isnull=False)
    for dossier in reached.distinct():
        reached_at = min(
            event.at
            for event in dossier.events.filter(kind="contact")
            if event.data.get("result") == ContactAttempt.Result.REACHED
        )
        assert not dossier.events.filter(kind__in=HELP, at__lt=reached_at).exists(), dossier.number

    # A dossier with several attempts: each attempt's entry lies on its date and part of day,
    # one after the other.
    dossier = (
        Dossier.objects.filter(contact_attempts__kind=ContactAttempt.Kind.ANNOUNCED_VISIT)
        .distinct()
        .first()
    )
    attempts = sorted(dossier.contact_attempts.filter(is_current=True), key=ContactAttempt.sort_key)
    assert len(attempts) >= 4
    entries = {
        event.data["attempt"]: event.at
        for event in dossier.events.filter(kind="contact")
        if "attempt" in event.data
    }
    stamps = [entries[attempt.pk] for attempt in attempts]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    opened = local(dossier.opened_at).date()
    for attempt, stamp in zip(attempts, stamps, strict=True):
        if attempt.date < opened:
            continue  # the outreach demo has an invitation dated before its list came in
        assert local(stamp).date() == attempt.date
        if attempt.kind != ContactAttempt.Kind.LETTER:
            part = clock.PARTS_OF_DAY[attempt.part_of_day]
            assert f"{local(stamp):%H:%M}" == f"{part:%H:%M}"

    # A letter is made on its date (once its dossier exists), after the visit it was left at.
    for letter in Letter.objects.exclude(sent_on=None).select_related("dossier"):
        made = dossier_event(letter.dossier, "letter", letter=letter.pk)
        if letter.sent_on >= local(letter.dossier.opened_at).date():
            assert local(made.at).date() == letter.sent_on
        for visit in letter.dossier.contact_attempts.filter(date=letter.sent_on).exclude(
            kind=ContactAttempt.Kind.LETTER
        ):
            assert made.at > dossier_event(letter.dossier, "contact", attempt=visit.pk).at


def dossier_event(dossier, kind, **data):
    return next(
        event
        for event in dossier.events.filter(kind=kind)
        if all(event.data.get(key) == value for key, value in data.items())
    )


def test_each_list_came_in_on_its_own_day_and_its_dossiers_were_opened_then(demo, db):
    names = [name for name, *_ in intake_demo.FILES]
    batches = sorted(
        ImportBatch.objects.filter(file_name__in=names, status=ImportBatch.Status.IMPORTED),
        key=lambda batch: names.index(batch.file_name),
    )
    days = [local(batch.imported_at).date() for batch in batches]
    assert len(batches) == len(names)
    assert days == sorted(days) and len(set(days)) == len(days)
    assert all(day.weekday() < 5 for day in days)
    for batch in batches:
        for signal in Signal.objects.filter(import_rows__batch=batch).exclude(dossier=None):
            assert signal.received_at == batch.imported_at
            opened = dossier_event(signal.dossier, "signaal", signal=signal.pk)
            assert opened.at == batch.imported_at
    # The register was there before the first list: its dossiers were matched as they came in.
    register = ImportBatch.objects.get(kind=REGISTER)
    assert register.imported_at < batches[0].imported_at


def test_a_past_lac_session_advised_on_its_day(demo, db):
    item = (
        AgendaItem.objects.filter(session__date__lt=timezone.localdate())
        .exclude(advice="")
        .select_related("session", "dossier")
        .first()
    )
    advice = dossier_event(item.dossier, "lac.advice", item=item.pk)
    placed = dossier_event(item.dossier, "lac.agenda", item=item.pk)
    assert local(advice.at).date() == item.session.date
    assert placed.at < advice.at


def test_two_years_of_history_give_the_figures_a_trend(demo, db):
    """The figures of the demo (bereik/reports/demo.py): every month of the last two years has
    dossiers, the history's last twelve months reach more than the twelve before, the
    preventiewerker's last twelve months (the story's lists still being worked) about 70%, and
    what the history left behind is done. Whatever day the demo is loaded on: "this year" is not
    asked, in January it holds only the story's lists."""
    today = timezone.localdate()
    figures = compute(scope_for(demo.users["dirk"]), periods.this_year(), parts=["bereik"])
    assert all(opened for _month, opened, _reached in figures.months)
    last = periods.add_months(today.replace(day=1), -reports_demo.STORY_MONTHS)
    months = periods.between(periods.add_months(last, -11), periods.month_end(last))
    rate = compute(scope_for(demo.users["dirk"]), months, parts=["bereik"]).summary["rate"]
    assert rate.current > rate.previous + 15
    year = periods.between(periods.add_months(today, -12) + datetime.timedelta(days=1), today)
    own = compute(scope_for(demo.users["pieter"]), year, parts=["bereik"])
    assert 60 <= own.summary["rate"].current <= 80
    # An eviction runs for months after its summons (bereik/eviction/demo.py): not history.
    history = Dossier.objects.filter(
        opened_at__lt=timezone.now() - datetime.timedelta(days=70)
    ).exclude(kind=Dossier.Kind.WOONST)
    assert history.count() > 150 and not history.exclude(status=Dossier.Status.CLOSED).exists()
    old = Notification.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=70))
    assert not old.filter(read_at=None).exists()


def test_the_demo_has_an_eviction_at_every_stage(demo, db):
    today = timezone.localdate()
    stages = set()
    for dossier in Dossier.objects.filter(kind=Dossier.Kind.WOONST):
        facts = eviction_queries.facts_for([dossier.pk])[dossier.pk]
        judgment = facts.judgment
        if not dossier.is_open:
            stages.add(f"closed:{dossier.outcome}")
        elif judgment is None and facts.open_hearings:
            first = min(facts.open_hearings)
            stages.add("hearing" if first == facts.summons_hearing else "postponed")
        elif judgment is not None and judgment.eviction_date is not None:
            stages.add("bailiff")
        elif judgment is not None and judgment.served_on is not None:
            stages.add("served")
        elif judgment is not None:
            stages.add("judged")
    assert {
        "hearing",
        "postponed",
        "judged",
        "served",
        "bailiff",
        "closed:uithuiszetting_vermeden_plan",
        "closed:herhuisvest",
    } <= stages
    # Every step lies on its day of the story, never in the future.
    assert not DossierEvent.objects.filter(kind__startswith="uithuiszetting", at__date__gt=today)


def test_the_demo_has_fluvius_dossiers_in_the_winter_stop_with_minimum_supply(demo, db):
    granted = MinimumSupply.objects.filter(decision=MinimumSupply.Decision.GRANTED)
    assert {supply.fuel for supply in granted} == {"gas", "elektriciteit"}
    assert SupplySituation.objects.filter(social_supplier=True).exists()
    energy = Dossier.objects.filter(kind=Dossier.Kind.ENERGIE, status__in=Dossier.OPEN_STATUSES)
    assert any(dossier.cutoff_in_winter_stop for dossier in energy)
