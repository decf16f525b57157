"""The import history, an import's page, the home panel, the nav and the dossier's signals."""

import pytest
from django.urls import reverse

from bereik.dossiers.models import Dossier
from bereik.intake import actions
from bereik.intake.models import ColumnProfile, ImportBatch
from bereik.intake.tests.conftest import SAMPLES, company, csv_content, sample, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_today")]


def import_sample(name, actor):
    kind, company_name = SAMPLES[name]
    return actions.import_file(
        sample(name), file_name=name, kind=kind, company=company(company_name), actor=actor
    ).batch


def test_the_history_lists_every_import(onthaal, login, django_assert_max_num_queries):
    batches = [import_sample(name, onthaal) for name in sorted(SAMPLES)]
    client = login(onthaal)
    upload(client, csv_content([["Klantnummer", "Naam"], ["1", "Peeters, Jan"]]))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("intake:history")).content.decode()
    for batch in batches:
        assert reverse("intake:detail", args=[batch.pk]) in page
        assert batch.file_name in page
    assert "voorbeeld, niet bevestigd" in page
    filtered = client.get(reverse("intake:history"), {"soort": "weekrapport"}).content.decode()
    assert "watergroep-weekrapport.csv" in filtered and "farys-verwittigingen.csv" not in filtered


def test_an_import_page_shows_the_result_of_every_row_with_masked_insz(onthaal, login):
    batch = import_sample("watergroep-lac-water.xlsx", onthaal)
    page = login(onthaal).get(reverse("intake:detail", args=[batch.pk])).content.decode()
    assert "watergroep-lac-water.xlsx" in page
    assert reverse("intake:download", args=[batch.pk]) in page
    assert page.count("nieuw dossier") >= 40
    dossier = Dossier.objects.get(customer_number="7886092")
    assert dossier.get_absolute_url() in page


def test_rows_that_became_no_signal_show_their_raw_data_with_the_insz_masked(onthaal, login):
    header = ["Klantnummer", "Naam", "Voornaam", "Rijksregisternummer", "Datum LAC"]
    content = csv_content([header, ["", "Peeters", "Jan", "93051822361", "08/12/2026"]])
    batch = actions.import_file(content, file_name="lac.csv", kind="lac-water",
                                company=company("De Watergroep"), actor=onthaal)  # fmt: skip
    page = login(onthaal).get(reverse("intake:detail", args=[batch.batch.pk])).content.decode()
    assert "Klantnummer is leeg" in page
    assert "Peeters" in page
    assert "93051822361" not in page
    assert "••.••.••-•••.61" in page


def test_the_dossier_page_shows_signals_with_raw_data_masked_insz_and_days_left(onthaal, login):
    import_sample("watergroep-lac-water.xlsx", onthaal)
    dossier = Dossier.objects.get(customer_number="7886092")
    page = login(onthaal).get(dossier.get_absolute_url()).content.decode()
    assert "LAC-oproeping water" in page
    assert "Oorspronkelijke gegevens" in page
    assert "Speelhoflaan" in page
    assert "86111655968" not in page  # the raw INSZ column is masked
    assert "nog 11 dagen" in page


def test_the_home_page_of_onthaal_has_the_import_panel(onthaal, mw, login):
    batch = import_sample("farys-verwittigingen.csv", onthaal)
    page = login(onthaal).get(reverse("home")).content.decode()
    assert "Lijsten en documenten importeren" in page
    assert reverse("intake:upload") in page
    assert reverse("intake:detail", args=[batch.pk]) in page
    assert "Lijsten en documenten importeren" not in login(mw).get(reverse("home")).content.decode()


def test_the_navigation_shows_import_to_importers_only(onthaal, mw, login):
    url = reverse("intake:history")
    assert f'href="{url}"' in login(onthaal).get(reverse("home")).content.decode()
    assert f'href="{url}"' not in login(mw).get(reverse("home")).content.decode()


def test_profiles_are_listed_and_can_be_removed(beheerder, login):
    profile = actions.column_profile_save(
        company=company("Farys"),
        kind="verwittiging",
        mapping={"Referentie": "customer_number", "Rest": ""},
        actor=beheerder,
    )
    client = login(beheerder)
    page = client.get(reverse("intake:profiles")).content.decode()
    assert "Referentie → Klantnummer" in page
    client.post(reverse("intake:profile_delete", args=[profile.pk]))
    assert not ColumnProfile.objects.exists()


def test_a_preview_of_another_user_can_be_confirmed_by_a_colleague(onthaal, beheerder, login):
    upload(login(onthaal), csv_content([["Klantnummer", "Naam"], ["1", "Peeters, Jan"]]))
    batch = ImportBatch.objects.get()
    client = login(beheerder)
    assert client.get(reverse("intake:preview", args=[batch.pk])).status_code == 200
    client.post(reverse("intake:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.imported_by == beheerder and batch.created_by == onthaal
