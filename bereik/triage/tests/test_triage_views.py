from django.urls import reverse

from bereik.accounts.models import Notification
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.triage.actions.routes import consultations_end, dossiers_triage
from bereik.triage.models import Consultation


def route_b_dossier(former_worker):
    dossier = DossierFactory(
        client=ClientFactory(
            guidance_status=Client.Guidance.CLOSED,
            intensive_guidance=True,
            social_worker=former_worker,
        )
    )
    dossiers_triage([dossier], actor=None)
    dossier.refresh_from_db()
    return dossier


def test_the_dossier_page_shows_route_assignment_and_the_overleg(login, preventiewerker, mw):
    dossier = route_b_dossier(mw)

    html = login(preventiewerker).get(dossier.get_absolute_url()).content.decode()

    assert "Route en toewijzing" in html and "B: vroeger intensief begeleid" in html
    assert "Overleg (route B)" in html and "Uitkomst noteren" in html
    assert "Route wijzigen" in html and "(Opnieuw) toewijzen" in html


def test_the_route_is_changed_from_the_dossier_page(login, preventiewerker, mw):
    dossier = DossierFactory(route="C", assigned_to=preventiewerker)
    response = login(preventiewerker).post(
        reverse("triage:change_route", args=[dossier.pk]),
        {"route-route": "A", "route-reason": "Toch in begeleiding", "route-reassign": ""},
    )
    assert response.status_code == 302 and response.url.endswith("#sectie-triage")
    dossier.refresh_from_db()
    assert dossier.route == "A" and dossier.assigned_to == preventiewerker


def test_a_route_change_without_reason_is_refused(login, preventiewerker):
    dossier = DossierFactory(route="C")
    client = login(preventiewerker)
    response = client.post(
        reverse("triage:change_route", args=[dossier.pk]),
        {"route-route": "A", "route-reason": ""},
        follow=True,
    )
    dossier.refresh_from_db()
    assert dossier.route == "C"
    assert "Reden" in response.content.decode()


def test_a_worker_cannot_change_the_route(login, mw):
    dossier = DossierFactory(route="C", assigned_to=mw)
    response = login(mw).post(
        reverse("triage:change_route", args=[dossier.pk]),
        {"route-route": "A", "route-reason": "x"},
    )
    assert response.status_code == 403


def test_reassigning_from_the_dossier_page(login, preventiewerker, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw)
    login(preventiewerker).post(
        reverse("triage:assign", args=[dossier.pk]),
        {"assign-worker": mw_other.pk, "assign-reason": "Expertise schuldhulp"},
    )
    dossier.refresh_from_db()
    assert dossier.assigned_to == mw_other
    assert Notification.objects.filter(user=mw_other).exists()


def test_an_outsider_cannot_reassign(login, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw_other)
    response = login(mw).post(
        reverse("triage:assign", args=[dossier.pk]),
        {"assign-worker": mw.pk, "assign-reason": "x"},
    )
    assert response.status_code == 404


def test_the_former_worker_records_the_overleg_outcome(login, mw):
    dossier = route_b_dossier(mw)
    consultation = dossier.consultations.get()
    client = login(mw)

    assert client.get(dossier.get_absolute_url()).status_code == 200
    client.post(
        reverse("triage:record_consultation", args=[dossier.pk, consultation.pk]),
        {"overleg-outcome": Consultation.Outcome.FORMER_WORKER, "overleg-notes": "Ik bel morgen"},
    )

    dossier.refresh_from_db()
    assert dossier.assigned_to == mw
    assert dossier.route == Dossier.Route.B


def section_caption(html: str, title: str) -> str:
    """The caption next to a section's title on the dossier page."""
    after = html.split(f"<span>{title}</span>", 1)[1]
    return after.split('<span class="section-summary">', 1)[1].split("</span>", 1)[0]


def test_the_overleg_section_says_whether_it_ended_with_an_outcome_or_lapsed(
    login, mw, preventiewerker
):
    dossier = route_b_dossier(mw)
    client = login(preventiewerker)
    title = "Overleg (route B)"
    assert section_caption(client.get(dossier.get_absolute_url()).content.decode(), title) == (
        "uitkomst gevraagd"
    )

    consultations_end(dossier, actor=preventiewerker, reason="Het dossier is afgesloten.")
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert section_caption(html, title) == "vervallen"
    assert "<strong>vervallen</strong>" in html

    lapsed = dossier.consultations.get()
    Consultation.objects.create(dossier=dossier, former_worker=mw, preventiewerker=preventiewerker)
    client.post(
        reverse("triage:record_consultation", args=[dossier.pk, dossier.consultations.first().pk]),
        {"overleg-outcome": Consultation.Outcome.PREVENTIEWERKER, "overleg-notes": ""},
    )
    assert dossier.consultations.first().pk != lapsed.pk
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert section_caption(html, title) == "afgerond"


def test_the_former_worker_who_leaves_the_dossier_to_the_preventiewerker_goes_home(
    login, mw, preventiewerker
):
    """Their access ends with the overleg (ADR 0031): not sent back to a page they may no
    longer open, but home, told where the dossier went."""
    dossier = route_b_dossier(mw)
    consultation = dossier.consultations.get()
    client = login(mw)

    response = client.post(
        reverse("triage:record_consultation", args=[dossier.pk, consultation.pk]),
        {"overleg-outcome": Consultation.Outcome.PREVENTIEWERKER, "overleg-notes": ""},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("home"), 302)]
    html = response.content.decode()
    name = preventiewerker.get_full_name() or preventiewerker.username
    assert f"{name} volgt dossier {dossier.number} verder op" in html
    assert client.get(dossier.get_absolute_url()).status_code == 404
    dossier.refresh_from_db()
    assert dossier.assigned_to == preventiewerker


def test_another_worker_cannot_record_the_overleg(login, mw, mw_other, preventiewerker):
    dossier = route_b_dossier(mw)
    consultation = dossier.consultations.get()
    Dossier.objects.filter(pk=dossier.pk).update(assigned_to=mw_other)
    response = login(mw_other).post(
        reverse("triage:record_consultation", args=[dossier.pk, consultation.pk]),
        {"overleg-outcome": Consultation.Outcome.PREVENTIEWERKER},
    )
    assert response.status_code == 403
