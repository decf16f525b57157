"""Bad and hostile files are refused with a clear message, and nothing is stored."""

import io
import time
import zipfile

import pytest

from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import csv_content, sample, upload

pytestmark = pytest.mark.django_db


def assert_refused(response, message, media_root):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    stored = [path for path in media_root.rglob("*") if path.is_file()]
    assert stored == []


def test_it_refuses_a_file_above_the_upload_limit(onthaal, login, settings, media_root):
    settings.BEREIK_MAX_UPLOAD_BYTES = 1000
    response = upload(login(onthaal), csv_content([["Klantnummer", "Naam"]] + [["1", "x"]] * 300))
    assert_refused(response, "Het bestand is te groot", media_root)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample("watergroep-lac-water.xlsx"))) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/media/bom.bin", "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                stream.write(chunk)
    return buffer.getvalue()


def test_it_refuses_a_zip_bomb_quickly(onthaal, login, media_root):
    client = login(onthaal)
    content = _bomb()
    started = time.perf_counter()
    response = upload(client, content, name="lijst.xlsx", kind="lac-water",
                      company_name="De Watergroep")  # fmt: skip
    assert time.perf_counter() - started < 1
    assert_refused(response, "zou uitgepakt", media_root)


def test_it_refuses_a_workbook_declaring_xml_entities(onthaal, login, media_root):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample("watergroep-lac-water.xlsx"))) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + parts["xl/workbook.xml"].split(b"?>", 1)[-1]
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    response = upload(login(onthaal), buffer.getvalue(), name="lijst.xlsx", kind="lac-water",
                      company_name="De Watergroep")  # fmt: skip
    assert_refused(response, "XML-declaraties (DOCTYPE of entiteiten)", media_root)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4 fake %%EOF", "lijst.csv", "geen CSV-bestand"),
        (csv_content([["Klantnummer"], ["1"]]), "lijst.xlsx", "geen Excel-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "lijst.xls", "Excel 97-2003"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "foto.csv", "afbeelding"),
    ],
)
def test_it_refuses_a_file_by_its_content_not_its_name(
    onthaal, login, media_root, content, name, message
):
    response = upload(login(onthaal), content, name=name)
    assert_refused(response, message, media_root)


def test_it_refuses_a_file_without_rows(onthaal, login, media_root):
    response = upload(login(onthaal), csv_content([["Klantnummer", "Naam"]]))
    assert_refused(response, "geen gegevensrijen", media_root)
