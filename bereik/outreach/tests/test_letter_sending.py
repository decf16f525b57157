"""When a letter goes out, said one way: the letter form asks only whether it goes out today (the
letter's own date); a letter that goes out later is marked as sent then, on the dossier, with the
day it went ("Verstuurd op"). A letter is never sent before its own date, nor on a day still to
come: refused with a Dutch message naming the field."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from bereik.outreach import actions, next_step
from bereik.outreach.models import ContactAttempt, Letter

D = datetime.date


def _free_letter(dossier, worker, **kwargs):
    return actions.letter_generate(
        dossier, "vrije_brief", actor=worker, subject="Afspraak", body="Tekst", **kwargs
    )


def test_a_letter_keeps_its_own_date(frozen_today, route_c_dossier, preventiewerker):
    assert _free_letter(route_c_dossier, preventiewerker).date == frozen_today
    backdated = _free_letter(route_c_dossier, preventiewerker, on=D(2026, 11, 20))
    assert backdated.date == D(2026, 11, 20)


def test_a_letter_is_not_sent_before_its_own_date(frozen_today, route_c_dossier, preventiewerker):
    letter = _free_letter(route_c_dossier, preventiewerker)

    with pytest.raises(ValidationError) as refused:
        actions.letter_mark_sent(letter, sent_on=D(2026, 11, 20), actor=preventiewerker)

    assert refused.value.message_dict["sent_on"] == [
        "‘Verstuurd op’ (20/11/2026) kan niet vóór de datum van de brief (27/11/2026) liggen."
    ]
    letter.refresh_from_db()
    assert letter.sent_on is None
    assert not ContactAttempt.objects.filter(dossier=route_c_dossier).exists()


def test_a_letter_made_and_sent_at_once_is_checked_too(
    frozen_today, route_c_dossier, preventiewerker
):
    with pytest.raises(ValidationError):
        _free_letter(route_c_dossier, preventiewerker, sent_on=D(2026, 11, 26))
    assert not Letter.objects.filter(dossier=route_c_dossier).exists()


def test_a_letter_is_not_sent_on_a_day_still_to_come(
    frozen_today, route_c_dossier, preventiewerker
):
    letter = _free_letter(route_c_dossier, preventiewerker)

    with pytest.raises(ValidationError) as refused:
        actions.letter_mark_sent(letter, sent_on=D(2026, 11, 30), actor=preventiewerker)

    assert refused.value.message_dict["sent_on"] == [
        "‘Verstuurd op’ (30/11/2026) ligt in de toekomst: duid de brief aan als verstuurd "
        "wanneer hij vertrekt."
    ]


def test_the_letter_form_asks_one_thing_whether_it_goes_out_today(
    frozen_today, route_c_dossier, preventiewerker, login
):
    page = (
        login(preventiewerker)
        .get(f"/contacten/dossier/{route_c_dossier.pk}/brief/{next_step.LAST_LETTER}/")
        .content.decode()
    )

    assert "De brief vertrekt vandaag" in page
    assert "Verstuurd op" not in page
    assert "wordt vandaag verstuurd" not in page


def test_marking_sent_later_takes_the_day_it_went(
    frozen_today, route_c_dossier, preventiewerker, login
):
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0), tick=False):
        letter = _free_letter(route_c_dossier, preventiewerker)
    client = login(preventiewerker)
    section = client.get(route_c_dossier.get_absolute_url()).content.decode()
    assert f'id="verstuurd-{letter.pk}"' in section
    assert 'value="27/11/2026"' in section  # today, as a Belgian writes it
    assert "niet vóór 24/11/2026, niet later dan vandaag" in section

    response = client.post(f"/contacten/brief/{letter.pk}/verstuurd/", {"sent_on": "2026-11-25"})

    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.sent_on == D(2026, 11, 25)
    assert letter.attempts.get().date == D(2026, 11, 25)


def test_marking_sent_before_the_letters_date_is_refused_in_dutch(
    frozen_today, route_c_dossier, preventiewerker, login
):
    letter = _free_letter(route_c_dossier, preventiewerker)
    client = login(preventiewerker)

    response = client.post(
        f"/contacten/brief/{letter.pk}/verstuurd/", {"sent_on": "2026-11-20"}, follow=True
    )

    page = response.content.decode()
    assert (
        "‘Verstuurd op’ (20/11/2026) kan niet vóór de datum van de brief (27/11/2026) liggen."
        in page
    )
    letter.refresh_from_db()
    assert letter.sent_on is None


def test_the_steps_button_marks_sent_today(frozen_today, route_c_dossier, preventiewerker, login):
    letter = _free_letter(route_c_dossier, preventiewerker)

    login(preventiewerker).post(f"/contacten/brief/{letter.pk}/verstuurd/")

    letter.refresh_from_db()
    assert letter.sent_on == frozen_today
