import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bereik.audit.models import AuditEvent
from bereik.organisation.forms import LOGO_MAX_BYTES
from bereik.organisation.models import Organisation


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _image(fmt="PNG", size=(40, 20), name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def _data(**overrides):
    data = {
        "name": "OCMW Testgem",
        "street": "Markt 1",
        "postcode": "3800",
        "city": "Sint-Truiden",
        "phone": "011 70 13 00",
        "email": "sociale.dienst@example.org",
        "website": "www.example.org",
        "office_hours": "elke werkdag van 9 tot 12 uur",
        "assignment_model": Organisation.AssignmentModel.PREVENTIEWERKER,
        "specialist": "",
        "deadline_warning_days": 7,
        "lac_deadline_days_energy": 30,
        "lac_deadline_days_water": 30,
        "handover_confirmation_days": 14,
        "audit_retention_years": 10,
    }
    data.update(overrides)
    return data


def test_only_the_beheerder_edits_the_settings(login, mw, diensthoofd):
    for persona in (mw, diensthoofd):
        client = login(persona)
        assert client.get(reverse("organisation:settings")).status_code == 403
        assert client.post(reverse("organisation:settings"), _data()).status_code == 403
    assert Organisation.get().name != "OCMW Testgem"


def test_the_beheerder_saves_the_settings_with_an_audit_event(login, beheerder):
    client = login(beheerder)
    assert client.get(reverse("organisation:settings")).status_code == 200
    response = client.post(
        reverse("organisation:settings"), _data(lac_deadline_days_water=45, audit_retention_years=7)
    )
    assert response.status_code == 302
    organisation = Organisation.get()
    assert organisation.name == "OCMW Testgem"
    assert organisation.office_hours == "elke werkdag van 9 tot 12 uur"
    assert organisation.lac_deadline_days_water == 45
    assert organisation.audit_retention_years == 7
    event = AuditEvent.objects.get(action="organisation.update", actor=beheerder)
    assert {"name", "lac_deadline_days_water", "audit_retention_years"} <= set(
        event.details["fields"]
    )


def test_the_new_name_shows_in_the_page_header(login, beheerder):
    client = login(beheerder)
    assert "OCMW Nieuwdorp" not in client.get(reverse("home")).content.decode()  # name cached
    client.post(reverse("organisation:settings"), _data(name="OCMW Nieuwdorp"))
    assert "OCMW Nieuwdorp" in client.get(reverse("home")).content.decode()


def test_the_header_reads_the_name_once_a_minute(login, mw, monkeypatch):
    """The name is in every page's header: read once, then kept for a minute per process."""
    import time
    import types

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.lib import lookups

    Organisation.objects.filter(pk=Organisation.get().pk).update(name="OCMW Oostdorp")
    client = login(mw)
    url = reverse("accounts:notifications")
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "OCMW Oostdorp" in page
    assert not [q for q in captured.captured_queries if '"organisation_organisation"' in q["sql"]]

    # Changed elsewhere (another process): this one shows it after a minute.
    Organisation.objects.update(name="OCMW Westdorp")
    assert "OCMW Westdorp" not in client.get(url).content.decode()
    later = time.monotonic() + 61
    monkeypatch.setattr(lookups, "time", types.SimpleNamespace(monotonic=lambda: later))
    assert "OCMW Westdorp" in client.get(url).content.decode()


def test_the_specialist_model_needs_a_specialist(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:settings"),
        _data(assignment_model=Organisation.AssignmentModel.SPECIALIST),
    )
    assert response.status_code == 200
    assert "specialist" in response.context["form"].errors


def test_the_distribution_model_saves_its_pool(login, beheerder, mw, mw_other):
    response = login(beheerder).post(
        reverse("organisation:settings"),
        _data(
            assignment_model=Organisation.AssignmentModel.VERDELEN,
            distribution_pool=[mw.pk, mw_other.pk],
        ),
    )
    assert response.status_code == 302
    assert set(Organisation.get().distribution_pool.all()) == {mw, mw_other}


def test_the_distribution_model_needs_a_pool(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:settings"),
        _data(assignment_model=Organisation.AssignmentModel.VERDELEN),
    )
    assert "distribution_pool" in response.context["form"].errors


def test_it_refuses_days_out_of_range_next_to_the_field(login, beheerder):
    response = login(beheerder).post(
        reverse("organisation:settings"), _data(deadline_warning_days=0)
    )
    assert "deadline_warning_days" in response.context["form"].errors
    assert 'id="id_deadline_warning_days_error"' in response.content.decode()


def test_it_stores_a_png_logo_and_serves_it(login, beheerder, mw):
    response = login(beheerder).post(
        reverse("organisation:settings"), _data(logo=_image(name="mijn logo.PNG"))
    )
    assert response.status_code == 302
    organisation = Organisation.get()
    assert organisation.logo.name.startswith("organisation/logo")
    assert organisation.logo.name.endswith(".png")
    logo = login(mw).get(reverse("organisation:logo"))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    # An <img> shows it; opened by itself it is a download, never sniffed.
    assert logo["Content-Disposition"].startswith("attachment;")
    assert logo["X-Content-Type-Options"] == "nosniff"


def test_a_new_logo_replaces_the_old_file(login, beheerder, django_capture_on_commit_callbacks):
    client = login(beheerder)
    client.post(reverse("organisation:settings"), _data(logo=_image()))
    old = Organisation.get().logo
    old_name, storage = old.name, old.storage
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:settings"), _data(logo=_image("JPEG", name="nieuw.jpg")))
    assert Organisation.get().logo.name.endswith(".jpg")
    assert not storage.exists(old_name)


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("logo.png", b"not an image at all", "image/png"), "afbeelding"),
        (_image("GIF", name="logo.gif"), "PNG"),
    ],
)
def test_it_refuses_a_logo_that_is_not_png_or_jpeg(login, beheerder, upload, message):
    response = login(beheerder).post(reverse("organisation:settings"), _data(logo=upload))
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert any(message.lower() in str(error).lower() for error in errors)
    assert not Organisation.get().logo


