import datetime

import pytest
from django.core.exceptions import ValidationError

from bereik.dossiers.models import DossierEvent, Task
from bereik.lac import actions
from bereik.lac.models import AgendaItem, Correction
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory

PLAN = {
    "attendance": AgendaItem.PRESENT,
    "advice": AgendaItem.ADVICE_PLAN,
    "conditional": True,
    "conditions": "Elke maand € 50 betalen.",
    "condition_deadline": datetime.date(2027, 1, 31),
    "unanimous": True,
}
NO_CUTOFF = {"attendance": AgendaItem.ABSENT, "advice": AgendaItem.ADVICE_NO_CUTOFF}


@pytest.fixture
def session(db):
    return SessionFactory(date=datetime.date(2026, 11, 26))


def test_recording_an_advice_puts_it_on_the_timeline(session, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **PLAN)
    event = DossierEvent.objects.get(dossier=item.dossier, kind="lac.advice")
    assert "Afbetalingsplan" in event.summary and "voorwaardelijk" in event.summary


def test_a_conditional_advice_needs_conditions_and_a_deadline(session, onthaal):
    item = AgendaItemFactory(session=session)
    with pytest.raises(ValidationError) as error:
        actions.agenda_item_record(
            item, actor=onthaal, attendance=AgendaItem.PRESENT, advice="uitstel", conditional=True
        )
    assert set(error.value.message_dict) == {"conditions", "condition_deadline"}


def test_represented_needs_by_whom(session, onthaal):
    item = AgendaItemFactory(session=session)
    with pytest.raises(ValidationError) as error:
        actions.agenda_item_record(
            item, actor=onthaal, attendance=AgendaItem.REPRESENTED, advice="uitstel"
        )
    assert "representative_kind" in error.value.message_dict


def test_closing_refuses_while_a_dossier_has_no_advice(session, onthaal):
    done = AgendaItemFactory(session=session)
    open_item = AgendaItemFactory(session=session)
    actions.agenda_item_record(done, actor=onthaal, **NO_CUTOFF)

    with pytest.raises(ValidationError) as error:
        actions.session_close(session, actor=onthaal)

    assert open_item.dossier.household_name in error.value.messages[0]
    session.refresh_from_db()
    assert not session.is_closed


def test_a_closed_session_is_locked(session, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)
    actions.session_close(session, actor=onthaal)

    with pytest.raises(ValidationError):
        actions.agenda_item_record(item, actor=onthaal, advice=AgendaItem.ADVICE_CUTOFF)
    with pytest.raises(ValidationError):
        actions.agenda_add(session, AgendaItemFactory().dossier, actor=onthaal)
    with pytest.raises(ValidationError):
        actions.session_update(session, place="Elders", actor=onthaal)
    item.refresh_from_db()
    assert item.advice == AgendaItem.ADVICE_NO_CUTOFF


def test_a_correction_needs_a_reason_and_keeps_both_values(session, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)
    actions.session_close(session, actor=onthaal)

    with pytest.raises(ValidationError):
        actions.agenda_item_correct(item, reason="", actor=onthaal, unanimous=False)
    actions.agenda_item_correct(
        item, reason="Verkeerd genoteerd", actor=onthaal, attendance=AgendaItem.PRESENT
    )

    correction = Correction.objects.get()
    assert (correction.field, correction.old_value, correction.new_value) == (
        "attendance",
        "Afwezig",
        "Aanwezig",
    )
    assert correction.reason == "Verkeerd genoteerd"
    assert DossierEvent.objects.filter(dossier=item.dossier, kind="lac.correction").exists()


def test_a_session_correction_keeps_both_values(session, onthaal):
    actions.session_close(session, actor=onthaal)
    chair = LacPersonFactory()

    actions.session_update(
        session, chair=chair, reason="Vervangen door de ondervoorzitter", actor=onthaal
    )

    correction = Correction.objects.get()
    assert (correction.old_value, correction.new_value) == ("", str(chair))


def test_closing_creates_the_follow_up_tasks_of_conditional_advice(session, onthaal, mw):
    plan = AgendaItemFactory(session=session, dossier__assigned_to=mw)
    unconditional = AgendaItemFactory(session=session)
    actions.agenda_item_record(plan, actor=onthaal, **PLAN)
    actions.agenda_item_record(unconditional, actor=onthaal, **NO_CUTOFF)

    actions.session_close(session, actor=onthaal)

    tasks = Task.objects.filter(dossier=plan.dossier).order_by("due_date")
    assert [(task.due_date, task.assignee) for task in tasks] == [
        (datetime.date(2027, 1, 31), mw),
        (datetime.date(2027, 2, 26), mw),
        (datetime.date(2027, 5, 26), mw),
        (datetime.date(2027, 11, 26), mw),
    ]
    assert not Task.objects.filter(dossier=unconditional.dossier).exists()


def test_a_correction_does_not_duplicate_the_tasks(session, onthaal, mw):
    item = AgendaItemFactory(session=session, dossier__assigned_to=mw)
    actions.agenda_item_record(item, actor=onthaal, **PLAN)
    actions.session_close(session, actor=onthaal)

    actions.agenda_item_correct(item, reason="Typfout", actor=onthaal, note="Cliënt akkoord")

    assert Task.objects.filter(dossier=item.dossier).count() == 4


def test_the_closed_session_refuses_the_record_view_and_sends_to_the_correction(
    session, onthaal, login
):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)
    actions.session_close(session, actor=onthaal)
    client = login(onthaal)
    prefix = f"punt{item.pk}"

    response = client.post(
        f"/lac/punt/{item.pk}/correctie/",
        {f"{prefix}-attendance": AgendaItem.PRESENT, f"{prefix}-advice": "geen_afsluiting"},
    )

    assert response.status_code == 200
    assert "Reden van de correctie" in response.content.decode()
    item.refresh_from_db()
    assert item.attendance == AgendaItem.ABSENT
    assert client.get(f"/lac/punt/{item.pk}/advies/").status_code == 302
