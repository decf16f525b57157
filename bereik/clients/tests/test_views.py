from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse, reverse_lazy

from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.intake.models import ImportBatch
from bereik.lib.tests.stale import assert_refused, loaded_form, two_saves
from bereik.triage.actions import matching
from bereik.triage.models import Triage

INSZ = "79102614033"
DATA = Path(__file__).parent / "data"


def test_the_client_page_shows_a_masked_insz_and_logs_the_read(login, preventiewerker):
    client = ClientFactory(insz=INSZ)

    response = login(preventiewerker).get(client.get_absolute_url())

    html = response.content.decode()
    assert "••.••.••-•••.33" in html and INSZ not in html
    assert AuditEvent.objects.filter(
        action="client.view", actor=preventiewerker, object_id=str(client.pk)
    ).exists()


def test_roles_without_insz_do_not_see_it(login, diensthoofd):
    client = ClientFactory(insz=INSZ)
    html = login(diensthoofd).get(client.get_absolute_url()).content.decode()
    assert "••.••" not in html


def test_a_worker_sees_only_their_clients(login, mw, mw_other):
    own = ClientFactory(social_worker=mw)
    other = ClientFactory(social_worker=mw_other, last_name="Anderman")
    client = login(mw)

    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert "Anderman" not in client.get(reverse("clients:list")).content.decode()


def test_the_client_page_lists_only_visible_dossiers(login, mw, mw_other, team):
    client = ClientFactory(social_worker=mw)
    mine = DossierFactory(client=client, assigned_to=mw)
    hidden = DossierFactory(client=client, assigned_to=mw_other, team=team["trajectbegeleiding"])
    html = login(mw).get(client.get_absolute_url()).content.decode()
    assert mine.number in html and hidden.number not in html


def test_a_client_is_added_by_hand(login, preventiewerker):
    response = login(preventiewerker).post(
        reverse("clients:create"),
        {
            "last_name": "Nieuw",
            "first_name": "Gezin",
            "insz": "79.10.26-140.33",
            "guidance_status": Client.Guidance.NONE,
        },
    )
    client = Client.objects.get()
    assert response.status_code == 302
    assert client.insz == INSZ and client.client_number == "B000001"


def test_an_invalid_insz_is_shown_next_to_the_field(login, preventiewerker):
    response = login(preventiewerker).post(
        reverse("clients:create"),
        {"last_name": "X", "insz": "12345678901", "guidance_status": Client.Guidance.NONE},
    )
    assert response.status_code == 200
    assert "controlegetal" in response.content.decode()
    assert not Client.objects.exists()


