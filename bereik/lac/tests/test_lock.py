import datetime

import pytest
from django.core.exceptions import ValidationError

from bereik.dossiers.models import DossierEvent, Task
from bereik.lac import actions
from bereik.lac.models import AgendaItem, Correction
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory

PLAN = {
    "attendance": AgendaItem.Attendance.PRESENT,
    "advice": AgendaItem.Advice.PLAN,
    "conditional": True,
    "conditions": "Elke maand € 50 betalen.",
    "condition_deadline": datetime.date(2027, 1, 31),
    "unanimous": True,
}
NO_CUTOFF = {"attendance": AgendaItem.Attendance.ABSENT, "advice": AgendaItem.Advice.NO_CUTOFF}


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
            item,
            actor=onthaal,
            attendance=AgendaItem.Attendance.PRESENT,
            advice="uitstel",
            conditional=True,
        )
    assert set(error.value.message_dict) == {"conditions", "condition_deadline"}


def test_represented_needs_by_whom(session, onthaal):
    item = AgendaItemFactory(session=session)
    with pytest.raises(ValidationError) as error:
        actions.agenda_item_record(
            item, actor=onthaal, attendance=AgendaItem.Attendance.REPRESENTED, advice="uitstel"
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
        actions.agenda_item_record(item, actor=onthaal, advice=AgendaItem.Advice.CUTOFF)
    with pytest.raises(ValidationError):
        actions.agenda_add(session, AgendaItemFactory().dossier, actor=onthaal)
    with pytest.raises(ValidationError):
        actions.session_update(session, place="Elders", actor=onthaal)
    item.refresh_from_db()
    assert item.advice == AgendaItem.Advice.NO_CUTOFF


def test_a_correction_needs_a_reason_and_keeps_both_values(session, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)
    actions.session_close(session, actor=onthaal)

    with pytest.raises(ValidationError):
        actions.agenda_item_correct(item, reason="", actor=onthaal, unanimous=False)
    actions.agenda_item_correct(
        item, reason="Verkeerd genoteerd", actor=onthaal, attendance=AgendaItem.Attendance.PRESENT
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
        {
            f"{prefix}-attendance": AgendaItem.Attendance.PRESENT,
            f"{prefix}-advice": "geen_afsluiting",
        },
    )

    assert response.status_code == 200
    assert "Reden van de correctie" in response.content.decode()
    item.refresh_from_db()
    assert item.attendance == AgendaItem.Attendance.ABSENT
    assert client.get(f"/lac/punt/{item.pk}/advies/").status_code == 302


# --- nothing is recorded before the session's day ----------------------------------------------

TOO_EARLY = "De zitting is pas op 10/12/2026; het advies kan vanaf die dag geregistreerd worden."


@pytest.fixture
def coming(db):
    """A session on 10/12, while today is 27/11."""
    return SessionFactory(date=datetime.date(2026, 12, 10))


def test_an_advice_cannot_be_recorded_before_the_session(coming, onthaal):
    item = AgendaItemFactory(session=coming)

    with pytest.raises(ValidationError) as error:
        actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)

    assert error.value.messages == [TOO_EARLY]
    item.refresh_from_db()
    assert (item.attendance, item.advice, item.recorded_at) == ("", "", None)
    assert not DossierEvent.objects.filter(dossier=item.dossier, kind="lac.advice").exists()


def test_an_advice_can_be_recorded_on_the_session_day(onthaal):
    item = AgendaItemFactory(session=SessionFactory(date=datetime.date(2026, 11, 27)))
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)
    item.refresh_from_db()
    assert item.has_advice


def test_the_advice_form_says_from_when_it_can_be_recorded(coming, onthaal, login):
    item = AgendaItemFactory(session=coming)
    client = login(onthaal)
    prefix = f"punt{item.pk}"

    assert TOO_EARLY in client.get(f"/lac/punt/{item.pk}/advies/").content.decode()
    response = client.post(
        f"/lac/punt/{item.pk}/advies/",
        {
            f"{prefix}-attendance": AgendaItem.Attendance.ABSENT,
            f"{prefix}-advice": "geen_afsluiting",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(TOO_EARLY) == 1 and 'role="alert"' in page
    item.refresh_from_db()
    assert item.advice == ""


def test_the_record_page_of_a_coming_session_offers_no_forms_and_no_closing(coming, onthaal, login):
    item = AgendaItemFactory(session=coming)
    client = login(onthaal)
    page = client.get(f"/lac/zitting/{coming.pk}/notuleren/").content.decode()
    assert TOO_EARLY in page
    assert f'action="/lac/punt/{item.pk}/advies/"' not in page
    assert f'action="/lac/zitting/{coming.pk}/afsluiten/"' not in page
    detail = client.get(f"/lac/zitting/{coming.pk}/").content.decode()
    assert f'action="/lac/zitting/{coming.pk}/afsluiten/"' not in detail


def test_the_record_page_on_the_session_day_offers_forms_and_closing(onthaal, login):
    session = SessionFactory(date=datetime.date(2026, 11, 27))
    item = AgendaItemFactory(session=session)
    client = login(onthaal)
    page = client.get(f"/lac/zitting/{session.pk}/notuleren/").content.decode()
    assert f'action="/lac/punt/{item.pk}/advies/"' in page
    assert f'action="/lac/zitting/{session.pk}/afsluiten/"' in page
    detail = client.get(f"/lac/zitting/{session.pk}/").content.decode()
    assert f'action="/lac/zitting/{session.pk}/afsluiten/"' in detail


def test_a_session_cannot_be_closed_before_its_day(coming, onthaal, login):
    with pytest.raises(ValidationError) as error:
        actions.session_close(coming, actor=onthaal)
    assert error.value.messages == [
        "De zitting is pas op 10/12/2026; ze kan vanaf die dag afgesloten worden."
    ]

    response = login(onthaal).post(f"/lac/zitting/{coming.pk}/afsluiten/", follow=True)
    assert "ze kan vanaf die dag afgesloten worden" in response.content.decode()
    coming.refresh_from_db()
    assert not coming.is_closed


def test_a_session_with_advice_cannot_move_to_a_later_day(session, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)

    with pytest.raises(ValidationError) as error:
        actions.session_update(session, date=datetime.date(2026, 12, 3), actor=onthaal)

    assert "date" in error.value.message_dict
    session.refresh_from_db()
    assert session.date == datetime.date(2026, 11, 26)
    # An earlier day (a typo) can still be corrected.
    actions.session_update(session, date=datetime.date(2026, 11, 25), actor=onthaal)


def test_a_dossier_with_advice_cannot_move_to_a_coming_session(session, coming, onthaal):
    item = AgendaItemFactory(session=session)
    actions.agenda_item_record(item, actor=onthaal, **NO_CUTOFF)

    with pytest.raises(ValidationError) as error:
        actions.agenda_item_move(item, coming, reason="Vergissing", actor=onthaal)

    assert "session" in error.value.message_dict
    item.refresh_from_db()
    assert item.session == session
