"""The company and the kind are proposed from the file where it says them (a title row naming
the company, an EAN column for Fluvius), shown with why, and used only once the user confirms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bereik.intake import actions, detect
from bereik.intake.models import ImportBatch
from bereik.intake.rules import ImportRefused
from bereik.intake.tests.conftest import company, csv_content, sample
from bereik.lib import tabular

pytestmark = pytest.mark.django_db


def table(content: bytes, name: str = "lijst.csv"):
    return tabular.read_table(content, filename=name, header_score=detect.header_score)


def test_a_title_row_names_the_company_and_the_lac():
    proposal = detect.propose(table(sample("watergroep-lac-water.xlsx"), "lijst.xlsx"))
    assert (proposal.kind, proposal.company) == ("lac-water", company("De Watergroep"))
    assert "de titel van het bestand noemt De Watergroep" in proposal.reasons


def test_an_ean_column_points_to_fluvius_and_the_columns_to_its_lac_request():
    proposal = detect.propose(table(sample("fluvius-lac-energie.csv")))
    assert (proposal.kind, proposal.company) == ("lac-energie", company("Fluvius"))
    assert any("EAN" in reason for reason in proposal.reasons)


def test_a_file_that_says_nothing_proposes_nothing():
    content = csv_content([["Nummer", "Persoon"], ["1", "Peeters Jan"]])
    proposal = detect.propose(table(content))
    assert (proposal.kind, proposal.company, proposal.reasons) == ("", None, [])


def test_columns_that_fit_two_kinds_equally_propose_no_kind():
    content = csv_content([["Klantnummer", "Naam", "Datum LAC"], ["1", "Peeters Jan", "8/12/2026"]])
    assert detect.propose(table(content)).kind == ""


def upload(client, content, name, **data):
    return client.post(
        reverse("intake:upload"),
        {"file": SimpleUploadedFile(name, content), "kind": "", **data},
    )


def test_an_upload_without_kind_and_company_waits_for_the_user_to_confirm_them(onthaal, login):
    client = login(onthaal)
    response = upload(client, sample("fluvius-lac-energie.csv"), "aanvragen.csv")
    batch = ImportBatch.objects.get()
    assert batch.options["to_confirm"] is True
    assert response["Location"] == reverse("intake:preview", args=[batch.pk])
    # The preview is not shown before the user confirmed; the proposal is, with why.
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == reverse("intake:kind", args=[batch.pk])
    content = page.content.decode()
    assert "Bereik stelt voor wat het in het bestand las" in content
    assert "hoort bij de netbeheerder Fluvius" in content
    assert page.context["form"]["kind"].value() == "lac-energie"
    # Confirming is refused until then.
    with pytest.raises(ImportRefused, match="Bevestig eerst"):
        actions.import_confirm(batch, actor=onthaal)

    response = client.post(
        reverse("intake:kind", args=[batch.pk]),
        {"kind": "lac-energie", "company": company("Fluvius").pk},
    )
    assert response["Location"] == reverse("intake:preview", args=[batch.pk])
    batch.refresh_from_db()
    assert (batch.kind, batch.company.name) == ("lac-energie", "Fluvius")
    assert "to_confirm" not in batch.options
    page = client.get(reverse("intake:preview", args=[batch.pk])).content.decode()
    assert "voorgesteld uit het bestand en door jou bevestigd" in page


def test_the_user_may_change_what_was_proposed(onthaal, login):
    client = login(onthaal)
    upload(client, sample("farys-verwittigingen.csv"), "lijst.csv")
    batch = ImportBatch.objects.get()
    assert batch.company is None  # the file does not say it: not guessed
    response = client.post(reverse("intake:kind", args=[batch.pk]), {"kind": "verwittiging"})
    assert "Kies de maatschappij" in response.content.decode()
    client.post(
        reverse("intake:kind", args=[batch.pk]),
        {"kind": "verwittiging", "company": company("Farys").pk},
    )
    batch.refresh_from_db()
    assert batch.company.name == "Farys" and not batch.options.get("to_confirm")


def test_a_company_chosen_against_the_file_is_pointed_out_on_the_preview(onthaal, login):
    client = login(onthaal)
    response = upload(
        client,
        sample("watergroep-lac-water.xlsx"),
        "lijst.xlsx",
        kind="lac-water",
        company=company("Farys").pk,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Het bestand lijkt van De Watergroep te komen" in page
    assert "je koos Farys" in page


def test_the_kind_page_is_for_importers_only(onthaal, mw, login):
    upload(login(onthaal), sample("fluvius-lac-energie.csv"), "a.csv")
    batch = ImportBatch.objects.get()
    assert login(mw).get(reverse("intake:kind", args=[batch.pk])).status_code == 403
