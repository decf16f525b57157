"""A list of people is a read: one audit event with the ids of the rows shown (ADR 0026)."""

from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import views
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory


def _list_reads(user, **filters):
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, actor=user, **filters)


def test_a_worklist_records_one_read_with_the_dossiers_on_the_page(login, mw, mw_other, team):
    mine = [DossierFactory(assigned_to=mw, team=team["sociale_dienst"]) for _ in range(3)]
    DossierFactory(assigned_to=mw_other, team=team["trajectbegeleiding"])

    response = login(mw).get(reverse("dossiers:worklist", args=["mijn"]))

    assert response.status_code == 200
    event = _list_reads(mw).get()
    assert event.action == "dossier.list" and event.object_type == "dossiers.dossier"
    assert sorted(event.details["ids"]) == sorted(d.pk for d in mine)
    assert event.purpose == "werklijst Mijn dossiers"


def test_an_empty_list_records_nothing(login, mw):
    assert login(mw).get(reverse("dossiers:worklist", args=["mijn"])).status_code == 200
    assert not _list_reads(mw).exists()


def test_the_client_list_and_its_search_record_the_clients_shown(login, onthaal):
    peeters = ClientFactory(last_name="Peeters")
    claes = ClientFactory(last_name="Claes")
    client = login(onthaal)

    client.get(reverse("clients:list"))
    client.get(reverse("clients:list") + "?q=Peeters")

    listed, searched = _list_reads(onthaal, object_type="clients.client").order_by("id")
    assert sorted(listed.details["ids"]) == sorted([peeters.pk, claes.pk])
    assert searched.details["ids"] == [peeters.pk] and searched.purpose == "cliënten zoeken"


def test_the_home_page_records_what_its_panels_show(login, mw, team):
    dossier = DossierFactory(
        assigned_to=mw, team=team["sociale_dienst"], status=Dossier.Status.ASSIGNED
    )

    page = login(mw).get(reverse("home")).content.decode()

    assert dossier.household_name in page
    event = _list_reads(mw, purpose="startpagina: mijn dossiers").get()
    assert event.details["ids"] == [dossier.pk]


def test_reads_are_not_written_during_the_request_but_right_after_it(login, mw, team, monkeypatch):
    """The view only keeps the read; the test client closes the response, which writes it."""
    dossier = DossierFactory(assigned_to=mw, team=team["sociale_dienst"])
    seen_during = []
    render = views.render

    def render_and_count(request, *args, **kwargs):
        seen_during.append(_list_reads(mw).count())
        return render(request, *args, **kwargs)

    monkeypatch.setattr(views, "render", render_and_count)
    login(mw).get(dossier.get_absolute_url())

    assert seen_during == [0]
    assert _list_reads(mw, action="dossier.view").count() == 1
