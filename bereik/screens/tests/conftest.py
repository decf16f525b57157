import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bereik.screens import actions


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limits count in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def screen(db):
    return actions.screen_create(
        name="Wachtzaal gelijkvloers", location="Kazernestraat", actor=None
    )


@pytest.fixture
def other_screen(db):
    return actions.screen_create(name="Wachtzaal eerste verdiep", actor=None)


@pytest.fixture
def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#0b4f6c").save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")
