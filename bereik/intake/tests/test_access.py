"""Only onthaal and the beheerder import; original files only reach whoever may have them."""

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.intake import actions
from bereik.intake.demo import tiny_pdf
from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import SAMPLES, company, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(onthaal):
    name = "farys-verwittigingen.csv"
    kind, company_name = SAMPLES[name]
    return actions.import_file(
        sample(name), file_name=name, kind=kind, company=company(company_name), actor=onthaal
    ).batch


@pytest.fixture
def eviction(onthaal, team):
    import datetime

    signal = actions.eviction_register(
        document=tiny_pdf(["Dagvaarding"]),
        file_name="dagvaarding.pdf",
        document_type="dagvaarding",
        tenants="Vermeulen, Sofie",
        street="Tiensesteenweg",
        court="Vredegerecht Sint-Truiden",
        hearing_date=datetime.date(2026, 12, 10),
        received_on=datetime.date(2026, 11, 25),
        actor=onthaal,
    )
    dossier = signal.dossier
    dossier.team = team["sociale_dienst"]  # Mia's team follows this household
    dossier.assigned_to = None
    dossier.save()
    return signal


PAGES = ["intake:upload", "intake:history", "intake:eviction", "intake:profiles"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", ["mw", "ervaringsdeskundige", "diensthoofd", "voorzitter",
                                     "preventiewerker", "cel"])  # fmt: skip
def test_who_may_not_import_gets_403(page, persona, login, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.parametrize("persona", ["onthaal", "beheerder"])
@pytest.mark.parametrize("page", PAGES)
def test_onthaal_and_the_beheerder_may_import(page, persona, login, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == 200


def test_who_may_not_import_cannot_post_either(mw, login):
    client = login(mw)
    with open(__file__, "rb") as handle:
        response = client.post(
            reverse("intake:upload"),
            {"file": handle, "kind": "verwittiging", "company": company("Farys").pk},
        )
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_the_import_pages_are_closed_to_who_may_not_import(imported, mw, login):
    client = login(mw)
    assert client.get(reverse("intake:detail", args=[imported.pk])).status_code == 403
    assert client.post(reverse("intake:confirm", args=[imported.pk])).status_code == 403


def test_a_list_file_is_downloaded_by_importers_only(imported, onthaal, beheerder, mw, diensthoofd,
                                                     login):  # fmt: skip
    url = reverse("intake:download", args=[imported.pk])
    response = login(onthaal).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample("farys-verwittigingen.csv")
    assert "farys-verwittigingen.csv" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.READ, actor=onthaal, object_id=str(imported.pk)
    ).exists()
    assert login(beheerder).get(url).status_code == 200
    assert login(mw).get(url).status_code == 404
    assert login(diensthoofd).get(url).status_code == 404


def test_a_social_worker_outside_the_dossier_gets_no_eviction_document(eviction, mw_other, login):
    client = login(mw_other)
    assert client.get(reverse("intake:signal_document", args=[eviction.pk])).status_code == 404
    batch = ImportBatch.objects.get(kind="uithuiszetting")
    assert client.get(reverse("intake:download", args=[batch.pk])).status_code == 404


def test_a_social_worker_on_the_dossier_gets_the_document_and_it_is_logged(eviction, mw, login):
    response = login(mw).get(reverse("intake:signal_document", args=[eviction.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, actor=mw).latest("id")
    assert event.subject_type == "dossier" and event.subject_id == str(eviction.dossier_id)


def test_the_beheerder_imports_but_does_not_read_court_documents(eviction, beheerder, login):
    client = login(beheerder)
    assert client.get(reverse("intake:signal_document", args=[eviction.pk])).status_code == 404


def test_the_import_history_follows_the_downloads_rule_for_court_documents(
    eviction, beheerder, onthaal, login
):
    """The beheerder, who may open no dossier, reads no tenant, roll number, dossier number or
    file name of a court document in the import history; onthaal, who sees the dossier, does."""
    batch = ImportBatch.objects.get(kind="uithuiszetting")
    dossier = eviction.dossier
    client = login(beheerder)

    assert client.get(reverse("intake:detail", args=[batch.pk])).status_code == 404
    history = client.get(reverse("intake:history")).content.decode()
    assert "dagvaarding.pdf" not in history and "Vermeulen" not in history
    assert reverse("intake:detail", args=[batch.pk]) not in history
    assert "document van een dossier dat je niet kan openen" in history

    client = login(onthaal)
    page = client.get(reverse("intake:detail", args=[batch.pk])).content.decode()
    assert "Vermeulen" in page and dossier.number in page
    assert "dagvaarding.pdf" in client.get(reverse("intake:history")).content.decode()
