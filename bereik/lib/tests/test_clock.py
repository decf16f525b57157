import datetime
import types

from django.utils import timezone

from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import clock


def days_ago(days: int) -> datetime.date:
    return clock.real_today() - datetime.timedelta(days=days)


def test_inside_at_now_today_and_model_defaults_are_the_moment(db):
    moment = clock.on(days_ago(10), "namiddag")
    with clock.at(moment):
        # A model default `default=timezone.now` holds the function itself: it follows too.
        dossier = DossierFactory()
        assert timezone.localdate() == days_ago(10)
        assert moment <= timezone.now() < moment + datetime.timedelta(minutes=1)
        event = dossier_log(dossier, "note", "Een notitie", actor=None)
    assert moment <= dossier.opened_at < moment + datetime.timedelta(minutes=1)
    assert timezone.localtime(event.at).date() == days_ago(10)
    assert timezone.localtime(event.at).hour == 14
    # Outside it, the real clock again.
    assert timezone.localdate() == days_ago(0)
    assert timezone.now() - DossierEvent.objects.create(
        dossier=dossier, kind="note", summary="Nu"
    ).at < datetime.timedelta(minutes=1)


def test_time_runs_on_from_the_moment_so_a_step_keeps_its_order():
    with clock.at(clock.on(days_ago(3))):
        first = timezone.now()
        second = timezone.now()
    assert second >= first
    assert timezone.localtime(first).date() == days_ago(3)


def test_a_moment_is_never_in_the_future():
    with clock.at(timezone.now() + datetime.timedelta(days=2)):
        assert timezone.now() <= clock.real_now()
        assert timezone.localdate() == clock.real_today()


def test_after_a_dossier_a_step_comes_after_its_latest_entry(db):
    dossier = DossierFactory()
    with clock.at(clock.on(days_ago(5), "namiddag")):
        latest = dossier_log(dossier, "contact", "Huisbezoek", actor=None).at
    with clock.at(clock.on(days_ago(5), "voormiddag"), after=dossier):
        later = dossier_log(dossier, "letter", "Brief", actor=None).at
    assert later > latest


def test_nested_moments_restore_the_outer_one_and_the_real_datetime():
    real = timezone.datetime
    with clock.at(clock.on(days_ago(9))):
        with clock.at(clock.on(days_ago(2))):
            assert timezone.localdate() == days_ago(2)
        assert timezone.localdate() == days_ago(9)
        # A real datetime still counts as a datetime for Django while the clock runs.
        assert isinstance(datetime.datetime(2026, 1, 1), timezone.datetime)
    assert timezone.datetime is real


def test_derive_runs_each_call_at_the_moment_its_arguments_tell():
    module = types.SimpleNamespace()

    def record(*, day, note=""):
        # Calls another action through the module, as actions do.
        return timezone.localdate(), module.record_inner(day=day)

    def record_inner(*, day):
        return timezone.localdate()

    module.record, module.record_inner = record, record_inner
    rules = {
        "record": lambda arguments: clock.on(arguments["day"]),
        "record_inner": lambda arguments: clock.on(days_ago(1)),
    }
    with clock.derive(module, rules):
        outer, inner = module.record(day=days_ago(7))
        alone = module.record_inner(day=None)
    # A call made by a timed call shares its moment; afterwards the module is as it was.
    assert outer == inner == days_ago(7)
    assert alone == days_ago(1)
    assert module.record is record and module.record_inner is record_inner
    assert timezone.localdate() == days_ago(0)


def test_derive_leaves_a_step_the_loader_timed_itself_at_its_moment():
    module = types.SimpleNamespace(record=lambda *, day: timezone.localdate())
    with clock.derive(module, {"record": lambda arguments: clock.on(arguments["day"])}):
        with clock.at(clock.on(days_ago(4))):
            assert module.record(day=days_ago(9)) == days_ago(4)
        assert module.record(day=days_ago(9)) == days_ago(9)


def test_working_days():
    friday, saturday, monday = (
        datetime.date(2026, 11, 20),
        datetime.date(2026, 11, 21),
        datetime.date(2026, 11, 23),
    )
    assert clock.working_day(friday, today=monday) == friday
    assert clock.working_day(saturday, today=monday) == monday
    # The Monday after is still to come: the Friday before.
    assert clock.working_day(saturday, today=saturday) == friday
    assert clock.working_day_before(monday) == friday


def test_working_days_skip_public_holidays():
    # 11 November 2026 (Wapenstilstand) is a Wednesday; Easter Monday 2026 is 6 April.
    armistice = datetime.date(2026, 11, 11)
    assert clock.working_day(armistice, today=datetime.date(2026, 11, 20)) == datetime.date(
        2026, 11, 12
    )
    # The day after is still to come: the working day before.
    assert clock.working_day(armistice, today=armistice) == datetime.date(2026, 11, 10)
    assert clock.working_day_before(datetime.date(2026, 11, 12)) == datetime.date(2026, 11, 10)
    # Easter Monday after a weekend: back to the Friday before Easter.
    assert clock.working_day_before(datetime.date(2026, 4, 7)) == datetime.date(2026, 4, 3)