def test_it_refuses_a_logo_that_is_too_large(login, beheerder, settings):
    big = io.BytesIO()
    # Random pixels do not compress: a PNG well over the limit.
    Image.frombytes("RGB", (700, 700), bytes(range(256)) * (700 * 700 * 3 // 256 + 1)).save(
        big, "PNG"
    )
    big.write(b"\0" * LOGO_MAX_BYTES)  # trailing bytes Pillow ignores
    upload = SimpleUploadedFile("logo.png", big.getvalue(), "image/png")
    response = login(beheerder).post(reverse("organisation:settings"), _data(logo=upload))
    assert "logo" in response.context["form"].errors
    assert "1,0" in str(response.context["form"].errors["logo"]) or "MB" in str(
        response.context["form"].errors["logo"]
    )


def test_without_a_logo_the_logo_url_is_not_found(login, mw):
    assert login(mw).get(reverse("organisation:logo")).status_code == 404


def test_the_beheerder_removes_the_logo(login, beheerder, django_capture_on_commit_callbacks):
    client = login(beheerder)
    client.post(reverse("organisation:settings"), _data(logo=_image()))
    old = Organisation.get().logo
    old_name, storage = old.name, old.storage
    page = client.get(reverse("organisation:settings")).content.decode()
    assert 'name="remove_logo"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:settings"), _data(remove_logo="on"))
    assert not Organisation.get().logo
    assert not storage.exists(old_name)


def test_saving_without_changes_records_nothing(login, beheerder):
    client = login(beheerder)
    client.post(reverse("organisation:settings"), _data())
    client.post(reverse("organisation:settings"), _data())
    assert AuditEvent.objects.filter(action="organisation.update").count() == 1
