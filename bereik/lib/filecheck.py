"""Recognise an uploaded document by its content, not by its name.

`sniff(head, file)` returns one of "pdf", "png", "jpeg", "docx", "xlsx" or None. DOCX and XLSX are
zip packages: the zip is opened and checked for the part that makes it a Word or Excel file, and
refused when it looks like a zip bomb (too many entries, or far more data inside than outside).
"""

import zipfile
from typing import BinaryIO

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
# The part that makes an Office Open XML package a document of that kind.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 100  # uncompressed / compressed, over the whole package
MAX_ZIP_UNCOMPRESSED = 500 * 1024 * 1024


class UnsafeFile(ValueError):
    """The file claims to be a package but is damaged or looks like a zip bomb."""


def sniff(file: BinaryIO) -> str | None:
    """The kind of document `file` holds (read from the start; the position is restored)."""
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(8)
        for kind, signatures in SIGNATURES.items():
            if head.startswith(signatures):
                return kind
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _ooxml_kind(file)
        return None
    finally:
        file.seek(position)


def _ooxml_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as package:
            infos = package.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UnsafeFile("too many entries")
            compressed = sum(info.compress_size for info in infos) or 1
            uncompressed = sum(info.file_size for info in infos)
            if uncompressed > MAX_ZIP_UNCOMPRESSED or uncompressed / compressed > MAX_ZIP_RATIO:
                raise UnsafeFile("suspicious compression")
            names = {info.filename for info in infos}
    except zipfile.BadZipFile as error:
        raise UnsafeFile("damaged package") from error
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in OOXML_MAIN_PART.items():
        if part in names:
            return kind
    return None


def extension_matches(filename: str, kind: str) -> bool:
    return filename.lower().endswith(EXTENSIONS[kind])
