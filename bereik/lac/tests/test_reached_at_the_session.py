"""A household present at the LAC was reached there: it leaves the "not reached" lists (the
diensthoofd's home kept it under "Termijn nadert, nog niet bereikt" after the session)."""

import datetime

import pytest
from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.lac import actions
from bereik.lac.models import AgendaItem
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.outreach.home_panels import deadline_near
from bereik.outreach.models import ContactAttempt, PartOfDay

pytestmark = pytest.mark.django_db


def _item_today(**dossier):
    today = timezone.localdate()
    session = SessionFactory(date=today, time=datetime.time(14, 0))
    return AgendaItemFactory(
        session=session, dossier__deadline=today, dossier__reached_on=None, **dossier
    )


def test_present_at_the_session_reaches_the_household(onthaal, diensthoofd):
    item = _item_today()
    assert item.dossier in Dossier.objects.deadline_near_unreached()

    actions.agenda_item_record(item, actor=onthaal, attendance=AgendaItem.Attendance.PRESENT)

    dossier = Dossier.objects.get(pk=item.dossier.pk)
    assert dossier.reached_on == item.session.date
    assert dossier.status == Dossier.Status.REACHED
    attempt = ContactAttempt.objects.get(dossier=dossier)
    assert attempt.kind == ContactAttempt.Kind.OFFICE
    assert attempt.result == ContactAttempt.Result.REACHED
    assert attempt.part_of_day == PartOfDay.AFTERNOON
    assert "Aanwezig op de LAC-zitting" in attempt.note
    assert dossier not in Dossier.objects.deadline_near_unreached()
    panel = deadline_near(diensthoofd)
    assert panel is None or dossier not in panel["dossiers"]


@pytest.mark.parametrize(
    "attendance",
    [
        {"attendance": AgendaItem.Attendance.ABSENT},
        {
            "attendance": AgendaItem.Attendance.REPRESENTED,
            "representative_kind": AgendaItem.Representative.FAMILY,
            "representative_name": "Karim Peeters",
        },
    ],
)
def test_absent_or_represented_is_not_a_reach(onthaal, attendance):
    item = _item_today()
    actions.agenda_item_record(item, actor=onthaal, **attendance)
    assert Dossier.objects.get(pk=item.dossier.pk).reached_on is None
    assert not ContactAttempt.objects.filter(dossier=item.dossier).exists()


def test_a_household_reached_before_keeps_its_day(onthaal):
    earlier = timezone.localdate() - datetime.timedelta(days=5)
    item = _item_today()
    Dossier.objects.filter(pk=item.dossier.pk).update(reached_on=earlier)
    actions.agenda_item_record(item, actor=onthaal, attendance=AgendaItem.Attendance.PRESENT)
    assert Dossier.objects.get(pk=item.dossier.pk).reached_on == earlier
    assert not ContactAttempt.objects.filter(dossier=item.dossier).exists()
