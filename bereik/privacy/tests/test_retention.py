"""Retention: closed dossiers past their kind's period are anonymised (the figures keep counting
them), their documents and letters' files removed, clients no longer kept deleted; recorded
in the audit trail with counts only. Under frozen time."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.search import search_q
from bereik.dossiers.tests.factories import SignalFactory
from bereik.followup import actions as followup_actions
from bereik.followup.models import Document
from bereik.followup.tests.factories import outcome, reached_dossier
from bereik.lib import sqlite_fts
from bereik.outreach import actions as outreach_actions
from bereik.outreach.models import Letter
from bereik.privacy import rules
from bereik.privacy.actions import retention_apply, retention_periods_update
from bereik.privacy.models import periods
from bereik.privacy.tests.conftest import png_upload

CLOSED = datetime.datetime(2020, 3, 10, 10, tzinfo=datetime.UTC)


def _closed_dossier(mw, *, kind=Dossier.Kind.WATER, client=None, when=CLOSED, **fields):
    with time_machine.travel(when - datetime.timedelta(days=30), tick=False):
        dossier = reached_dossier(mw, kind=kind, client=client, insz="85073003328", **fields)
        SignalFactory(dossier=dossier, insz="85073003328", raw={"Naam": dossier.last_name})
        followup_actions.document_add(
            dossier, upload=png_upload(), description="loonfiche", actor=mw
        )
        outreach_actions.letter_generate(dossier, "laatste_brief", actor=mw)
    with time_machine.travel(when, tick=False):
        followup_actions.dossier_close(
            dossier,
            outcome=outcome("opgelost_afbetalingsplan"),
            note="Jansen belt",
            actor=mw,
        )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def closed(db, mw, media):
    client = ClientFactory(
        insz="85073003328", missing_from_register_since=datetime.date(2020, 1, 1)
    )
    return _closed_dossier(mw, client=client)


def test_nothing_is_erased_before_the_period_has_passed(closed):
    with time_machine.travel(CLOSED + datetime.timedelta(days=5 * 365 - 2), tick=False):
        result = retention_apply()
    assert result.counts.get("dossiers", 0) == 0
    closed.refresh_from_db()
    assert closed.last_name and closed.anonymised_at is None


def test_a_dossier_past_its_period_is_anonymised_and_its_files_removed(
    closed, media, django_capture_on_commit_callbacks
):
    document = Document.objects.get(dossier=closed)
    letter = Letter.objects.get(dossier=closed)
    stored = [media / document.file.name, media / letter.file.name]
    assert all(path.exists() for path in stored)
    name, client_pk = closed.last_name, closed.client_id
    with (
        time_machine.travel(CLOSED + datetime.timedelta(days=5 * 365 + 2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("retention_apply")
    closed.refresh_from_db()
    # The row the figures count stays, without the person.
    assert closed.anonymised_at is not None
    assert (closed.kind, closed.status, closed.outcome) == (
        "water",
        "afgesloten",
        "opgelost_afbetalingsplan",
    )
    assert closed.reached_on and closed.opened_at and closed.closed_at
    assert (closed.last_name, closed.first_name, closed.insz, closed.street, closed.client) == (
        "",
        "",
        "",
        "",
        None,
    )
    assert closed.customer_number.startswith("anon-")
    assert closed.household_name == "(geanonimiseerd)"
    signal = Signal.objects.get(dossier=closed)
    assert (signal.last_name, signal.insz, signal.raw) == ("", "", {})
    assert not DossierEvent.objects.filter(dossier=closed).exclude(summary="", text="").exists()
    assert not Document.objects.filter(dossier=closed).exists()
    assert Letter.objects.get(pk=letter.pk).file.name == ""
    assert not any(path.exists() for path in stored)
    assert not Client.objects.filter(pk=client_pk).exists()
    event = AuditEvent.objects.get(action="retention.apply")
    assert event.details["counts"]["dossiers"] == 1
    assert event.details["counts"]["documents"] == 1
    assert event.details["counts"]["clients"] == 1
    assert event.details["files"] == 2
    assert name not in json.dumps(event.details) and name not in event.object_repr


def test_a_dry_run_counts_and_changes_nothing(closed, media):
    document = Document.objects.get(dossier=closed)
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365), tick=False):
        result = retention_apply(dry_run=True)
    assert result.counts["dossiers"] == 1 and result.files == 2
    closed.refresh_from_db()
    assert closed.anonymised_at is None and closed.last_name
    assert (media / document.file.name).exists()
    assert not AuditEvent.objects.filter(action="retention.apply").exists()


def test_the_command_prints_json(closed, capsys):
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365), tick=False):
        call_command("retention_apply", "--dry-run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["dry_run"] is True
    assert out["counts"]["dossiers"] == 1
    assert out["periods"]["water"] == 5


def test_each_kind_has_its_own_period(db, mw, media, beheerder):
    retention_periods_update({"water": 2, "energie": 8}, actor=beheerder)
    water = _closed_dossier(mw)
    energy = _closed_dossier(mw, kind=Dossier.Kind.ENERGIE, company=None)
    with time_machine.travel(CLOSED + datetime.timedelta(days=3 * 365), tick=False):
        assert rules.due_dossiers() == [water.pk]
    with time_machine.travel(CLOSED + datetime.timedelta(days=9 * 365), tick=False):
        assert set(rules.due_dossiers()) == {water.pk, energy.pk}
    assert AuditEvent.objects.filter(action="retention.periods_update").exists()


def test_a_dossier_waits_for_a_kept_dossier_of_the_same_customer(closed, mw):
    later = _closed_dossier(
        mw, when=CLOSED + datetime.timedelta(days=400), customer_number=closed.customer_number,
        company=closed.company,
    )  # fmt: skip
    with time_machine.travel(CLOSED + datetime.timedelta(days=5 * 365 + 2), tick=False):
        assert rules.due_dossiers() == []
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365 + 2), tick=False):
        retention_apply()
    closed.refresh_from_db()
    later.refresh_from_db()
    assert closed.customer_number == later.customer_number != ""


def test_a_client_still_in_the_register_is_kept(db, mw, media):
    client = ClientFactory(insz="85073003328")
    dossier = _closed_dossier(mw, client=client)
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365), tick=False):
        retention_apply()
    assert Client.objects.filter(pk=client.pk).exists()
    dossier.refresh_from_db()
    assert dossier.client is None


def test_the_figures_count_an_anonymised_dossier_as_before(closed, capsys):
    def figures():
        call_command("figures", "--from", "2019-01-01", "--to", "2020-12-31", "--json")
        return json.loads(capsys.readouterr().out)

    with time_machine.travel(CLOSED + datetime.timedelta(days=5 * 365 + 2), tick=False):
        before = figures()
        retention_apply()
        after = figures()
    assert before == after
    assert before["opened"] == before["reached"] == 1


def test_only_the_beheerder_sets_the_periods(login, beheerder, mw, diensthoofd):
    url = reverse("privacy:retention")
    for user in (mw, diensthoofd):
        assert login(user).get(url).status_code == 403
    client = login(beheerder)
    assert client.get(url).status_code == 200
    data = {"water": 4, "energie": 5, "woonst": 6, "andere": 3, "client": 1}
    assert client.post(url, data).status_code == 302
    assert periods()["water"] == 4 and periods()["woonst"] == 6
    page = client.post(url, {**data, "water": 0})
    assert page.status_code == 200
    assert "rood omrand" in page.content.decode()


def test_an_anonymised_dossier_cannot_be_reopened(closed, mw):
    with time_machine.travel(CLOSED + datetime.timedelta(days=6 * 365), tick=False):
        retention_apply()
    closed.refresh_from_db()
    with pytest.raises(ValidationError, match="geanonimiseerd"):
        followup_actions.dossier_reopen(closed, reason="terug", actor=mw)


@pytest.mark.skipif(
    connection.vendor != "sqlite" or not sqlite_fts.trigram_available(),
    reason="SQLite's search table",
)
def test_erased_names_leave_the_search_index_at_once(closed):
    name = closed.last_name
    assert closed.pk in Dossier.objects.filter(search_q(name)).values_list("pk", flat=True)
    with (
        CaptureQueriesContext(connection) as queries,
        time_machine.travel(CLOSED + datetime.timedelta(days=5 * 365 + 2), tick=False),
    ):
        retention_apply()
    assert Dossier.objects.get(pk=closed.pk).anonymised_at is not None
    optimized = {q["sql"].split("(")[0] for q in queries if "VALUES ('optimize')" in q["sql"]}
    # Every search index of a person's name: the dossiers', the signals', the register's.
    assert {index.name for index in sqlite_fts.erased_by_retention()} == {
        "dossier_search",
        "signal_search",
        "client_search",
    }
    assert optimized == {f"INSERT INTO {index.name}" for index in sqlite_fts.erased_by_retention()}
    assert closed.pk not in Dossier.objects.filter(search_q(name)).values_list("pk", flat=True)
