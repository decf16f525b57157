import io
import zipfile

import pypdf
import pytest
from docx import Document as WordDocument
from openpyxl import Workbook
from PIL import Image, ImageFile

from bereik.lib import filecheck


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(buffer, kind)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
PDF = pdf_bytes()
HTML_BEHIND_PDF = (
    b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF"
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    WordDocument().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content,kind",
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg")],
)
def test_it_recognises_files_by_their_first_bytes_and_structure(content, kind):
    assert filecheck.sniff(io.BytesIO(content)) == kind


def test_it_recognises_word_and_excel_packages():
    assert filecheck.sniff(io.BytesIO(docx_bytes())) == "docx"
    assert filecheck.sniff(io.BytesIO(xlsx_bytes())) == "xlsx"


def test_it_does_not_move_the_file_position():
    handle = io.BytesIO(PDF)
    handle.seek(3)
    filecheck.sniff(handle)
    assert handle.tell() == 3


def test_a_plain_zip_or_text_is_not_a_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hallo")
    assert filecheck.sniff(buffer) is None
    assert filecheck.sniff(io.BytesIO(b"MZ\x90\x00 executable")) is None


def test_it_refuses_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"0" * 5_000_000)
    with pytest.raises(filecheck.UnsafeFile):
        filecheck.sniff(buffer)


def test_a_damaged_package_is_unsafe():
    with pytest.raises(filecheck.UnsafeFile):
        filecheck.sniff(io.BytesIO(b"PK\x03\x04 not really a zip"))


def test_the_extension_must_fit_the_kind():
    assert filecheck.extension_matches("Factuur.JPG", "jpeg")
    assert not filecheck.extension_matches("factuur.pdf", "png")


@pytest.mark.parametrize(
    "content,claimed",
    [
        (HTML_BEHIND_PDF, "pdf"),
        (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n", "pdf"),  # no cross-reference, no pages
        (PDF[: len(PDF) // 2], "pdf"),
        (PNG[:40], "png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "png"),
        (JPEG[:100], "jpeg"),
        (b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>", "jpeg"),
    ],
)
def test_a_file_that_only_starts_like_a_document_is_unsafe(content, claimed):
    with pytest.raises(filecheck.UnsafeFile) as refused:
        filecheck.sniff(io.BytesIO(content))
    assert refused.value.kind == claimed
    message = filecheck.refusal(refused.value, "brief.pdf")
    assert "'brief.pdf'" in message and "niet bewaard" in message


def test_a_package_without_the_parts_of_an_office_file_is_not_a_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    assert filecheck.sniff(buffer) is None  # no _rels/.rels


def test_a_package_with_a_damaged_part_is_unsafe():
    content = bytearray(docx_bytes())
    position = content.index(b"word/document.xml") + 40  # inside that part's compressed data
    content[position : position + 8] = b"\x00" * 8
    with pytest.raises(filecheck.UnsafeFile):
        filecheck.sniff(io.BytesIO(bytes(content)))


def test_an_image_bomb_is_unsafe(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50)  # the 20 x 10 image counts as a bomb
    with pytest.raises(filecheck.UnsafeFile):
        filecheck.sniff(io.BytesIO(PNG))


@pytest.mark.parametrize("content", [PNG[:50], JPEG[:200]])
def test_a_truncated_image_is_unsafe_even_where_pillow_was_told_to_tolerate_it(
    monkeypatch, content
):
    # WeasyPrint sets this for the whole process when it is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(filecheck.UnsafeFile):
        filecheck.sniff(io.BytesIO(content))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as it was found
