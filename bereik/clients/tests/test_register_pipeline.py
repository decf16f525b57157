"""The register export goes through the intake's one import pipeline, as a kind of its own:
upload (no company), preview with the register's summary and rows, column mapping saved as the
register's profile, confirmation, the history, the import's page, the original file and the
command line; the same file is refused the second time."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bereik.clients import actions
from bereik.clients.models import Client
from bereik.clients.register import KIND
from bereik.clients.tests.factories import ClientFactory
from bereik.intake.models import ColumnProfile, ImportBatch

DATA = Path(__file__).parent / "data"
SAMPLE = (DATA / "register-export.csv").read_bytes()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to the real media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload_url() -> str:
    return reverse("intake:upload") + f"?soort={KIND}"


def post_file(client, content: bytes, name: str = "register.csv"):
    return client.post(upload_url(), {"file": SimpleUploadedFile(name, content), "kind": KIND})


def test_the_register_page_leads_to_the_upload_with_the_register_kind_chosen(login, onthaal):
    client = login(onthaal)
    page = client.get(reverse("clients:list")).content.decode()
    assert f'href="{reverse("intake:upload")}?soort=register"' in page

    page = client.get(upload_url()).content.decode()
    assert "Registerexport inlezen" in page
    assert 'type="hidden" name="kind" value="register"' in page
    assert 'name="company"' not in page  # the register needs no company
    assert 'name="session_date"' not in page


def test_the_register_is_a_kind_of_the_upload_form_without_company(login, onthaal):
    client = login(onthaal)
    page = client.get(reverse("intake:upload")).content.decode()
    assert '<option value="register">Cliëntenregister</option>' in page
    # Chosen in the general form, with no company: accepted.
    response = client.post(
        reverse("intake:upload"), {"file": SimpleUploadedFile("r.csv", SAMPLE), "kind": KIND}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("intake:preview", args=[batch.pk])
    assert batch.kind == KIND and batch.company is None


def test_the_register_import_end_to_end_as_onthaal(login, onthaal):
    client = login(onthaal)

    # Upload: a preview, nothing imported yet.
    response = post_file(client, SAMPLE)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.PREVIEW and batch.kind == KIND
    assert response.url == reverse("intake:preview", args=[batch.pk])

    # Preview: the register's "what will happen", its rows and its button.
    page = client.get(response.url).content.decode()
    assert "Wat er zal gebeuren" in page
    assert "360 nieuwe cliënten" in page and "360 wijzigingen in de begeleiding" in page
    assert "Maatschappelijk werkers zonder gebruiker in Bereik" in page
    assert "Alle nieuwe en gewijzigde cliënten" in page
    assert "Bevestigen en inlezen" in page
    assert "nieuwe dossiers" not in page  # not a list's summary
    assert not Client.objects.exists()

    # Column mapping: saved as the register's profile (no company), used from then on.
    headers = [
        "Cliëntnummer", "INSZ", "Naam", "Voornaam", "Geboortedatum", "Adres", "Postcode",
        "Gemeente", "Telefoon", "Begeleiding", "Intensieve begeleiding",
        "Einddatum begeleiding", "Maatschappelijk werker",
    ]  # fmt: skip
    fields = [
        "client_number", "insz", "last_name", "first_name", "birth_date", "address", "postcode",
        "city", "", "guidance_status", "intensive_guidance", "guidance_end_date",
        "social_worker",
    ]  # fmt: skip
    response = client.post(
        reverse("intake:mapping", args=[batch.pk]),
        {f"col_{index}": name for index, name in enumerate(fields)},
        follow=True,
    )
    assert "De kolomkoppeling is bewaard voor Cliëntenregister" in response.content.decode()
    profile = ColumnProfile.objects.get()
    assert profile.company is None and profile.kind == KIND
    assert profile.mapping == dict(zip(headers, fields, strict=True))
    assert "bewaard kolomprofiel" in response.content.decode()

    # Confirm: the clients are in the register, the user lands on it.
    response = client.post(reverse("intake:confirm", args=[batch.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("clients:list")
    assert "Register ingelezen: 360 nieuwe cliënten" in response.content.decode()
    assert Client.objects.count() == 360
    assert Client.objects.exclude(phone="").count() == 0  # the phone column was left out
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.imported_by == onthaal
    assert batch.rows_total == 360

    # History: listed with the register's counts.
    page = client.get(reverse("intake:history")).content.decode()
    assert reverse("intake:detail", args=[batch.pk]) in page and "register.csv" in page
    filtered = client.get(reverse("intake:history"), {"soort": KIND}).content.decode()
    assert "register.csv" in filtered

    # The import's page and its original file.
    page = client.get(reverse("intake:detail", args=[batch.pk])).content.decode()
    assert "Cliëntenregister" in page and "Cliëntnummer" in page
    assert reverse("clients:list") in page
    download = client.get(reverse("intake:download", args=[batch.pk]))
    assert b"".join(download.streaming_content) == SAMPLE

    # The same file a second time: refused, naming the earlier import.
    response = post_file(client, SAMPLE, name="nog-eens.csv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit bestand werd al geïmporteerd: Cliëntenregister (import" in page
    assert f"Bekijk het resultaat van import {batch.pk}" in page
    assert ImportBatch.objects.count() == 1


def test_a_register_preview_is_discarded(login, onthaal):
    client = login(onthaal)
    post_file(client, SAMPLE)
    batch = ImportBatch.objects.get()
    response = client.post(reverse("intake:discard", args=[batch.pk]))
    assert response.url == reverse("intake:history")
    assert not ImportBatch.objects.exists() and not Client.objects.exists()


@pytest.fixture
def batches(onthaal):
    imported = actions.register_import_file(SAMPLE, file_name="register.csv", actor=onthaal)
    preview = actions.register_upload(
        content=SAMPLE.replace(b"\n", b"\r\n"), file_name="register-2.csv", actor=onthaal
    )
    return imported.batch, preview


@pytest.mark.parametrize(
    "persona", ["mw", "preventiewerker", "diensthoofd", "voorzitter", "cel", "ervaringsdeskundige"]
)
def test_who_may_not_import_gets_403_on_every_step(persona, batches, login, request):
    imported, preview = batches
    client = login(request.getfixturevalue(persona))
    steps = [
        client.get(upload_url()),
        post_file(client, b"Nr;Naam\nC1;Peeters\n"),
        client.get(reverse("intake:preview", args=[preview.pk])),
        client.post(reverse("intake:mapping", args=[preview.pk]), {"col_0": "client_number"}),
        client.post(reverse("intake:confirm", args=[preview.pk])),
        client.post(reverse("intake:discard", args=[preview.pk])),
        client.get(reverse("intake:history")),
        client.get(reverse("intake:detail", args=[imported.pk])),
        client.get(reverse("intake:profiles")),
    ]
    assert [response.status_code for response in steps] == [403] * len(steps)
    # The original file is not even acknowledged (the access policy's 404).
    assert client.get(reverse("intake:download", args=[imported.pk])).status_code == 404
    preview.refresh_from_db()
    assert preview.status == ImportBatch.Status.PREVIEW
    assert ImportBatch.objects.count() == 2 and not ColumnProfile.objects.exists()


def test_the_register_preview_runs_a_fixed_number_of_queries(
    login, onthaal, django_assert_num_queries
):
    client = login(onthaal)
    few = actions.register_upload(
        content="Cliëntnummer;Naam;Voornaam;Begeleiding\nC1;Peeters;Jan;Actief\n".encode(),
        file_name="few.csv",
        actor=onthaal,
    )
    many = actions.register_upload(content=SAMPLE, file_name="many.csv", actor=onthaal)
    # Session, user with roles; the batch; the column profile; the users by name; whether the
    # register has clients (it has none: nothing is looked up); the register's clients for "no
    # longer listed"; the audit event of the read (three: the chain's head, the event, the head
    # moved on); the page's unread notifications (the organisation's name is kept a minute).
    # Not one per row, and the same with or without INSZ.
    client.get(reverse("accounts:notifications"))  # the organisation's name read
    with django_assert_num_queries(11):
        assert client.get(reverse("intake:preview", args=[few.pk])).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(reverse("intake:preview", args=[many.pk])).status_code == 200
    # With clients, of which one made in Bereik: whether any were made in Bereik, the clients
    # with these numbers, and those made in Bereik with these INSZs (a query per batch of rows).
    ClientFactory(source=Client.Source.HAND, insz="85073003328")
    with django_assert_num_queries(14):
        assert client.get(reverse("intake:preview", args=[many.pk])).status_code == 200


def test_the_command_dry_run_prints_the_same_json_summary(db):
    out = StringIO()
    path = DATA / "register-export.csv"

    call_command("import_register", str(path), "--dry-run", "--json", stdout=out)

    summary = json.loads(out.getvalue())
    assert list(summary) == [
        "status", "import", "dry_run", "rows", "clients_created", "clients_updated",
        "clients_unchanged", "rows_with_errors", "rows_with_warnings", "guidance_changes",
        "clients_missing", "clients_returning", "unmatched_workers", "unmatched_worker_names",
        "errors", "warnings", "unrecognised_columns", "mapping", "matching",
    ]  # fmt: skip
    assert {key: summary[key] for key in list(summary)[:13]} == {
        "status": "ok",
        "import": None,
        "dry_run": True,
        "rows": 360,
        "clients_created": 360,
        "clients_updated": 0,
        "clients_unchanged": 0,
        "rows_with_errors": 0,
        "rows_with_warnings": 0,
        "guidance_changes": 360,
        "clients_missing": 0,
        "clients_returning": 0,
        "unmatched_workers": 360,
    }
    assert summary["unmatched_worker_names"] == {
        "Bart Smets": 61, "Hanne Jacobs": 65, "Ilse Verbeke": 53, "Katrien Claes": 58,
        "Nele Aerts": 66, "Tom Wouters": 57,
    }  # fmt: skip
    assert (summary["errors"], summary["warnings"], summary["unrecognised_columns"]) == ([], [], [])
    assert summary["mapping"]["Cliëntnummer"] == "client_number"
    assert summary["matching"] is None
    assert not Client.objects.exists() and not ImportBatch.objects.exists()
