"""The same households on a LAC list for another session: the preview names them and their
session and asks to move them, keep both or skip them; nothing is doubled silently; the
import's page says where its dossiers went."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bereik.dossiers.models import DossierEvent
from bereik.intake import actions as intake_actions
from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import company, csv_content
from bereik.lac import actions
from bereik.lac.models import AgendaItem, Session, SkippedRequest

HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag", "Datum LAC"]
FIRST = datetime.date(2026, 12, 8)
SECOND = datetime.date(2026, 12, 22)


def lac_list(session_date, numbers=("7001", "7002")) -> bytes:
    rows = [
        [number, f"Peeters{number}, Jan", f"Kerkstraat {number}", "3800 Sint-Truiden", "120,00",
         session_date.strftime("%d/%m/%Y")]
        for number in numbers
    ]  # fmt: skip
    return csv_content([HEADER, *rows])


def import_list(session_date, actor, *, name="lac.csv", choice="", numbers=("7001", "7002")):
    return intake_actions.import_file(
        lac_list(session_date, numbers),
        file_name=name,
        kind="lac-water",
        company=company("De Watergroep"),
        options={"on_other_session": choice},
        actor=actor,
    )


@pytest.fixture
def on_first_session(db, onthaal):
    """Two households of a list for 8/12, on the agenda of that session."""
    import_list(FIRST, onthaal, name="eerste.csv")
    assert AgendaItem.objects.filter(session__date=FIRST).count() == 2
    return Session.objects.get(date=FIRST)


def upload_again(client):
    response = client.post(
        reverse("intake:upload"),
        {
            "file": SimpleUploadedFile("tweede.csv", lac_list(SECOND)),
            "kind": "lac-water",
            "company": company("De Watergroep").pk,
        },
    )
    return ImportBatch.objects.get(pk=response["Location"].split("/")[-3])


def test_the_preview_names_the_households_and_their_session_and_asks(
    on_first_session, onthaal, login
):
    client = login(onthaal)
    batch = upload_again(client)
    page = client.get(reverse("intake:preview", args=[batch.pk])).content.decode()
    assert "2 gezinnen staan al op de agenda van een andere zitting" in page
    assert str(on_first_session) in page
    assert "Peeters7001 Jan" in page
    for label in ("Verplaatsen naar de zitting", "Op beide zittingen", "Overslaan"):
        assert label in page

    response = client.post(reverse("intake:confirm", args=[batch.pk]))
    assert response.status_code == 400
    assert "Kies wat er met deze gezinnen gebeurt" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW


def test_moving_puts_them_on_the_new_session_only(on_first_session, onthaal, login):
    client = login(onthaal)
    batch = upload_again(client)
    response = client.post(
        reverse("intake:confirm", args=[batch.pk]), {"on_other_session": "verplaatsen"}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.count() == 2
    assert set(AgendaItem.objects.values_list("session__date", flat=True)) == {SECOND}
    assert DossierEvent.objects.filter(summary__contains="(nieuwe LAC-lijst)").count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Waar de dossiers naartoe gingen" in page
    assert "2 dossiers verplaatst van een andere zitting" in page
    assert "nieuw aangemaakt" in page


def test_keeping_both_puts_them_on_two_sessions_because_the_user_said_so(on_first_session, onthaal):
    import_list(SECOND, onthaal, choice="beide")
    assert AgendaItem.objects.count() == 4
    assert DossierEvent.objects.filter(summary__contains="gekozen bij de import").count() == 2


def test_skipping_leaves_them_where_they_are_also_for_the_daily_placement(
    on_first_session, onthaal
):
    result = import_list(SECOND, onthaal, choice="overslaan")
    result.batch.refresh_from_db()
    assert AgendaItem.objects.count() == 2
    assert SkippedRequest.objects.count() == 2
    texts = [note["text"] for note in result.batch.notes if note["key"] == "lac"]
    assert any("blijven op" in text and "overgeslagen" in text for text in texts)
    call_command("lac_fill_agenda")
    assert AgendaItem.objects.count() == 2


def test_without_a_choice_nothing_is_doubled_and_it_is_said(on_first_session, onthaal):
    result = import_list(SECOND, onthaal)
    result.batch.refresh_from_db()
    assert AgendaItem.objects.count() == 2
    assert any("niet geplaatst: ze staan al op" in note["text"] for note in result.batch.notes)
    placement = actions.agenda_fill_from_imports(actor=onthaal)
    assert len(placement.not_placed_elsewhere) == 2 and not placement.placed
    assert AgendaItem.objects.count() == 2


def test_a_household_with_advice_recorded_is_not_moved(on_first_session, onthaal):
    AgendaItem.objects.filter(dossier__customer_number="7001").update(
        attendance="aanwezig", advice="afbetalingsplan"
    )
    import_list(SECOND, onthaal, choice="verplaatsen")
    assert AgendaItem.objects.get(dossier__customer_number="7001").session.date == FIRST
    assert AgendaItem.objects.get(dossier__customer_number="7002").session.date == SECOND
    assert SkippedRequest.objects.get().dossier.customer_number == "7001"


def test_a_list_for_the_same_session_asks_nothing(on_first_session, onthaal, login):
    client = login(onthaal)
    content = lac_list(FIRST, ("7001", "7003"))
    response = client.post(
        reverse("intake:upload"),
        {
            "file": SimpleUploadedFile("aanvulling.csv", content),
            "kind": "lac-water",
            "company": company("De Watergroep").pk,
        },
    )
    page = client.get(response["Location"])
    assert page.context["options_form"] is None


def test_the_import_page_says_which_session_was_created_and_how_many_dossiers(db, onthaal, login):
    result = import_list(FIRST, onthaal)
    page = login(onthaal).get(reverse("intake:detail", args=[result.batch.pk])).content.decode()
    assert "LAC water De Watergroep 08/12/2026: nieuw aangemaakt, 2 dossiers geplaatst" in page
    assert "2</strong> nieuwe dossiers" in page
