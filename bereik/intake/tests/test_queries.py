"""An import costs a constant number of queries, not a number per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditChain
from bereik.dossiers.models import Dossier, Signal
from bereik.dossiers.tests.factories import DossierFactory
from bereik.intake import actions
from bereik.intake.actions import lists
from bereik.intake.tests.conftest import company, csv_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chain_head(db):
    """The audit chain's head row comes with the migrations; a transactional test that ran before
    in the same worker flushed it, and then the first audit write creates it (two queries more)."""
    AuditChain.objects.get_or_create(pk=1)


HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
          "Geplande actie", "Geplande datum", "Datum verwittiging"]  # fmt: skip
# Up to here every insert fits in one statement on SQLite (999 parameters); beyond it Django
# splits bulk inserts in batches, on PostgreSQL it never does.
MANY = 25


def preview(rows: int, *, actor):
    """A stored preview of `rows` households, two of which already have an open dossier."""
    farys = company("Farys")
    # Both with other household data than their rows (a random first name could be "Jan", and
    # that dossier's update would then change other fields: a statement more).
    for number in ("K0", "K1"):
        DossierFactory(
            company=farys,
            customer_number=number,
            kind=Dossier.Kind.WATER,
            last_name="Maes",
            first_name="Marie",
        )
    lines = [
        [f"K{n}", f"Peeters{n}, Jan", f"Kerkstraat {n}", "3800 Sint-Truiden", "12,50",
         "Afsluiting", "15/01/2027", "20/11/2026"]
        for n in range(rows)
    ]  # fmt: skip
    return actions.import_upload(
        content=csv_content([HEADER, *lines]),
        file_name=f"lijst-{rows}.csv",
        kind="verwittiging",
        company=farys,
        actor=actor,
    )


def confirm_counting_queries(batch, actor, monkeypatch) -> int:
    # The next steps (register matching, LAC agenda) belong to other parts and are counted there.
    monkeypatch.setattr(lists, "follow_up", lambda *args, **kwargs: [])
    with CaptureQueriesContext(connection) as queries:
        actions.import_confirm(batch, actor=actor)
    return len(queries)


def test_the_commit_costs_the_same_queries_for_few_and_many_rows(onthaal, monkeypatch):
    few = confirm_counting_queries(preview(3, actor=onthaal), onthaal, monkeypatch)
    Signal.objects.all().delete()
    Dossier.objects.all().delete()
    many = confirm_counting_queries(preview(MANY, actor=onthaal), onthaal, monkeypatch)
    assert Signal.objects.count() == MANY
    assert few == many


def test_the_commit_query_count_is_pinned(onthaal, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(lists, "follow_up", lambda *args, **kwargs: [])
    # A first import pays what is paid once per process or database (caches, rows made on first
    # use), whichever tests ran before this one in the worker; the count is of the second.
    actions.import_confirm(preview(3, actor=onthaal), actor=onthaal)
    Signal.objects.all().delete()
    Dossier.objects.all().delete()
    batch = preview(MANY, actor=onthaal)
    # Savepoint and release; company and batch locked; earlier import of this file; column
    # profile; known signals; open dossiers; dossier numbering; then one statement each for the
    # new dossiers, signals, updated dossiers, timeline entries, rows, the batch and the audit
    # event (with its chain's head read and moved on: ADR 0027).
    with django_assert_num_queries(18):
        actions.import_confirm(batch, actor=onthaal)


def test_the_preview_query_count_is_pinned(onthaal, login, django_assert_num_queries):
    client = login(onthaal)
    few, many = preview(3, actor=onthaal), preview(MANY, actor=onthaal)
    # Session, user with roles; the batch with its company; the column profile; the known
    # signals; the open dossiers; the companies (what the file says of itself); the audit event
    # of the read (three: the chain's head, the event, the head moved on); the page's unread
    # notifications (the organisation's name is kept a minute). The same for few and many rows.
    client.get(reverse("accounts:notifications"))  # the organisation's name read
    for batch in (few, many):
        with django_assert_num_queries(11):
            response = client.get(reverse("intake:preview", args=[batch.pk]))
        assert response.status_code == 200
