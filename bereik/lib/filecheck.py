"""Recognise an uploaded document by its content, not by its name, and check its structure.

`sniff(file)` returns one of "pdf", "png", "jpeg", "docx", "xlsx" or None. The first bytes say
what the file claims to be; then the file must hold up as that: a PDF must parse (pypdf: its cross
reference table or a rebuilt one, a catalogue and its pages), an image must decode (Pillow, with
its limit on the number of pixels), DOCX and XLSX are zip packages that must open, pass their
checksums and hold the parts of a Word or Excel file, and are refused when they look like a zip
bomb (too many entries, or far more data inside than outside). A file that claims a kind but does
not hold up as it (an HTML page behind a `%PDF` header) raises `UnsafeFile`.
"""

import logging
import threading
import zipfile
import zlib
from typing import BinaryIO

import pypdf
from django.utils.translation import gettext as _
from PIL import Image, ImageFile
from pypdf.errors import PyPdfError

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
# The part that makes an Office Open XML package a document of that kind.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# The parts every Office Open XML package holds.
OOXML_PARTS = ("[Content_Types].xml", "_rels/.rels")
IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG"}
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
    """The file claims a kind (its first bytes) but does not hold up as one: damaged, a file of
    another kind behind the header, or something that looks like a zip bomb. `kind` is what it
    claimed ("pdf", "png", "jpeg" or "zip")."""

    def __init__(self, reason: str, kind: str = ""):
        super().__init__(reason)
        self.kind = kind


def sniff(file: BinaryIO) -> str | None:
    """The kind of document `file` holds (read from the start; the position is restored)."""
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(8)
        for kind, signatures in SIGNATURES.items():
            if head.startswith(signatures):
                file.seek(0)
                CHECKS[kind](file)
                return kind
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _ooxml_kind(file)
        return None
    finally:
        file.seek(position)


def _check_pdf(file: BinaryIO) -> None:
    # pypdf logs what it repairs; a damaged upload is refused below, not logged.
    logger = logging.getLogger("pypdf")
    level, logger.level = logger.level, logging.CRITICAL
    try:
        reader = pypdf.PdfReader(file, strict=False)
        if reader.is_encrypted:
            return  # a protected PDF parsed up to its encryption: its pages can't be read here
        if len(reader.pages) < 1:
            raise UnsafeFile("a PDF without pages", "pdf")
        reader.pages[0].mediabox  # noqa: B018 - the first page must be a page
    except UnsafeFile:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        raise UnsafeFile(f"not a readable PDF: {error}", "pdf") from error
    except RecursionError as error:
        raise UnsafeFile("a PDF that refers to itself", "pdf") from error
    finally:
        logger.level = level


# WeasyPrint, once imported, sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which makes a
# truncated image load without an error; the check turns it off while it decodes.
_strict_decoding = threading.Lock()


def _check_image(kind: str):
    def check(file: BinaryIO) -> None:
        try:
            with Image.open(file) as image:
                if image.format != IMAGE_FORMATS[kind]:
                    raise UnsafeFile(f"not a {kind} image", kind)
                with _strict_decoding:
                    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
                    ImageFile.LOAD_TRUNCATED_IMAGES = False
                    try:
                        image.load()  # decodes every pixel: a truncated image fails here
                    finally:
                        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
        except UnsafeFile:
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise UnsafeFile(f"not a readable {kind} image: {error}", kind) from error

    return check


CHECKS = {"pdf": _check_pdf, "png": _check_image("png"), "jpeg": _check_image("jpeg")}


def _ooxml_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as package:
            infos = package.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UnsafeFile("too many entries", "zip")
            compressed = sum(info.compress_size for info in infos) or 1
            uncompressed = sum(info.file_size for info in infos)
            if uncompressed > MAX_ZIP_UNCOMPRESSED or uncompressed / compressed > MAX_ZIP_RATIO:
                raise UnsafeFile("suspicious compression", "zip")
            names = {info.filename for info in infos}
            if not all(part in names for part in OOXML_PARTS):
                return None
            kind = next((k for k, part in OOXML_MAIN_PART.items() if part in names), None)
            if kind is None:
                return None
            # Every part must decompress and match its checksum (bounded by the ratio above).
            if package.testzip() is not None:
                raise UnsafeFile("damaged package", "zip")
            return kind
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as error:
        raise UnsafeFile("damaged package", "zip") from error


def extension_matches(filename: str, kind: str) -> bool:
    return filename.lower().endswith(EXTENSIONS[kind])


def refusal(error: UnsafeFile, name: str) -> str:
    """What to tell the person who uploaded `name`, in Dutch, when `sniff` raised `error`."""
    if error.kind == "pdf":
        text = _(
            "'%(name)s' begint als een PDF, maar is geen leesbaar PDF-document (beschadigd, of "
            "een ander soort bestand met een PDF-kop). Het is niet bewaard."
        )
    elif error.kind in IMAGE_FORMATS:
        text = _(
            "'%(name)s' begint als een afbeelding, maar is geen leesbare afbeelding (beschadigd "
            "of vervalst). Het is niet bewaard."
        )
    else:
        text = _(
            "'%(name)s' is een beschadigd of verdacht pakket (een Word- of Excel-bestand moet "
            "een geldig zip-bestand met de juiste onderdelen zijn). Het is niet bewaard."
        )
    return text % {"name": name}
