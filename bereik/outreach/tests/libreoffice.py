"""Open generated DOCX files in LibreOffice, as the people who print the letters do. Tests using
this skip cleanly where LibreOffice is not installed (`needs_libreoffice`)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed"
)

# A page object of the PDF (not the /Pages tree node).
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def to_pdf(directory: Path, documents: dict[str, bytes]) -> dict[str, bytes]:
    """Convert DOCX files (name -> bytes) to PDF in one LibreOffice run; name -> PDF bytes.

    A profile of its own: a LibreOffice already open on the machine (or a parallel test) would
    otherwise take the job and convert nothing."""
    sources = []
    for name, data in documents.items():
        source = directory / f"{name}.docx"
        source.write_bytes(data)
        sources.append(str(source))
    profile = (directory / "libreoffice-profile").as_uri()
    # Fixed arguments and files this test wrote itself.
    subprocess.run(  # noqa: S603
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(directory),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: (directory / f"{name}.pdf").read_bytes() for name in documents}


def page_count(pdf: bytes) -> int:
    return len(_PAGE.findall(pdf))
