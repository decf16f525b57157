"""The issue's "Done means", literally: after importing the register export and the weekly report
of the samples, `weekly_digest --dry-run --json` gives every line whose household is a register
client in active guidance to that client's social worker, the lines nobody follows to the
preventiewerker, every protected customer of the report among the week's suggestions, and nobody
a line twice."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from bereik.lib.matching import fold
from bereik.weekly.models import DigestRun
from bereik.weekly.tests.conftest import DATA


def _rows(name):
    text = (DATA / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _expected_active() -> dict[str, str]:
    """customer number -> the social worker's full name, for the report's lines whose household
    is (same name, street and number, postcode) a register client in active guidance: read from
    the two files themselves, not through Bereik's matching."""
    register = {}
    for row in _rows("register-export.csv"):
        key = (fold(f"{row['Naam']} {row['Voornaam']}"), fold(row["Adres"]), row["Postcode"])
        register[key] = row
    expected = {}
    for line in _rows("watergroep-weekrapport.csv"):
        street, place = line["Adres"].split(", ", 1)
        street = street.split(" bus ")[0]
        key = (fold(line["Klant"]), fold(street), place.split(" ")[0])
        client = register.get(key)
        if client and client["Begeleiding"] == "Actief":
            expected[line["Klantnummer"]] = client["Maatschappelijk werker"]
    return expected


def _digest(*args) -> dict:
    out = io.StringIO()
    call_command("weekly_digest", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_samples_reach_the_right_people(samples_imported, workers, preventiewerker):
    summary = _digest("--dry-run")
    assert summary["lines"] == 60
    recipients = summary["recipients"]
    own = {
        username: {line["customer_number"] for line in data["own"]}
        for username, data in recipients.items()
    }

    expected = _expected_active()
    assert expected  # the samples have lines about clients in active guidance
    for customer, worker in expected.items():
        assert customer in own[workers[worker].username], (customer, worker)

    # Lines nobody follows go to the preventiewerker.
    unfollowed = {line["customer_number"] for line in summary["unfollowed"]}
    assert unfollowed
    assert unfollowed <= own[preventiewerker.username]

    # Every line reaches someone among their own lines; nobody gets a line twice.
    everyone = set().union(*own.values())
    assert len(everyone) == 60
    for _username, data in recipients.items():
        numbers = [line["customer_number"] for line in data["own"]]
        assert len(numbers) == len(set(numbers))
        assert len(numbers) + data["others"] == 60

    # Every protected customer of the report is in the week's water-scan suggestions.
    protected = {row["Klantnummer"] for row in _rows("watergroep-weekrapport.csv")} & {
        row["Klantnummer"]
        for row in _rows("watergroep-weekrapport.csv")
        if row["Beschermde klant"] == "Ja"
    }
    suggested = {item["customer_number"] for item in summary["water_scan_suggestions"]}
    assert protected and protected <= suggested

    # A dry run sends nothing.
    assert not DigestRun.objects.exists()


@pytest.mark.django_db
def test_the_json_names_no_one(samples_imported):
    text = json.dumps(_digest("--dry-run"))
    for line in _rows("watergroep-weekrapport.csv")[:10]:
        assert line["Klant"] not in text
        assert line["Openstaand"] not in text
