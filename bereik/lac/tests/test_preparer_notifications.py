"""A preparer hears of the dossiers to prepare once per session and batch, not once per dossier."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from bereik.accounts.models import Notification
from bereik.dossiers.models import Dossier
from bereik.lac import actions
from bereik.lac.models import AgendaItem
from bereik.lac.tests.factories import (
    AgendaItemFactory,
    SessionFactory,
    placed_for_then_route_a,
)
from bereik.lac.tests.test_placement import lac_dossier
from bereik.triage.actions.assignment import dossier_assign, dossiers_assign

pytestmark = pytest.mark.django_db


def test_dividing_several_dossiers_by_hand_sends_one_notification(onthaal, mw, preventiewerker):
    session = SessionFactory()
    items = [
        AgendaItemFactory(session=session, preparer=preventiewerker, dossier__assigned_to=None)
        for _n in range(3)
    ]

    actions.agenda_items_set_preparer(items, mw, actor=onthaal)

    (note,) = Notification.objects.filter(user=mw)
    assert note.text.startswith("3 dossiers voor te bereiden voor")
    assert all(item.preparer == mw and item.preparer_set_by_hand for item in items)


def test_one_notification_per_session_of_the_batch(onthaal, mw):
    first, second = SessionFactory(), SessionFactory()
    items = [AgendaItemFactory(session=session) for session in (first, second, first)]

    actions.agenda_items_set_preparer(items, mw, actor=onthaal)

    texts = sorted(Notification.objects.filter(user=mw).values_list("text", flat=True))
    assert len(texts) == 2
    assert texts[0].startswith("1 dossier ") or texts[1].startswith("1 dossier ")
    assert any(text.startswith("2 dossiers ") for text in texts)


def test_choosing_the_same_preparer_again_sends_nothing(onthaal, mw):
    item = AgendaItemFactory(preparer=mw)
    actions.agenda_item_set_preparer(item, mw, actor=onthaal)
    assert not Notification.objects.filter(user=mw).exists()


def test_a_closed_session_keeps_its_preparers(onthaal, mw):
    item = AgendaItemFactory()
    item.session.closed_at = timezone.now()
    item.session.save(update_fields=["closed_at"])
    with pytest.raises(ValidationError):
        actions.agenda_items_set_preparer([item], mw, actor=onthaal)


# --- the preparer follows the dossier: the new one hears of it ---------------------------------


def _notes(user):
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_the_new_worker_hears_of_the_items_after_a_reassignment(onthaal, mw, preventiewerker):
    session = SessionFactory()
    items = [
        AgendaItemFactory(
            session=session, preparer=preventiewerker, dossier__assigned_to=preventiewerker
        )
        for _n in range(2)
    ]
    # A change no action reported (those tell `dossiers.handover` themselves, see
    # test_preparer_follow_hook.py): the button and the daily command catch it.
    Dossier.objects.filter(pk__in=[item.dossier_id for item in items]).update(assigned_to=mw)

    changed = actions.agenda_preparers_follow([item.dossier_id for item in items], actor=onthaal)

    assert set(changed) == set(items)
    (text,) = _notes(mw)
    assert text.startswith("2 dossiers voor te bereiden voor")
    assert _notes(preventiewerker) == []
    # Once: the stored preparer is the new one now.
    assert actions.agenda_preparers_follow(actor=onthaal) == []
    assert len(_notes(mw)) == 1
    assert {item.preparer for item in AgendaItem.objects.all()} == {mw}


def test_the_own_social_worker_hears_of_it_when_the_register_shows_route_a(
    onthaal, mw, preventiewerker
):
    item = placed_for_then_route_a(preventiewerker, mw)
    dossier = item.dossier

    actions.agenda_preparers_follow([dossier.pk], actor=None)

    (text,) = _notes(mw)
    assert text.startswith("1 dossier voor te bereiden voor")
    assert _notes(preventiewerker) == []


def test_items_of_closed_past_or_hand_picked_preparers_stay_quiet(onthaal, mw, preventiewerker):
    closed = AgendaItemFactory(preparer=preventiewerker)
    closed.session.closed_at = timezone.now()
    closed.session.save(update_fields=["closed_at"])
    past = AgendaItemFactory(
        preparer=preventiewerker, session=SessionFactory(date=datetime.date(2026, 11, 20))
    )
    by_hand = AgendaItemFactory(preparer=preventiewerker, preparer_set_by_hand=True)
    items = [closed, past, by_hand]
    dossiers_assign([item.dossier for item in items], mw, reason="Naar Mia.", actor=onthaal)
    Notification.objects.filter(user=mw).delete()

    assert actions.agenda_preparers_follow(actor=onthaal) == []

    assert _notes(mw) == []
    assert {item.preparer for item in AgendaItem.objects.all()} == {preventiewerker}


def test_bijwerken_tells_nobody_about_a_past_session(onthaal, mw, preventiewerker):
    item = AgendaItemFactory(
        preparer=preventiewerker,
        dossier__assigned_to=mw,
        session=SessionFactory(date=datetime.date(2026, 11, 20)),
    )
    assert actions.agenda_refresh_preparers(item.session, actor=onthaal) == 1
    assert _notes(mw) == []


def test_the_fill_button_lets_preparers_follow(onthaal, mw, preventiewerker, login):
    item = AgendaItemFactory(preparer=preventiewerker, dossier__assigned_to=mw)

    response = login(onthaal).post("/lac/agenda-aanvullen/", follow=True)

    assert (
        "1 agendapunt heeft een nieuwe voorbereider: wie het dossier nu opvolgt."
        in response.content.decode()
    )
    item.refresh_from_db()
    assert item.preparer == mw
    assert len(_notes(mw)) == 1


def test_the_daily_command_lets_preparers_follow(mw, preventiewerker):
    AgendaItemFactory(preparer=preventiewerker, dossier__assigned_to=mw)
    out = io.StringIO()

    call_command("lac_fill_agenda", stdout=out)

    assert "1 preparers changed" in out.getvalue()
    assert len(_notes(mw)) == 1


def test_a_new_list_for_a_dossier_on_a_coming_agenda_lets_its_preparer_follow(
    onthaal, mw, preventiewerker
):
    """The import matches (and reassigns) its dossiers, then places them: one already on the
    agenda of its session got the new worker as preparer at the reassignment (the hook), and the
    placement finds nothing left to change, so the new preparer hears of it once."""
    dossier = lac_dossier(assigned_to=preventiewerker)
    (item,) = actions.agenda_place_imported([dossier.pk], actor=onthaal).placed
    assert item.preparer == preventiewerker
    dossier_assign(dossier, mw, reason="Actieve begeleiding.", actor=onthaal)

    result = actions.agenda_place_imported([dossier.pk], actor=onthaal)

    assert result.already == 1 and result.preparers_changed == []
    item.refresh_from_db()
    assert item.preparer == mw
    preparing = [text for text in _notes(mw) if "voor te bereiden" in text]
    assert len(preparing) == 1 and preparing[0].startswith("1 dossier voor te bereiden voor")
