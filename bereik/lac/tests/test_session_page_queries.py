"""The session page (the LAC agenda) costs the same number of queries for 2 households as for 8
(issue 11: a fixed number of queries per list, whatever the data)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory


def _queries(client, url) -> int:
    client.get(url)  # the first request notes the session's start
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_agenda_costs_the_same_queries_whatever_its_length(db, login, preventiewerker):
    client = login(preventiewerker)
    short, long = SessionFactory(), SessionFactory()
    for _n in range(2):
        AgendaItemFactory(session=short)
    for _n in range(8):
        AgendaItemFactory(session=long)
    assert _queries(client, f"/lac/zitting/{short.pk}/") == _queries(
        client, f"/lac/zitting/{long.pk}/"
    )
