"""Eviction documents: the key fields typed in, the PDF attached, a woonst dossier."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bereik.dossiers.models import Dossier, Signal
from bereik.intake.demo import tiny_pdf
from bereik.intake.models import ImportBatch, ImportRow

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_today")]

HEARING = datetime.date(2026, 12, 10)


def form_data(pdf: bytes | None = None, **changes):
    data = {
        "document": SimpleUploadedFile("dagvaarding.pdf", pdf or tiny_pdf(["Dagvaarding"])),
        "document_type": "dagvaarding",
        "tenants": "Vermeulen, Sofie\nVermeulen, Koen",
        "street": "Tiensesteenweg",
        "house_number": "64",
        "box": "2",
        "postcode": "3800",
        "city": "Sint-Truiden",
        "landlord": "Immo Haspengouw bv",
        "sender": "Gerechtsdeurwaarder Lambrechts",
        "court": "Vredegerecht Sint-Truiden",
        "hearing_date": HEARING.isoformat(),
        "amount": "2.840,00",
        "received_on": "2026-11-25",
        "reference": "25A1187",
    }
    data.update(changes)
    return data


def test_registering_a_document_opens_a_woonst_dossier_with_the_hearing_as_deadline(onthaal, login):
    client = login(onthaal)
    response = client.post(reverse("intake:eviction"), form_data())
    dossier = Dossier.objects.get()
    assert response.url == dossier.get_absolute_url() + "#sectie-signalen"
    assert dossier.kind == Dossier.Kind.WOONST
    assert dossier.status == Dossier.Status.NEW
    assert (dossier.deadline, dossier.deadline_kind) == (HEARING, Dossier.DeadlineKind.HEARING)
    assert (dossier.last_name, dossier.first_name) == ("Vermeulen", "Sofie")
    assert dossier.address == "Tiensesteenweg 64 bus 2, 3800 Sint-Truiden"
    assert str(dossier.amount_due) == "2840.00"
    signal = dossier.signals.get()
    assert signal.kind == Signal.Kind.UITHUISZETTING
    assert signal.reference_date == datetime.date(2026, 11, 25)
    assert signal.extra["tenants"] == ["Vermeulen, Sofie", "Vermeulen, Koen"]
    assert signal.extra["court"] == "Vredegerecht Sint-Truiden"
    assert signal.raw["Verhuurder"] == "Immo Haspengouw bv"
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.file_format, batch.status) == (
        "uithuiszetting",
        "pdf",
        "geimporteerd",
    )
    assert batch.file.read().startswith(b"%PDF-")


def test_it_refuses_a_document_that_is_not_a_pdf_by_content(onthaal, login):
    client = login(onthaal)
    response = client.post(reverse("intake:eviction"), form_data(pdf=b"Klantnummer;Naam\n1;x\n"))
    assert response.status_code == 200
    assert "geen PDF-document" in response.content.decode()
    assert not Dossier.objects.exists() and not ImportBatch.objects.exists()


def test_the_same_pdf_twice_is_refused(onthaal, login):
    client = login(onthaal)
    pdf = tiny_pdf(["een"])
    client.post(reverse("intake:eviction"), form_data(pdf=pdf))
    response = client.post(reverse("intake:eviction"), form_data(pdf=pdf, reference="X"))
    assert "al geïmporteerd" in response.content.decode()
    assert Signal.objects.count() == 1


def test_a_second_document_with_the_same_reference_joins_the_open_dossier(onthaal, login):
    client = login(onthaal)
    client.post(reverse("intake:eviction"), form_data(pdf=tiny_pdf(["een"])))
    later = datetime.date(2026, 12, 3)
    client.post(
        reverse("intake:eviction"),
        form_data(
            pdf=tiny_pdf(["twee"]),
            document_type="verzoekschrift",
            received_on="2026-11-26",
            hearing_date=later.isoformat(),
        ),
    )
    dossier = Dossier.objects.get()
    assert dossier.signals.count() == 2
    assert dossier.deadline == later
    assert ImportRow.objects.filter(outcome=ImportRow.Outcome.ADDED).count() == 1


def test_the_form_names_missing_fields(onthaal, login):
    client = login(onthaal)
    response = client.post(reverse("intake:eviction"), form_data(hearing_date="", court=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Dit veld is verplicht.") == 2
    assert not Signal.objects.exists()


def test_the_dossier_page_shows_the_document_and_the_days_left(onthaal, login):
    client = login(onthaal)
    client.post(reverse("intake:eviction"), form_data())
    dossier = Dossier.objects.get()
    page = client.get(dossier.get_absolute_url()).content.decode()
    signal = Signal.objects.get()
    assert reverse("intake:signal_document", args=[signal.pk]) in page
    assert "Vredegerecht Sint-Truiden" in page
    assert "Immo Haspengouw bv" in page
    assert "nog 13 dagen" in page
