import datetime
import zoneinfo

import pytest

from bereik.accounts import demo as accounts_demo
from bereik.demo.loader import make_context
from bereik.dossiers.models import Dossier, Signal
from bereik.intake import actions
from bereik.intake import demo as intake_demo
from bereik.intake.models import ImportBatch
from bereik.organisation import demo as organisation_demo

pytestmark = pytest.mark.django_db


def load():
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    intake_demo.load(ctx)
    return ctx


def test_the_demo_has_dossiers_of_every_kind_from_every_company_kind(sample_today):
    ctx = load()
    assert set(Dossier.objects.values_list("kind", flat=True)) == {
        "water",
        "energie",
        "woonst",
        "andere",
    }
    assert set(Dossier.objects.exclude(company=None).values_list("company__kind", flat=True)) == {
        "water",
        "energie",
    }
    assert ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).count() == 6
    assert {signal.kind for signal in Signal.objects.all()} == {
        kind for kind, _ in Signal.Kind.choices
    }
    assert all(batch.imported_by == ctx.users["olga"] for batch in ImportBatch.objects.all())
    assert len(ctx.data["intake"]["evictions"]) == 2
    # A signal entered by hand of every kind, two of them added to an open dossier.
    by_hand = ctx.data["intake"]["by_hand"]
    assert {signal.kind for signal in by_hand} == set(Signal.HAND_KINDS)
    assert sum(1 for signal in by_hand if not signal.opened) == 2


def test_the_demo_dates_move_with_today(time_machine):
    later = datetime.datetime(2027, 3, 1, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(later, tick=False)
    load()
    shift = intake_demo.sample_shift(later.date())
    assert shift == datetime.timedelta(weeks=13)  # 94 days: the nearest whole weeks
    dossier = Dossier.objects.get(customer_number="7886092")
    assert dossier.deadline == datetime.date(2026, 12, 8) + shift
    warning = Dossier.objects.get(customer_number="2945068")
    assert warning.deadline == datetime.date(2027, 1, 15) + shift


def test_each_demo_list_keeps_its_own_working_day_over_christmas(time_machine):
    """Moved by five weeks, Farys' warnings fall on Christmas Day: they come in on the next
    working day, and De Watergroep's weekly report, due that Monday, on the day after it."""
    today = datetime.datetime(2026, 12, 29, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(today, tick=False)
    load()
    names = [name for name, *_ in intake_demo.FILES]
    days = {
        batch.file_name: batch.imported_at.astimezone(today.tzinfo).date()
        for batch in ImportBatch.objects.filter(file_name__in=names)
    }
    assert [days[name] for name in names] == [
        datetime.date(2026, 12, 14),
        datetime.date(2026, 12, 24),
        datetime.date(2026, 12, 28),  # not Friday 25/12
        datetime.date(2026, 12, 29),  # not Monday 28/12, the warnings' day
    ]


def test_the_demo_pdf_is_a_pdf():
    content = intake_demo.tiny_pdf(["Dagvaarding (demo)"])
    assert actions.is_pdf(content)
    assert b"/Type /Catalog" in content
    # The cross-reference table points at the objects.
    startxref = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert content[startxref:].startswith(b"xref")
