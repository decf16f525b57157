"""What onthaal reads after an upload: counts in correct Dutch, a link to the earlier import."""

import pytest
from django.urls import reverse

from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import csv_content, upload
from bereik.intake.tests.test_preview import GOOD, HEADER, NO_NUMBER

pytestmark = pytest.mark.django_db


def test_the_confirmation_and_the_import_page_count_in_correct_dutch(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([HEADER, GOOD, NO_NUMBER]))
    batch = ImportBatch.objects.get()
    response = client.post(reverse("intake:confirm", args=[batch.pk]), follow=True)
    page = response.content.decode()
    assert "1 rijen" not in page and "1 nieuwe" not in page
    assert "rijen met fouten: 1" in page  # the message
    assert "<strong>1</strong> rij met fouten" in page
    assert "<strong>1</strong> nieuw dossier" in page
    assert "Klantnummer (Klantnummer)" not in page


def test_a_refused_upload_links_to_the_earlier_import(onthaal, login):
    client = login(onthaal)
    content = csv_content([HEADER, GOOD])
    upload(client, content)
    batch = ImportBatch.objects.get()
    client.post(reverse("intake:confirm", args=[batch.pk]))
    page = upload(client, content, name="opnieuw.csv").content.decode()
    assert f'href="{reverse("intake:detail", args=[batch.pk])}"' in page
    assert f"Bekijk het resultaat van import {batch.pk}" in page


def test_the_page_of_a_register_import_speaks_of_clients(onthaal, login):
    from pathlib import Path

    from bereik.clients import actions as client_actions

    data = Path(__file__).parents[2] / "clients" / "tests" / "data" / "register-export.csv"
    result = client_actions.register_import_file(
        data.read_bytes(), file_name="register.csv", actor=onthaal
    )
    page = login(onthaal).get(reverse("intake:detail", args=[result.batch.pk])).content.decode()
    assert "nieuwe signalen" not in page and "Cliëntnummer" in page
    assert reverse("clients:list") in page


def test_the_preview_shows_amounts_and_extra_values_in_belgian_format(onthaal, login):
    header = ["EAN", "Naam", "Straat", "Postcode", "Gemeente", "Schuld elektriciteit",
              "Schuld gas", "Datum aanvraag", "Datum LAC"]  # fmt: skip
    row = ["541459128978638465", "Vandevelde Gül", "Tiensesteenweg 16", "3806", "Velm",
           "1.377,02", "10,5", "18/11/2026", "17/12/2026"]  # fmt: skip
    client = login(onthaal)
    response = upload(
        client, csv_content([header, row]), kind="lac-energie", company_name="Fluvius"
    )
    page = client.get(response.url).content.decode()
    assert "Schuld elektriciteit:</span> 1.377,02" in page
    assert "Schuld gas:</span> 10,50" in page
    assert "€\u00a01.387,52" in page  # the debts together are the amount due


def test_a_list_with_nothing_new_says_so(onthaal, login):
    client = login(onthaal)
    upload(client, csv_content([HEADER, GOOD]))
    client.post(reverse("intake:confirm", args=[ImportBatch.objects.get().pk]))
    response = upload(client, csv_content([HEADER, GOOD, GOOD]), name="weer.csv")
    page = client.get(response.url).content.decode()
    assert "Deze lijst brengt niets nieuws" in page
    assert "Bevestigen: alleen de lijst bewaren" in page
    assert "0 signalen" not in page
