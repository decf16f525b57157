"""Right of access: the beheerder finds one person (by POST: no name or INSZ in a URL) and, with
a reason that goes into the audit trail, exports everything Bereik holds about them."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.followup import actions as followup_actions
from bereik.followup.tests.factories import reached_dossier
from bereik.outreach import actions as outreach_actions
from bereik.privacy.tests.conftest import png_upload

INSZ = "85073003328"


@pytest.fixture
def person(db, mw, media):
    client = ClientFactory(insz=INSZ, last_name="Peeters", first_name="Anna")
    dossier = reached_dossier(mw, client=client, insz=INSZ, last_name="Peeters", first_name="Anna")
    SignalFactory(dossier=dossier, insz=INSZ)
    followup_actions.document_add(dossier, upload=png_upload("huurcontract.png"), actor=mw)
    outreach_actions.letter_generate(dossier, "laatste_brief", actor=mw)
    other = DossierFactory(last_name="Peeters", first_name="Jan", insz="")  # another person
    return client, dossier, other


def test_the_beheerder_finds_a_person_by_insz_without_it_in_the_url(login, beheerder, person):
    client, dossier, other = person
    page = login(beheerder).post(reverse("privacy:access"), {"query": "85.07.30-033.28"})
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("privacy:person", args=["client", client.pk]) in html
    assert "Jan" not in html
    search = AuditEvent.objects.get(action="privacy.search")
    assert search.details == {"clients": [client.pk], "dossiers": []}
    assert INSZ not in json.dumps(search.details) + search.purpose


def test_a_search_by_name_finds_households_without_a_client(login, beheerder, person):
    _client, _dossier, other = person
    html = login(beheerder).post(reverse("privacy:access"), {"query": "peeters"}).content.decode()
    assert reverse("privacy:person", args=["dossier", other.pk]) in html


def test_the_export_holds_the_summary_the_data_and_the_files(login, beheerder, person):
    client, dossier, _other = person
    url = reverse("privacy:person", args=["client", client.pk])
    browser = login(beheerder)
    assert browser.get(url).status_code == 200
    response = browser.post(url, {"reason": "Inzageverzoek van mevrouw zelf, 3/12"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "overzicht.pdf" in names and "gegevens.json" in names
    assert any(n.startswith("documenten/") and n.endswith("huurcontract.png") for n in names)
    assert any(n.startswith("brieven/") and n.endswith(".docx") for n in names)
    assert archive.read("overzicht.pdf").startswith(b"%PDF")
    data = json.loads(archive.read("gegevens.json"))
    assert data["reden"] == "Inzageverzoek van mevrouw zelf, 3/12"
    parts = data["onderdelen"]
    assert {
        "dossiers",
        "clients",
        "intake",
        "triage",
        "outreach",
        "followup",
        "lac",
        "audit",
    } <= set(parts)
    kinds = {record["soort gegevens"] for record in parts["dossiers"]["gegevens"]}
    assert {"dossier", "signaal", "tijdlijn"} <= kinds
    assert parts["clients"]["gegevens"][0]["naam"] == "Peeters"
    assert any(r.get("dossier") == dossier.number for r in parts["outreach"]["gegevens"])
    assert parts["audit"]["gegevens"]  # who looked at the file
    assert "Jan" not in json.dumps(parts["dossiers"])  # not the other Peeters
    event = AuditEvent.objects.get(action="privacy.export")
    assert event.purpose == "Inzageverzoek van mevrouw zelf, 3/12"
    assert (event.subject_type, event.subject_id) == ("client", str(client.pk))
    assert event.details["files"] == 2
    assert AuditEvent.objects.filter(action="privacy.person", actor=beheerder).exists()


def test_no_export_without_a_reason(login, beheerder, person):
    client, _dossier, _other = person
    url = reverse("privacy:person", args=["client", client.pk])
    page = login(beheerder).post(url, {"reason": ""})
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="privacy.export").exists()


@pytest.mark.parametrize("persona", ["mw", "onthaal", "diensthoofd", "voorzitter", "cel"])
def test_only_the_beheerder_may_export(request, login, person, persona):
    client, dossier, _other = person
    browser = login(request.getfixturevalue(persona))
    assert browser.post(reverse("privacy:access"), {"query": INSZ}).status_code == 403
    url = reverse("privacy:person", args=["client", client.pk])
    assert browser.get(url).status_code == 403
    assert browser.post(url, {"reason": "nieuwsgierig"}).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="privacy.").exists()


def test_an_unknown_person_is_not_found(login, beheerder, db):
    browser = login(beheerder)
    assert browser.get(reverse("privacy:person", args=["client", 999999])).status_code == 404
    assert browser.get(reverse("privacy:person", args=["iemand", 1])).status_code == 404
