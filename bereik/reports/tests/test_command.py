"""`manage.py figures`: the same figures for scripts, and the reach rate a script computes from
the dossier export for the same period."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bereik.audit.models import AuditEvent
from bereik.dossiers.models import Dossier
from bereik.reports.tests.conftest import dossier

D = datetime.date


def figures_json(*args) -> dict:
    out = io.StringIO()
    call_command("figures", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def some(preventiewerker, team):
    dossier(D(2026, 1, 5), reached=D(2026, 1, 6), deadline=D(2026, 1, 20), route="C",
            assigned_to=preventiewerker)  # fmt: skip
    dossier(D(2026, 2, 5), reached=D(2026, 3, 1), deadline=D(2026, 2, 20), route="A")
    dossier(D(2026, 3, 5), route="C", assigned_to=preventiewerker, kind=Dossier.Kind.ENERGIE,
            team=team["onthaalteam"])  # fmt: skip
    dossier(D(2026, 1, 1), at=(0, 15), route="B", company=None, kind=Dossier.Kind.WOONST)
    dossier(D(2025, 12, 31), at=(23, 45), reached=D(2026, 1, 2))  # the day before the period
    dossier(D(2025, 2, 5), reached=D(2025, 2, 6))


def test_json_holds_the_reach_and_its_breakdowns(some):
    data = figures_json("--from", "2026-01-01", "--to", "2026-06-30")

    assert data["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    assert (data["opened"], data["reached"], data["reached_before_deadline"]) == (4, 2, 1)
    assert data["reach_rate"] == 0.5
    assert data["previous"]["opened"] == 1 and data["previous"]["reach_rate"] == 1.0
    routes = {row["key"]: (row["opened"], row["reached"]) for row in data["route"]}
    # A group of the year earlier only is there too, with nothing this year.
    assert routes == {"A": (1, 1), "B": (1, 0), "C": (2, 1), "": (0, 0)}
    assert {row["label"] for row in data["kind"]} == {"Water", "Energie", "Woonst (uithuiszetting)"}
    assert {row["label"] for row in data["company"]} == {"De Watergroep", "Zonder maatschappij"}
    assert {row["label"]: row["opened"] for row in data["worker"]}["Pieter Test"] == 2
    assert "team" in data and len(data["months"]) == 24
    assert AuditEvent.objects.get(action="reports.workers").actor is None


def test_the_reach_rate_equals_the_rate_from_the_export(some):
    data = figures_json("--from", "2026-01-01", "--to", "2026-06-30")

    out = io.StringIO()
    call_command("export_dossiers", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    first, last = D(2026, 1, 1), D(2026, 6, 30)
    opened = [
        row
        for row in rows
        if first <= datetime.datetime.strptime(row["Geopend op"], "%d/%m/%Y").date() <= last
    ]
    reached = [row for row in opened if row["Bereikt op"]]

    assert len(opened) == data["opened"]
    assert data["reach_rate"] == len(reached) / len(opened)


def test_this_year_by_default_and_text_for_people(some):
    out = io.StringIO()
    call_command("figures", stdout=out)
    text = out.getvalue()
    assert "Cijfers van 2026-01-01 tot en met 2026-11-27" in text
    assert "4 geopend, 2 bereikt (50,0 %)" in text
    assert "Per medewerker" in text and "Pieter Test" in text


def test_wrong_dates_are_refused(db):
    with pytest.raises(CommandError):
        call_command("figures", "--from", "2026-13-01")
    with pytest.raises(CommandError):
        call_command("figures", "--from", "2026-05-01", "--to", "2026-04-01")
    with pytest.raises(CommandError):
        call_command("figures", "--from", "2027-01-01", "--to", "2027-02-01")
