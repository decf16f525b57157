"""The weekly app's part of a person's data: the export holds the water use noted on the
dossier and the water-scan suggestions with their decision; retention deletes them under
frozen time (no figure counts them), while the scan asked stays counted in the figures."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers import personal_data
from bereik.dossiers.models import Dossier, Signal
from bereik.dossiers.personal_data import Scope
from bereik.followup import actions as followup_actions
from bereik.followup.models import WaterScan
from bereik.followup.tests.factories import outcome, reached_dossier
from bereik.weekly import actions, personal
from bereik.weekly.models import ScanSuggestion, WaterUsage

START = datetime.datetime(2020, 2, 10, 10, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2020, 3, 10, 10, tzinfo=datetime.UTC)
LATER = CLOSED + datetime.timedelta(days=6 * 365)


def _closed(mw, *, client=None, decision=ScanSuggestion.Status.ASKED, reason=""):
    with time_machine.travel(START, tick=False):
        dossier = reached_dossier(
            mw, kind=Dossier.Kind.WATER, client=client, last_name="Maes", first_name="Sofie"
        )
        actions.water_usage_record(
            dossier,
            m3_per_year=Decimal(210),
            people=2,
            proposed_by="caw",
            note="Sofie's lekkende boiler, zegt het CAW van Gent",
            actor=mw,
        )
        suggestion = ScanSuggestion.objects.get(dossier=dossier)
        actions.suggestion_decide(suggestion, decision, reason=reason, actor=mw)
    with time_machine.travel(CLOSED, tick=False):
        followup_actions.dossier_close(
            dossier, outcome=outcome("opgelost_afbetalingsplan"), note="", actor=mw
        )
    return dossier


@pytest.fixture
def closed(db, mw):
    return _closed(mw)


def test_the_export_holds_the_water_use_and_the_suggestion(closed):
    assert "weekly" in {part.key for part in personal_data.parts()}
    exported = personal.export(Scope(dossier_ids=frozenset({closed.pk})))
    kinds = [record["soort gegevens"] for record in exported.records]
    assert kinds == ["waterverbruik", "waterscan-suggestie"]
    usage, suggestion = exported.records
    assert usage["toelichting"].startswith("Sofie's lekkende boiler")
    assert usage["waterscan voorgesteld door"] == "Een CAW"
    assert suggestion["status"] == "scan aangevraagd"
    assert "Maes" in suggestion["naam"]
    assert suggestion["gronden"].startswith("Verbruik minstens 150% van het gemiddelde, ")
    assert suggestion["beslist door"] and usage["genoteerd door"]
    assert not {"recorded by", "company", "created at", "decided by"} & set(usage | suggestion)


def test_another_persons_export_holds_none_of_them(closed):
    assert personal.export(Scope(dossier_ids=frozenset({closed.pk + 1}))).records == []


def test_retention_deletes_them_and_the_scan_asked_stays_counted(closed):
    assert WaterScan.objects.filter(dossier=closed).count() == 1
    with time_machine.travel(LATER, tick=False):
        call_command("retention_apply")
    assert not WaterUsage.objects.filter(dossier=closed).exists()
    assert not ScanSuggestion.objects.exists()
    assert WaterScan.objects.filter(dossier=closed).count() == 1  # the figures' "aangevraagd"
    exported = personal.export(Scope(dossier_ids=frozenset({closed.pk})))
    assert exported.records == []


def test_a_suggestion_of_a_client_still_kept_stays_without_the_erased_dossier(db, mw):
    client = ClientFactory(last_name="Maes")
    dossier = _closed(
        mw, client=client, decision=ScanSuggestion.Status.NOT_USEFUL, reason="Scan gedaan"
    )
    suggestion = ScanSuggestion.objects.get(dossier=dossier)
    assert suggestion.client_id == client.pk
    with time_machine.travel(LATER, tick=False):
        call_command("retention_apply")
    suggestion.refresh_from_db()
    assert suggestion.dossier_id is None and suggestion.status == ScanSuggestion.Status.NOT_USEFUL
    assert not WaterUsage.objects.filter(dossier=dossier).exists()
    record = json.dumps(personal.export(Scope(client_ids=frozenset({client.pk}))).records)
    assert "Scan gedaan" in record


def test_a_weekly_line_kept_with_its_client_is_in_the_clients_export(import_report, mw):
    client = ClientFactory(
        last_name="Martens",
        first_name="An",
        street="Brouwersstraat",
        house_number="13",
        postcode="3800",
        city="Brustem",
        guidance_status=Client.Guidance.ACTIVE,
        social_worker=mw,
    )
    import_report(
        ("7242083", "Martens An", "Brouwersstraat 13, 3800 Brustem", "Herinnering", "18/11/2026")
        + ("Ja", "297,67")
    )
    # Kept with its client, as the triage's matching leaves it (tested in test_lines).
    Signal.objects.filter(customer_number="7242083").update(client=client)
    line = Signal.objects.get(customer_number="7242083")
    assert line.dossier is None
    scope = Scope(client_ids=frozenset({client.pk}))
    records = [r for part in personal_data.parts() for r in part.export(scope).records]
    kinds = [record["soort gegevens"] for record in records]
    assert "signaal" in kinds and "rij in een ingelezen bestand" in kinds
    assert "7242083" in json.dumps(records)
    other = Scope(client_ids=frozenset({ClientFactory().pk}))
    assert "7242083" not in json.dumps(
        [r for p in personal_data.parts() for r in p.export(other).records]
    )
