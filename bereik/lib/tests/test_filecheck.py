import io
import zipfile

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from bereik.lib import filecheck

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


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
def test_it_recognises_files_by_their_first_bytes(content, kind):
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
