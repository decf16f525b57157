from pathlib import Path

import pytest

from bereik.organisation.models import Company

DATA = Path(__file__).parent / "data"

SAMPLES = {
    "watergroep-lac-water.xlsx": ("lac-water", "De Watergroep"),
    "farys-verwittigingen.csv": ("verwittiging", "Farys"),
    "watergroep-weekrapport.csv": ("weekrapport", "De Watergroep"),
    "fluvius-lac-energie.csv": ("lac-energie", "Fluvius"),
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to the real media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def company(name: str) -> Company:
    return Company.objects.get(name=name)


def csv_content(rows, *, delimiter=";", encoding="utf-8") -> bytes:
    return "\r\n".join(delimiter.join(str(cell) for cell in row) for row in rows).encode(encoding)


def upload(client, content: bytes, *, name="lijst.csv", kind="verwittiging", company_name="Farys",
           **extra):  # fmt: skip
    """POST a file to the upload page, as the browser does."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = {"file": SimpleUploadedFile(name, content), "kind": kind}
    data["company"] = company(company_name).pk
    data.update(extra)
    return client.post(reverse("intake:upload"), data)


@pytest.fixture
def sample_today(time_machine):
    """Today as the sample files and the demo know it: 27 November 2026."""
    import datetime
    import zoneinfo

    moment = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(moment, tick=False)
    return moment.date()
