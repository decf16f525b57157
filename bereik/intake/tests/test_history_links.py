"""Every link on the import history leads to a working page, whatever the kind of import: a list
(previewed or imported), a register export (previewed or imported) and a court document."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from bereik.clients import actions as client_actions
from bereik.intake import actions
from bereik.intake.demo import tiny_pdf
from bereik.intake.models import REGISTER, ImportBatch
from bereik.intake.tests.conftest import SAMPLES, company, sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_today")]

REGISTER_SAMPLE = (
    Path(__file__).parents[2] / "clients" / "tests" / "data" / "register-export.csv"
).read_bytes()


@pytest.fixture
def every_kind(onthaal):
    for name in sorted(SAMPLES):
        kind, company_name = SAMPLES[name]
        actions.import_file(
            sample(name), file_name=name, kind=kind, company=company(company_name), actor=onthaal
        )
    client_actions.register_import_file(
        REGISTER_SAMPLE, file_name="register-export.csv", actor=onthaal
    )
    client_actions.register_upload(
        content=REGISTER_SAMPLE.replace(b"\n", b"\r\n"), file_name="register-2.csv", actor=onthaal
    )
    kind, company_name = SAMPLES["farys-verwittigingen.csv"]
    actions.import_upload(
        content=sample("farys-verwittigingen.csv") + b"\r\n",
        file_name="farys-2.csv",
        kind=kind,
        company=company(company_name),
        actor=onthaal,
    )
    actions.eviction_register(
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


def test_a_register_preview_links_to_the_one_preview(every_kind):
    # The register export is a kind of the one pipeline: its preview is the intake's.
    batch = ImportBatch.objects.get(kind=REGISTER, status=ImportBatch.Status.PREVIEW)
    assert batch.get_absolute_url() == reverse("intake:preview", args=[batch.pk])


def test_the_preview_shows_a_register_export_with_its_own_rules(every_kind, onthaal, login):
    batch = ImportBatch.objects.get(kind=REGISTER, status=ImportBatch.Status.PREVIEW)
    page = login(onthaal).get(reverse("intake:preview", args=[batch.pk])).content.decode()
    # The register's summary and rows, not a list's.
    assert "cliënten ongewijzigd" in page and "nieuwe dossiers" not in page
    # The confirmation stores it as a register export (clients), not as a list (signals).
    response = login(onthaal).post(reverse("intake:confirm", args=[batch.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("clients:list")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and not batch.signals_created


@pytest.mark.parametrize("persona", ["onthaal", "beheerder"])
def test_every_link_of_the_history_works(every_kind, persona, request, login):
    client = login(request.getfixturevalue(persona))
    page = client.get(reverse("intake:history")).content.decode()
    links = sorted(set(re.findall(r'href="(/[^"#]*)"', page)))
    batches = ImportBatch.objects.all()
    assert batches.count() == 8
    for batch in batches:
        # A court document only for whoever may see its dossier (not the beheerder).
        shown = not (batch.is_document and persona == "beheerder")
        assert (batch.get_absolute_url() in links) == shown
    for link in links:
        if link.startswith("/static/"):
            continue
        response = client.get(link.replace("&amp;", "&"), follow=True)
        assert response.status_code == 200, link


def test_a_register_import_shows_no_signal_counts_in_the_history(every_kind, onthaal, login):
    page = login(onthaal).get(reverse("intake:history")).content.decode()
    row = next(r for r in page.split("<tr>") if "register-export.csv" in r)
    cells = re.findall(r'<td class="text-end">([^<]*)</td>', row)
    assert cells[1:3] == ["—", "—"] and cells[4:6] == ["—", "—"]
