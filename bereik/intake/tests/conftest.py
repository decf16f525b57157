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
