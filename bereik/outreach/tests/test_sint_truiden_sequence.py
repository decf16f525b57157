"""The whole Sint-Truiden sequence for a route-C dossier, through the browser: invitation,
unannounced visit not at home, not-at-home letter with a new appointment, announced visit not at
home, last letter with the brochure, reached by phone."""

import datetime
import io

import time_machine
from docx import Document

from bereik.audit.models import AuditEvent
from bereik.dossiers.models import Dossier
from bereik.lib.documents import docx_text
from bereik.outreach import next_step
from bereik.outreach.models import BrochureHandover, ContactAttempt, Letter, PlannedVisit


def _download(client, letter) -> str:
    response = client.get(f"/contacten/brief/{letter.pk}/download/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    Document(io.BytesIO(data))  # a valid DOCX
    return docx_text(data)


def _attempt(client, dossier, **fields):
    response = client.post(f"/contacten/dossier/{dossier.pk}/poging/", fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].startswith(dossier.get_absolute_url())


def test_a_route_c_dossier_goes_through_the_whole_sequence(
    frozen_today, route_c_dossier, preventiewerker, login
):
    dossier = route_c_dossier
    client = login(preventiewerker)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Uitnodiging voor de LAC versturen" in page

    # 1. The invitation, printed and posted today.
    response = client.post(
        f"/contacten/dossier/{dossier.pk}/brief/uitnodiging_lac_water/",
        {
            "opties-session_date": "2026-12-15",
            "opties-session_time": "14.00 uur",
            "opties-session_place": "Kazernestraat 13, 3800 Sint-Truiden",
            "verzending-mark_sent": "on",
            "verzending-sent_on": "2026-11-27",
        },
    )
    assert response.status_code == 302
    invitation = Letter.objects.get(dossier=dossier, letter_type="uitnodiging_lac_water")
    text = _download(client, invitation)
    assert "Jan Peeters" in text and "Kerkstraat 12 bus 3" in text and "3800 Sint-Truiden" in text
    assert "dinsdag 15 december 2026" in text and "14.00 uur" in text
    assert "Pieter Test" in text  # the assigned preventiewerker is the contact person
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.IN_PROGRESS
    assert dossier.next_step == "Onaangekondigd huisbezoek"
    assert dossier.next_step_date == datetime.date(2026, 11, 30)

    # 2. Unannounced visit on Monday morning: nobody home.
    with time_machine.travel(datetime.datetime(2026, 11, 30, 11, 0), tick=False):
        client = login(preventiewerker)  # a session lasts a working day
        _attempt(
            client,
            dossier,
            kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
            date="2026-11-30",
            part_of_day="voormiddag",
            result=ContactAttempt.Result.NOT_HOME,
            performed_by=preventiewerker.pk,
        )
        dossier.refresh_from_db()
        assert dossier.next_step == "Niet-thuisbrief met een nieuwe afspraak achterlaten"
        page = client.get(dossier.get_absolute_url()).content.decode()
        assert "Niet-thuisbrief maken" in page
        # The letter form proposes an appointment a week later, same part of the day (editable).
        form_page = client.get(
            f"/contacten/dossier/{dossier.pk}/brief/niet_thuis/"
        ).content.decode()
        assert 'value="07/12/2026"' in form_page
        assert 'value="30/11/2026"' in form_page

        # 3. The worker moves the appointment to Tuesday afternoon and leaves the letter.
        response = client.post(
            f"/contacten/dossier/{dossier.pk}/brief/niet_thuis/",
            {
                "opties-visit_date": "2026-11-30",
                "opties-appointment_date": "2026-12-08",
                "opties-appointment_part": "namiddag",
                "opties-plan_visit": "on",
                "verzending-mark_sent": "on",
                "verzending-sent_on": "2026-11-30",
            },
        )
        assert response.status_code == 302
    letter = Letter.objects.get(dossier=dossier, letter_type=next_step.NOT_AT_HOME)
    assert letter.sent_on == datetime.date(2026, 11, 30)
    text = _download(client, letter)
    assert "maandag 30 november 2026" in text
    assert "Ik kom graag terug op dinsdag 8 december 2026 in de namiddag." in text
    assert "Jan Peeters" in text and "Pieter Test" in text
    visit = PlannedVisit.objects.get(dossier=dossier)
    assert (visit.date, visit.part_of_day, visit.kind, visit.worker) == (
        datetime.date(2026, 12, 8),
        "namiddag",
        ContactAttempt.Kind.ANNOUNCED_VISIT,
        preventiewerker,
    )
    dossier.refresh_from_db()
    assert dossier.next_step.startswith("Aangekondigd huisbezoek")
    assert dossier.next_step_date == datetime.date(2026, 12, 8)

    # 4. The announced visit: nobody home again.
    with time_machine.travel(datetime.datetime(2026, 12, 8, 15, 0), tick=False):
        client = login(preventiewerker)  # a session lasts a working day
        _attempt(
            client,
            dossier,
            kind=ContactAttempt.Kind.ANNOUNCED_VISIT,
            date="2026-12-08",
            part_of_day="namiddag",
            result=ContactAttempt.Result.NOT_HOME,
            performed_by=preventiewerker.pk,
        )
        visit.refresh_from_db()
        assert visit.status == PlannedVisit.Status.DONE
        dossier.refresh_from_db()
        assert dossier.next_step == "Laatste brief met de brochure en de openingsuren achterlaten"

        # 5. The last letter with the brochure.
        response = client.post(
            f"/contacten/dossier/{dossier.pk}/brief/laatste_brief/",
            {"verzending-mark_sent": "on", "verzending-sent_on": "2026-12-08"},
        )
        assert response.status_code == 302
    last = Letter.objects.get(dossier=dossier, letter_type=next_step.LAST_LETTER)
    text = _download(client, last)
    assert "Goed geregeld is geld gespaard" in text
    assert "Bijlage: folder ‘Goed geregeld is geld gespaard’" in text
    assert BrochureHandover.objects.filter(dossier=dossier, letter=last).exists()
    dossier.refresh_from_db()
    assert dossier.next_step.startswith("Reactie afwachten")
    assert dossier.status == Dossier.Status.IN_PROGRESS
    assert dossier.reached_on is None

    # 6. The household calls back: reached by phone.
    with time_machine.travel(datetime.datetime(2026, 12, 10, 9, 30), tick=False):
        client = login(preventiewerker)  # a session lasts a working day
        _attempt(
            client,
            dossier,
            kind=ContactAttempt.Kind.PHONE,
            date="2026-12-10",
            part_of_day="voormiddag",
            result=ContactAttempt.Result.REACHED,
            note="Mevrouw belde terug; afspraak op de dienst.",
            performed_by=preventiewerker.pk,
        )
        dossier.refresh_from_db()
        assert dossier.status == Dossier.Status.REACHED
        assert dossier.reached_on == datetime.date(2026, 12, 10)
        assert dossier.next_step.startswith("Hulp")
        page = client.get(dossier.get_absolute_url()).content.decode()
        assert "Bereikt op 10/12/2026" in page

    kinds = list(
        ContactAttempt.objects.filter(dossier=dossier, is_current=True)
        .order_by("date", "recorded_at")
        .values_list("kind", "result")
    )
    assert kinds == [
        (ContactAttempt.Kind.LETTER, ContactAttempt.Result.NO_RESPONSE),
        (ContactAttempt.Kind.UNANNOUNCED_VISIT, ContactAttempt.Result.NOT_HOME),
        (ContactAttempt.Kind.LETTER, ContactAttempt.Result.NO_RESPONSE),
        (ContactAttempt.Kind.ANNOUNCED_VISIT, ContactAttempt.Result.NOT_HOME),
        (ContactAttempt.Kind.LETTER, ContactAttempt.Result.NO_RESPONSE),
        (ContactAttempt.Kind.PHONE, ContactAttempt.Result.REACHED),
    ]
    summaries = list(dossier.events.values_list("summary", flat=True))
    assert any("Brief gemaakt: Niet-thuisbrief" in s for s in summaries)
    assert any("Status: Toegewezen → In behandeling" in s for s in summaries)
    assert any("Status: In behandeling → Bereikt" in s for s in summaries)
    # Every download was a logged read of the household's data.
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, purpose="brief downloaden").count()
        == 3
    )
