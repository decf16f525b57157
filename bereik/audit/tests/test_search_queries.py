"""The audit search costs the same number of queries for a few events as for many (issue 11)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik import audit
from bereik.audit.models import AuditEvent


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_search_costs_the_same_queries_whatever_the_trail(db, login, beheerder, mw):
    client = login(beheerder)
    for n in range(2):
        audit.record(f"test.event{n}", actor=mw, kind=AuditEvent.Kind.WRITE)
    few = {url: _queries(client, url) for url in ("/audit/", "/audit/?action=test.")}
    for n in range(40):
        audit.record(f"test.event{n % 3}", actor=mw, kind=AuditEvent.Kind.WRITE)
    many = {url: _queries(client, url) for url in ("/audit/", "/audit/?action=test.")}
    assert many == few
