"""A PDF or Word file never replaces the application: PDFs (the route sheet, the brochure) open in a
new tab, announced to screen readers; Word files (letters, batches, templates) are downloads."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bereik.intake.demo import tiny_pdf
from bereik.outreach import actions, next_step
from bereik.outreach.models import Brochure, ContactAttempt, PartOfDay

D = datetime.date
PDF_URLS = ("/contacten/huisbezoeken/routeblad/", "/contacten/brochure/")
NEW_TAB = "(opent in een nieuw tabblad)"


def _links_to(page: str, prefixes) -> list[str]:
    links = re.findall(r"<a\b[^>]*>.*?</a>", page, flags=re.S)
    return [link for link in links if any(f'href="{prefix}' in link for prefix in prefixes)]


def _assert_new_tab(page: str, prefixes=PDF_URLS) -> int:
    links = _links_to(page, prefixes)
    for link in links:
        assert 'target="_blank"' in link, link
        assert 'rel="noopener"' in link, link
        assert f'<span class="visually-hidden"> {NEW_TAB}</span>' in link, link
    return len(links)


@pytest.fixture
def visit_today(frozen_today, route_c_dossier, preventiewerker):
    return actions.visit_plan(
        route_c_dossier,
        worker=preventiewerker,
        date=frozen_today,
        part_of_day=PartOfDay.AFTERNOON,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        actor=preventiewerker,
    )


@pytest.fixture
def brochure(preventiewerker):
    return actions.brochure_upload(
        title="Goed geregeld is geld gespaard", data=tiny_pdf(["Brochure"]), actor=preventiewerker
    )


def test_the_route_sheet_opens_in_a_new_tab_from_the_planning_and_the_home_page(
    visit_today, preventiewerker, login
):
    client = login(preventiewerker)
    assert _assert_new_tab(client.get("/contacten/huisbezoeken/").content.decode()) == 1
    assert _assert_new_tab(client.get("/").content.decode()) == 1


def test_the_brochure_opens_in_a_new_tab(
    frozen_today, brochure, route_c_dossier, preventiewerker, beheerder, login
):
    letter_page = (
        login(preventiewerker)
        .get(f"/contacten/dossier/{route_c_dossier.pk}/brief/{next_step.LAST_LETTER}/")
        .content.decode()
    )
    assert _assert_new_tab(letter_page) == 1
    templates_page = login(beheerder).get("/contacten/sjablonen/").content.decode()
    assert _assert_new_tab(templates_page) == 1


def test_word_files_are_downloads(frozen_today, brochure, route_c_dossier, preventiewerker, login):
    client = login(preventiewerker)
    letter = actions.letter_generate(
        route_c_dossier, "vrije_brief", actor=preventiewerker, subject="Afspraak", body="Tekst"
    )
    batch = actions.letters_generate_batch(
        [route_c_dossier], "vrije_brief", actor=preventiewerker, subject="Afspraak", body="Tekst"
    )
    for url in (
        f"/contacten/brief/{letter.pk}/download/",
        f"/contacten/brieven/reeks/{batch.pk}/download/",
    ):
        response = client.get(url)
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_the_pdfs_themselves_are_named(visit_today, brochure, preventiewerker, login):
    client = login(preventiewerker)
    sheet = client.get("/contacten/huisbezoeken/routeblad/?datum=2026-11-27")
    assert sheet["Content-Type"] == "application/pdf"
    assert 'filename="routeblad-2026-11-27.pdf"' in sheet["Content-Disposition"]
    brochure = client.get("/contacten/brochure/")
    assert brochure["Content-Disposition"] == 'inline; filename="brochure.pdf"'
    # Opened in a tab, but never read as anything else than a PDF.
    for response in (sheet, brochure):
        assert response["Content-Disposition"].startswith("inline;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_only_starts_like_a_pdf_is_no_brochure(preventiewerker, beheerder, login):
    fake = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"
    with pytest.raises(ValidationError):
        actions.brochure_upload(title="Brochure", data=fake, actor=preventiewerker)
    response = login(beheerder).post(
        "/contacten/brochure/opladen/",
        {"title": "Brochure", "file": SimpleUploadedFile("brochure.pdf", fake)},
    )
    assert "geen leesbaar PDF-document" in response.content.decode()
    assert not Brochure.objects.exists()
