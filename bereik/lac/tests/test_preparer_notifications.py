"""A preparer hears of the dossiers to prepare once per session and batch, not once per dossier."""

import pytest

from bereik.accounts.models import Notification
from bereik.lac import actions
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

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
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    item = AgendaItemFactory()
    item.session.closed_at = timezone.now()
    item.session.save(update_fields=["closed_at"])
    with pytest.raises(ValidationError):
        actions.agenda_items_set_preparer([item], mw, actor=onthaal)