def test_a_correction_keeps_the_insz_when_left_empty(login, preventiewerker):
    client = ClientFactory(insz=INSZ, last_name="Oud")
    response = login(preventiewerker).post(
        reverse("clients:edit", args=[client.pk]),
        {
            "client_number": client.client_number,
            "last_name": "Nieuw",
            "guidance_status": Client.Guidance.ACTIVE,
            "insz": "",
            "reason": "Correctie",
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.last_name == "Nieuw" and client.insz == INSZ
    assert client.guidance_changes.get().source == "Correctie"


def test_the_ervaringsdeskundige_cannot_manage_the_register(login, ervaringsdeskundige):
    assert login(ervaringsdeskundige).get(reverse("clients:create")).status_code == 403
    assert login(ervaringsdeskundige).get(reverse("clients:list")).status_code == 404


# The register export is read in through the intake's pipeline (its upload with the register
# kind chosen, its preview, mapping and confirmation): the URLs moved, the checks stayed.
REGISTER_UPLOAD = reverse_lazy("intake:upload")


def test_the_register_is_imported_through_preview_and_confirmation(login, onthaal):
    client = login(onthaal)
    upload = SimpleUploadedFile(
        "register.csv", (DATA / "register-export.csv").read_bytes(), "text/csv"
    )

    response = client.post(REGISTER_UPLOAD, {"file": upload, "kind": "register"})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("intake:preview", args=[batch.pk])
    preview = client.get(response.url).content.decode()
    assert "360 nieuwe cliënten" in preview
    assert "Nele Aerts" in preview  # no user of that name: listed, not dropped
    assert not Client.objects.exists()

    client.post(reverse("intake:confirm", args=[batch.pk]))
    assert Client.objects.count() == 360
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED


def test_a_register_file_without_a_client_number_column_asks_for_a_mapping(login, onthaal):
    client = login(onthaal)
    upload = SimpleUploadedFile("r.csv", b"Nr;Familienaam\nC1;Peeters\n", "text/csv")
    client.post(REGISTER_UPLOAD, {"file": upload, "kind": "register"})
    batch = ImportBatch.objects.get()

    assert (
        "Koppel hieronder zelf de kolommen"
        in client.get(reverse("intake:preview", args=[batch.pk])).content.decode()
    )
    client.post(
        reverse("intake:mapping", args=[batch.pk]),
        {"col_0": "client_number", "col_1": "last_name"},
    )
    client.post(reverse("intake:confirm", args=[batch.pk]))
    assert Client.objects.get().client_number == "C1"


def test_only_importers_import_the_register(login, mw):
    url = f"{REGISTER_UPLOAD}?soort=register"
    assert login(mw).get(url).status_code == 403


@pytest.fixture
def queued(preventiewerker):
    candidate = ClientFactory(
        last_name="Claes", first_name="Mehmet", street="Kerkstraat", house_number="51"
    )
    dossier = DossierFactory(last_name="Claes", first_name="Mehmet", street="Molenstraat")
    matching.match_dossiers([dossier.pk], preventiewerker)
    return dossier, candidate


def test_the_dossier_page_shows_the_candidates_and_confirms_one(login, preventiewerker, queued):
    dossier, candidate = queued
    client = login(preventiewerker)

    html = client.get(dossier.get_absolute_url()).content.decode()
    assert "Te bevestigen" in html and candidate.client_number in html

    response = client.post(reverse("triage:match_confirm", args=[dossier.pk, candidate.pk]))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.client == candidate and dossier.triage.method == Triage.Method.CONFIRMED
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert "bevestigd" in html and "Koppeling ongedaan maken" in html


def test_the_queue_returns_to_itself_after_a_decision(login, preventiewerker, queued):
    dossier, candidate = queued
    queue = reverse("dossiers:worklist", args=["te-bevestigen"])
    response = login(preventiewerker).post(
        reverse("triage:match_reject", args=[dossier.pk, candidate.pk]), {"next": queue}
    )
    assert response.url == queue
    dossier.refresh_from_db()
    assert dossier.triage.match_status == Triage.MatchStatus.NEW


def test_a_worker_cannot_confirm_links(login, mw, queued, team):
    dossier, candidate = queued
    Dossier.objects.filter(pk=dossier.pk).update(assigned_to=mw)
    response = login(mw).post(reverse("triage:match_confirm", args=[dossier.pk, candidate.pk]))
    assert response.status_code == 403


def test_an_outsider_gets_a_404_on_the_link_views(login, mw_other, queued):
    dossier, _candidate = queued
    response = login(mw_other).post(reverse("triage:match_new", args=[dossier.pk]))
    assert response.status_code == 404


def test_undo_and_link_by_number_from_the_dossier_page(login, preventiewerker, queued):
    dossier, candidate = queued
    other = ClientFactory(client_number="C55555")
    client = login(preventiewerker)

    client.post(reverse("triage:match_manual", args=[dossier.pk]), {"link-client_number": "c55555"})
    dossier.refresh_from_db()
    assert dossier.client == other and dossier.triage.method == Triage.Method.BY_HAND

    client.post(reverse("triage:match_unlink", args=[dossier.pk]), {"unlink-reason": "Fout"})
    dossier.refresh_from_db()
    assert dossier.client is None


def test_a_new_client_is_made_from_the_dossier_page(login, preventiewerker):
    dossier = DossierFactory(last_name="Onbekend", first_name="Gezin")
    login(preventiewerker).post(
        reverse("triage:create_from_dossier", args=[dossier.pk]),
        {"newclient-client_number": "C90000"},
    )
    dossier.refresh_from_db()
    assert dossier.client.client_number == "C90000"
    assert dossier.route == Dossier.Route.C


def test_matching_on_demand(login, preventiewerker):
    ClientFactory(insz=INSZ)
    dossier = DossierFactory(insz=INSZ)
    login(preventiewerker).post(reverse("triage:match_all"))
    dossier.refresh_from_db()
    assert dossier.client is not None


def test_a_stale_correction_is_refused_and_shows_both_versions(login, preventiewerker):
    client = ClientFactory(insz=INSZ, last_name="Oud", phone="011 11 11 11")
    url = reverse("clients:edit", args=[client.pk])

    first, second = two_saves(
        login(preventiewerker), url, {"last_name": "Eerste"}, {"last_name": "Tweede"}
    )

    assert first.status_code == 302
    assert_refused(second, "Eerste", "Tweede")
    rows = second.context["form"].conflict
    assert [row["label"] for row in rows] == ["Naam"]  # the INSZ left empty is kept, not shown
    client.refresh_from_db()
    assert client.last_name == "Eerste"
    assert AuditEvent.objects.filter(action="client.update").count() == 1
    # Saving again from the page that showed both versions keeps the second version on purpose.
    again = loaded_form(second.content.decode())
    assert login(preventiewerker).post(url, again).status_code == 302
    client.refresh_from_db()
    assert client.last_name == "Tweede" and client.insz == INSZ
