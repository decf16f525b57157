"""Upload -> preview -> (map columns) -> confirm; nothing is stored before the confirmation."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from bereik.dossiers.models import Dossier, Signal
from bereik.intake.models import ColumnProfile, ImportBatch, ImportRow
from bereik.intake.tests.conftest import csv_content, upload

pytestmark = pytest.mark.django_db

HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
          "Geplande actie", "Geplande datum", "Opmerking"]  # fmt: skip
GOOD = ["1001", "Peeters, Jan", "Kerkstraat 1", "3800 Sint-Truiden", "1.234,56", "Afsluiting",
        "15/01/2027", "belt terug"]  # fmt: skip
BAD_AMOUNT = ["1002", "Martens, An", "Kerkstraat 2", "3800 Sint-Truiden", "veel", "Afsluiting",
              "16/01/2027", ""]  # fmt: skip
NO_NUMBER = ["", "Claes, Els", "Kerkstraat 3", "3800 Sint-Truiden", "10", "Afsluiting",
             "17/01/2027", ""]  # fmt: skip


def test_the_preview_shows_columns_parsed_rows_problems_and_what_will_happen(onthaal, login):
    client = login(onthaal)
    response = upload(client, csv_content([HEADER, GOOD, BAD_AMOUNT, NO_NUMBER]))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.PREVIEW
    page = client.get(response.url).content.decode()
    # recognised columns and their fields
    assert "Postcode en gemeente in één kolom" in page
    assert "niet herkend: alleen bewaard in de oorspronkelijke rij" in page
    # first rows as parsed values
    assert "Kerkstraat 1, 3800 Sint-Truiden" in page
    assert "€\u00a01.234,56" in page  # Belgian format
    assert "<code" not in page  # no field codes for the user
    # every row with a problem: row number, field, message, consequence
    assert "&#x27;veel&#x27; is geen geldig bedrag. Het veld blijft leeg." in page
    assert "Klantnummer is leeg; dit veld is verplicht." in page
    assert "niet geïmporteerd" in page
    # what will happen
    assert "2 nieuwe dossiers" in page
    assert "1 rij met fouten, wordt niet geïmporteerd" in page
    assert Signal.objects.count() == 0
    assert Dossier.objects.count() == 0


def test_confirming_imports_the_good_rows_and_keeps_the_bad_one(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([HEADER, GOOD, BAD_AMOUNT, NO_NUMBER]))
    batch = ImportBatch.objects.get()
    response = client.post(reverse("intake:confirm", args=[batch.pk]))
    assert response.url == reverse("intake:detail", args=[batch.pk])
    batch.refresh_from_db()
    assert (batch.signals_created, batch.rows_with_errors, batch.dossiers_created) == (2, 1, 2)
    assert batch.unrecognised == ["Opmerking"]
    error_row = batch.rows.get(outcome=ImportRow.Outcome.ERROR)
    assert error_row.number == 4
    assert error_row.raw["Naam"] == "Claes, Els"  # nothing of the file is lost
    assert error_row.errors[0]["field"] == "customer_number"
    signal = Signal.objects.get(customer_number="1002")
    assert signal.amount is None
    assert signal.raw["Openstaand bedrag"] == "veel"
    assert signal.warnings[0]["field"] == "amount"
    assert Signal.objects.get(customer_number="1001").raw["Opmerking"] == "belt terug"


def test_confirming_twice_imports_once(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([HEADER, GOOD]))
    batch = ImportBatch.objects.get()
    client.post(reverse("intake:confirm", args=[batch.pk]))
    response = client.post(reverse("intake:confirm", args=[batch.pk]))
    assert response.status_code == 404
    assert Signal.objects.count() == 1


def test_uploading_an_imported_file_again_is_refused_naming_the_earlier_import(onthaal, login):
    client = login(onthaal)
    content = csv_content([HEADER, GOOD])
    upload(client, content)
    batch = ImportBatch.objects.get()
    client.post(reverse("intake:confirm", args=[batch.pk]))
    response = upload(client, content, name="andere-naam.csv")
    assert response.status_code == 200
    assert f"import {batch.pk} van" in response.content.decode()
    assert ImportBatch.objects.count() == 1


def test_discarding_a_preview_removes_it_and_its_file(
    onthaal, login, django_capture_on_commit_callbacks
):
    client = login(onthaal)
    upload(client, csv_content([HEADER, GOOD]))
    batch = ImportBatch.objects.get()
    path = Path(batch.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:discard", args=[batch.pk]))
    assert not ImportBatch.objects.exists()
    assert Signal.objects.count() == 0
    assert not path.exists()


UNKNOWN_HEADER = ["Referentie", "Naam", "Adres", "Bedrag"]
UNKNOWN_ROW = ["A-77", "Peeters, Jan", "Kerkstraat 1, 3800 Sint-Truiden", "10"]


def test_it_asks_to_map_a_required_field_it_does_not_recognise(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([UNKNOWN_HEADER, UNKNOWN_ROW]))
    batch = ImportBatch.objects.get()
    page = client.get(reverse("intake:preview", args=[batch.pk])).content.decode()
    assert "Niet alle verplichte gegevens zijn herkend:" in page
    assert "Klantnummer" in page
    assert "Kolom “Referentie”" in page  # the columns it saw, to map
    assert "Bevestigen" not in page
    response = client.post(reverse("intake:confirm", args=[batch.pk]))
    assert Signal.objects.count() == 0
    assert response.url == reverse("intake:preview", args=[batch.pk])


def _map(client, batch, choices):
    data = {f"col_{index}": name for index, name in enumerate(choices)}
    return client.post(reverse("intake:mapping", args=[batch.pk]), data)


def test_the_mapping_is_saved_as_the_company_profile_and_used_next_time(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([UNKNOWN_HEADER, UNKNOWN_ROW]))
    batch = ImportBatch.objects.get()
    response = _map(client, batch, ["customer_number", "full_name", "address", "amount"])
    assert response.url == reverse("intake:preview", args=[batch.pk])
    profile = ColumnProfile.objects.get(company__name="Farys", kind="verwittiging")
    assert profile.mapping["Referentie"] == "customer_number"
    client.post(reverse("intake:confirm", args=[batch.pk]))
    assert Signal.objects.get().customer_number == "A-77"

    # The next file of that company and kind: recognised through the profile.
    upload(client, csv_content([UNKNOWN_HEADER, ["A-78", "Claes, Els", "Markt 2", "5"]]))
    second = ImportBatch.objects.get(status=ImportBatch.Status.PREVIEW)
    page = client.get(reverse("intake:preview", args=[second.pk])).content.decode()
    assert "bewaard kolomprofiel" in page
    assert "Niet alle verplichte gegevens" not in page


def test_the_profile_is_per_company(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([UNKNOWN_HEADER, UNKNOWN_ROW]))
    _map(client, ImportBatch.objects.get(), ["customer_number", "full_name", "address", ""])
    upload(client, csv_content([UNKNOWN_HEADER, UNKNOWN_ROW]), company_name="Pidpa")
    other = ImportBatch.objects.get(company__name="Pidpa")
    page = client.get(reverse("intake:preview", args=[other.pk])).content.decode()
    assert "Niet alle verplichte gegevens zijn herkend:" in page


def test_the_mapping_form_refuses_a_field_twice_and_a_missing_required_field(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([UNKNOWN_HEADER, UNKNOWN_ROW]))
    batch = ImportBatch.objects.get()
    response = _map(client, batch, ["customer_number", "customer_number", "", ""])
    assert response.status_code == 400
    page = response.content.decode()
    assert "is al gekoppeld aan kolom" in page
    assert "Koppel nog een kolom aan: Naam" in page
    assert not ColumnProfile.objects.exists()


def test_a_lac_list_without_session_date_needs_the_date_at_upload(onthaal, login):
    client = login(onthaal)
    rows = [["Klantnummer", "Naam", "Voornaam"], ["1001", "Peeters", "Jan"]]
    upload(client, csv_content(rows), kind="lac-water", company_name="De Watergroep")
    batch = ImportBatch.objects.get()
    page = client.get(reverse("intake:preview", args=[batch.pk])).content.decode()
    assert "Datum LAC-zitting" in page and "Bevestigen" not in page

    upload(
        client,
        csv_content(rows) + b"\r\n",
        kind="lac-water",
        company_name="De Watergroep",
        session_date="2026-12-15",
    )
    dated = ImportBatch.objects.get(session_date__isnull=False)
    client.post(reverse("intake:confirm", args=[dated.pk]))
    dossier = Dossier.objects.get()
    assert dossier.deadline == datetime.date(2026, 12, 15)
    assert Signal.objects.get().session_date == datetime.date(2026, 12, 15)


def test_a_lac_list_must_come_from_a_company_of_its_kind(onthaal, login):
    client = login(onthaal)
    response = upload(client, csv_content([HEADER, GOOD]), kind="lac-energie", company_name="Farys")
    assert response.status_code == 200
    assert "Farys is geen netbeheerder" in response.content.decode()
    assert not ImportBatch.objects.exists()
