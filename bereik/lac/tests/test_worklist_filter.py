"""The worklists filter on a LAC session (registered by the LAC app)."""

import datetime

import pytest
from django.urls import reverse

from bereik.lac.tests.conftest import TODAY
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory

pytestmark = pytest.mark.django_db


def numbers(response):
    return [d.number for d in response.context["page"].object_list]


def test_the_worklist_shows_the_households_of_one_session(login, preventiewerker):
    first = AgendaItemFactory(session=SessionFactory(date=TODAY + datetime.timedelta(days=10)))
    AgendaItemFactory(session=SessionFactory(date=TODAY + datetime.timedelta(days=24)))
    client = login(preventiewerker)
    url = reverse("dossiers:worklist", args=["alle"])

    page = client.get(url)
    assert len(numbers(page)) == 2
    assert str(first.session) in page.content.decode()  # "LAC water De Watergroep 07/12/2026"

    filtered = client.get(url, {"lac_sessie": first.session.pk})
    assert numbers(filtered) == [first.dossier.number]
    export = client.get(
        reverse("dossiers:worklist_export", args=["alle", "csv"]),
        {"lac_sessie": first.session.pk},
    )
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and first.dossier.number in lines[1]


def test_sessions_long_past_are_not_offered(login, preventiewerker):
    old = SessionFactory(date=TODAY - datetime.timedelta(days=200))
    recent = SessionFactory(date=TODAY - datetime.timedelta(days=20))
    form = login(preventiewerker).get(reverse("dossiers:worklist", args=["alle"])).context["form"]
    offered = dict(form.fields["lac_sessie"].choices)
    assert str(recent.pk) in offered and str(old.pk) not in offered


def test_the_filter_does_not_open_dossiers_the_user_may_not_see(login, mw):
    item = AgendaItemFactory()
    response = login(mw).get(
        reverse("dossiers:worklist", args=["alle"]), {"lac_sessie": item.session.pk}
    )
    assert numbers(response) == []
