"""Notes and documents restricted to a team, document checks, and downloads as logged reads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument
from PIL import Image

from bereik.accounts import roles
from bereik.audit.models import AuditEvent
from bereik.followup import actions
from bereik.followup.models import Document
from bereik.followup.tests.factories import reached_dossier
from bereik.intake.demo import tiny_pdf

PDF = tiny_pdf(["Loonbrief"])


def image_bytes(kind="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, kind)
    return buffer.getvalue()


PNG = image_bytes()
JPEG = image_bytes("JPEG")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def dossier(mw, team):
    """Mia's dossier (Sociale Dienst), shared with the Energie- en Watercel."""
    dossier = reached_dossier(mw, team["sociale_dienst"])
    dossier.shared_with.add(team["energiecel"])
    return dossier


def upload(name="brief.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def test_a_restricted_note_is_only_for_the_writers_team(
    dossier, mw, cel, preventiewerker, diensthoofd, team, login
):
    actions.note_add(dossier, text="Open gesprek.", actor=mw)
    actions.note_add(
        dossier,
        text="Vertrouwelijk: gezinssituatie.",
        restricted_to_team=team["sociale_dienst"],
        actor=mw,
    )

    assert "Vertrouwelijk" in login(mw).get(dossier.get_absolute_url()).content.decode()
    for outsider in (cel, preventiewerker, diensthoofd):
        client = login(outsider)
        page = client.get(dossier.get_absolute_url()).content.decode()
        timeline = client.get(reverse("followup:timeline", args=[dossier.pk])).content.decode()
        assert "Open gesprek." in page, outsider
        assert "Vertrouwelijk" not in page, outsider
        assert "Vertrouwelijk" not in timeline, outsider


def test_it_refuses_to_restrict_to_a_team_the_writer_is_not_in(dossier, mw, team, login):
    response = login(mw).post(
        reverse("followup:note_add", args=[dossier.pk]),
        {"text": "Geheim", "visibility": team["energiecel"].pk},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["visibility"]
    assert not dossier.events.filter(kind="note").exists()


def test_a_restricted_document_is_hidden_and_refused_to_other_teams(dossier, mw, cel, team, login):
    document = actions.document_add(
        dossier, upload=upload(), restricted_to_team=team["sociale_dienst"], actor=mw
    )
    url = reverse("followup:document_download", args=[document.pk])

    client = login(cel)
    assert "brief.pdf" not in client.get(dossier.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 404
    assert not roles.can_see_restricted(cel, team["sociale_dienst"].pk)

    client = login(mw)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_every_download_is_a_logged_read(dossier, mw, cel, login):
    document = actions.document_add(dossier, upload=upload(), actor=mw)

    response = login(cel).get(reverse("followup:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    b"".join(response.streaming_content)  # the read is written once the file has gone
    read = AuditEvent.objects.get(kind=AuditEvent.Kind.READ, action="document.view")
    assert read.actor == cel
    assert read.object_id == str(document.pk)
    assert read.subject_id == str(dossier.pk)


def test_someone_outside_the_dossier_gets_a_404(dossier, mw, mw_other, ervaringsdeskundige, login):
    document = actions.document_add(dossier, upload=upload(), actor=mw)

    for outsider in (mw_other, ervaringsdeskundige):
        response = login(outsider).get(reverse("followup:document_download", args=[document.pk]))
        assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).exists()


def test_the_upload_form_stores_the_file_under_a_random_name(dossier, mw, settings, login):
    response = login(mw).post(
        reverse("followup:document_add", args=[dossier.pk]),
        {"upload": upload("Jansens loonbrief.pdf"), "description": "Loonbrief"},
    )

    document = Document.objects.get()
    assert response.status_code == 302
    assert document.original_name == "Jansens loonbrief.pdf"
    assert "Jansens" not in document.file.name
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == PDF


def test_word_documents_are_accepted(dossier, mw):
    buffer = io.BytesIO()
    WordDocument().save(buffer)

    document = actions.document_add(
        dossier, upload=upload("verslag.docx", buffer.getvalue()), actor=mw
    )

    assert document.kind == Document.Kind.DOCX


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "geen PDF"),
        ("foto.pdf", PNG, "past niet bij de inhoud"),
        ("leeg.pdf", b"", "is leeg"),
        # Only the first bytes of a PDF: an HTML page behind the header.
        (
            "brief.pdf",
            b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
            "geen leesbaar PDF-document",
        ),
        ("brief.pdf", PDF[: len(PDF) // 2], "geen leesbaar PDF-document"),
        ("foto.png", PNG[:60], "geen leesbare afbeelding"),
        ("foto.jpg", JPEG[:200], "geen leesbare afbeelding"),
        ("foto.png", b"\x89PNG\r\n\x1a\n<svg onload='alert(1)'/>", "geen leesbare afbeelding"),
    ],
)
def test_it_refuses_files_by_content_with_a_clear_message(
    dossier, mw, login, name, content, message
):
    response = login(mw).post(
        reverse("followup:document_add", args=[dossier.pk]), {"upload": upload(name, content)}
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["upload"])
    assert not Document.objects.exists()


def test_it_refuses_files_over_the_size_limit(dossier, mw, settings, login, tmp_path):
    settings.BEREIK_MAX_UPLOAD_BYTES = 100

    response = login(mw).post(
        reverse("followup:document_add", args=[dossier.pk]),
        {"upload": upload("groot.pdf", PDF + b"0" * 200)},
    )

    assert "te groot" in " ".join(response.context["form"].errors["upload"])
    assert not Document.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_the_diensthoofd_reads_but_cannot_upload(dossier, mw, diensthoofd, login):
    actions.document_add(dossier, upload=upload(), actor=mw)
    client = login(diensthoofd)

    assert "brief.pdf" in client.get(dossier.get_absolute_url()).content.decode()
    response = client.post(
        reverse("followup:document_add", args=[dossier.pk]), {"upload": upload("x.pdf")}
    )
    assert response.status_code == 404
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name,content", [("foto.png", PNG), ("foto.jpg", JPEG)])
def test_images_that_decode_are_accepted(dossier, mw, name, content):
    document = actions.document_add(dossier, upload=upload(name, content), actor=mw)

    assert document.kind == ("png" if name.endswith("png") else "jpeg")


def test_a_word_file_without_its_parts_is_refused(dossier, mw, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")  # no _rels/.rels
    response = login(mw).post(
        reverse("followup:document_add", args=[dossier.pk]),
        {"upload": upload("verslag.docx", buffer.getvalue())},
    )

    assert "geen PDF, PNG, JPEG" in " ".join(response.context["form"].errors["upload"])
    assert not Document.objects.exists()
