"""The beheerder downloads a template, changes it and uploads it again; bad uploads are refused and
the template in use stays."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from bereik.audit.models import AuditEvent
from bereik.lib import documents
from bereik.outreach import actions, letters
from bereik.outreach.models import Brochure, LetterTemplate

CODE = "laatste_brief"


def docx_with(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, data: bytes, name="sjabloon.docx", code=CODE):
    return client.post(
        f"/contacten/sjablonen/{code}/opladen/",
        {"file": SimpleUploadedFile(name, data, content_type=documents.DOCX_CONTENT_TYPE)},
    )


def test_the_beheerder_sees_every_letter_type_with_its_placeholders_and_examples(beheerder, login):
    page = login(beheerder).get("/contacten/sjablonen/").content.decode()
    for letter_type in letters.letter_types():
        assert str(letter_type.label) in page
    assert "{{ client_naam }}" in page and "Jan Peeters" in page
    assert "{{ afspraak_dagdeel }}" in page and "voormiddag" in page
    assert "{{ brochure_titel }}" in page


@pytest.mark.parametrize(
    "method,url",
    [
        ("get", "/contacten/sjablonen/"),
        ("get", f"/contacten/sjablonen/{CODE}/download/"),
        ("post", f"/contacten/sjablonen/{CODE}/opladen/"),
        ("post", f"/contacten/sjablonen/{CODE}/standaard/"),
        ("post", "/contacten/brochure/opladen/"),
    ],
)
def test_only_the_beheerder_manages_templates(preventiewerker, login, method, url):
    response = getattr(login(preventiewerker), method)(url)
    assert response.status_code == 403


def test_the_beheerder_downloads_the_template_in_use(beheerder, login):
    response = login(beheerder).get(f"/contacten/sjablonen/{CODE}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX_CONTENT_TYPE
    assert "{{ brochure_titel }}" in documents.docx_text(response.content)


def test_an_uploaded_template_is_used_for_the_next_letter(
    beheerder, login, route_c_dossier, preventiewerker
):
    client = login(beheerder)
    response = upload(client, docx_with("Dag {{ client_naam }}, zie {{ brochure_titel }}."))
    assert response.status_code == 302
    template = LetterTemplate.objects.get(code=CODE)
    assert template.original_name == "sjabloon.docx"
    letter = actions.letter_generate(route_c_dossier, CODE, actor=preventiewerker)
    assert "Dag Jan Peeters, zie Goed geregeld is geld gespaard." in documents.docx_text(
        letter.content()
    )
    assert letter.template_version.startswith("aangepast")
    assert AuditEvent.objects.filter(action="letter_template.upload").exists()
    # The default stays available next to it.
    default = client.get(f"/contacten/sjablonen/{CODE}/download/?standaard=1")
    assert "Bijlage: folder" in documents.docx_text(default.content)


@pytest.mark.parametrize(
    "data,message",
    [
        (docx_with("Dag {{ klant_naam }}"), "onbekend veld: {{ klant_naam }}"),
        (docx_with("Dag {{ client_naam }"), "bevat een fout"),
        (docx_with("{% if client_naam %}Dag"), "niet afgesloten"),
        (b"dit is geen word-bestand", "geen Word-bestand"),
    ],
    # Named: a DOCX made at collection time differs from run to run (the time in its zip), and
    # pytest-xdist's workers must collect the same test ids.
    ids=["unknown-field", "syntax-error", "unclosed-block", "not-docx"],
)
def test_a_bad_template_is_refused_and_the_old_one_stays_in_use(
    beheerder, login, route_c_dossier, preventiewerker, data, message
):
    client = login(beheerder)
    assert upload(client, docx_with("Eerste versie voor {{ client_naam }}")).status_code == 302
    response = upload(client, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page.replace("&#x27;", "'").replace("&quot;", '"')
    assert "het vorige blijft in gebruik" in page
    letter = actions.letter_generate(route_c_dossier, CODE, actor=preventiewerker)
    assert "Eerste versie voor Jan Peeters" in documents.docx_text(letter.content())


def test_a_file_that_is_not_docx_by_name_is_refused(beheerder, login):
    response = upload(login(beheerder), docx_with("Dag"), name="sjabloon.doc")
    assert response.status_code == 400
    assert not LetterTemplate.objects.exists()


def test_the_action_itself_refuses_an_invalid_template(beheerder):
    with pytest.raises(ValidationError):
        actions.letter_template_upload(CODE, docx_with("{{ onbekend }}"), actor=beheerder)
    assert not LetterTemplate.objects.exists()


def test_the_beheerder_restores_the_default(
    beheerder, login, route_c_dossier, preventiewerker, django_capture_on_commit_callbacks
):
    client = login(beheerder)
    upload(client, docx_with("Aangepast {{ client_naam }}"))
    stored = Path(LetterTemplate.objects.get(code=CODE).file.path)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/contacten/sjablonen/{CODE}/standaard/")
    assert response.status_code == 302
    assert not LetterTemplate.objects.exists()
    letter = actions.letter_generate(route_c_dossier, CODE, actor=preventiewerker)
    assert "Bijlage: folder" in documents.docx_text(letter.content())
    assert letter.template_version == "standaard"
    assert not stored.exists()


def test_the_beheerder_uploads_the_brochure_and_the_last_letter_names_it(
    beheerder, login, route_c_dossier, preventiewerker
):
    client = login(beheerder)
    pdf = documents.html_to_pdf("<p>Brochure</p>")
    response = client.post(
        "/contacten/brochure/opladen/",
        {
            "title": "Goed geregeld, geld gespaard (2026)",
            "file": SimpleUploadedFile("brochure.pdf", pdf, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert Brochure.current().title == "Goed geregeld, geld gespaard (2026)"
    letter = actions.letter_generate(route_c_dossier, CODE, actor=preventiewerker)
    assert "Bijlage: folder ‘Goed geregeld, geld gespaard (2026)’" in documents.docx_text(
        letter.content()
    )
    # Any worker can print it to take along.
    download = login(preventiewerker).get("/contacten/brochure/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_brochure_that_is_not_a_pdf_is_refused(beheerder, login):
    response = login(beheerder).post(
        "/contacten/brochure/opladen/",
        {"title": "x", "file": SimpleUploadedFile("brochure.pdf", b"<html>", "application/pdf")},
    )
    assert response.status_code == 400
    assert "Dit is geen PDF-bestand." in response.content.decode()
    assert Brochure.current() is None
