"""manage.py import_signals: what the upload does, for drop folders and cron."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bereik.dossiers.models import Dossier, Signal
from bereik.intake.models import ImportBatch
from bereik.intake.tests.conftest import DATA, csv_content

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out = StringIO()
    call_command("import_signals", *args, stdout=out, **options)
    return out.getvalue()


def refused(tmp_path, *args, **options):
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_signals", *args, stdout=out, **options)
    assert error.value.returncode == 1
    return error.value, out.getvalue()


def test_the_json_summary_counts_rows_errors_dossiers_and_columns(tmp_path):
    path = tmp_path / "farys.csv"
    path.write_bytes(
        csv_content(
            [
                ["Klantnummer", "Naam", "Geplande datum", "Extra kolom"],
                ["1001", "Peeters, Jan", "15/01/2027", "a"],
                ["", "Claes, Els", "16/01/2027", "b"],
            ]
        )
    )
    summary = json.loads(run(str(path), kind="verwittiging", company="farys", json=True))
    assert summary["status"] == "ok"
    assert summary["signals_created"] == 1
    assert summary["signals_skipped"] == 0
    assert summary["rows_with_errors"] == 1
    assert summary["errors"] == [
        {
            "row": 3,
            "field": "customer_number",
            "label": "Klantnummer",
            "column": "Klantnummer",
            "message": "Klantnummer is leeg; dit veld is verplicht.",
        }
    ]
    assert summary["dossiers_created"] == 1
    assert summary["dossiers_updated"] == 0
    assert summary["dossiers_created_numbers"] == [Dossier.objects.get().number]
    assert summary["unrecognised_columns"] == ["Extra kolom"]
    assert ImportBatch.objects.get().created_by is None


def test_a_second_file_with_the_same_rows_creates_nothing(tmp_path):
    first = tmp_path / "a.csv"
    first.write_bytes(csv_content([["Klantnummer", "Naam"], ["1001", "Peeters, Jan"]]))
    run(str(first), kind="verwittiging", company="Farys")
    second = tmp_path / "b.csv"
    second.write_bytes(
        csv_content([["Klantnummer", "Naam", "Extra"], ["1001", "Peeters, Jan", "x"]])
    )
    summary = json.loads(run(str(second), kind="verwittiging", company="Farys", json=True))
    assert (summary["signals_created"], summary["signals_skipped"]) == (0, 1)
    assert Signal.objects.count() == 1


def test_a_dry_run_stores_nothing(tmp_path):
    summary = json.loads(
        run(
            str(DATA / "farys-verwittigingen.csv"),
            kind="verwittiging",
            company="Farys",
            dry_run=True,
            json=True,
        )  # fmt: skip
    )
    assert summary["dry_run"] is True
    assert summary["signals_created"] == 17
    assert not ImportBatch.objects.exists() and not Signal.objects.exists()


def test_map_names_a_column_for_a_field(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_content([["Referentie", "Wie"], ["A-1", "Peeters, Jan"]]))
    run(str(path), kind="verwittiging", company="Farys",
        map=["Referentie=customer_number", "Wie=full_name"])  # fmt: skip
    signal = Signal.objects.get()
    assert (signal.customer_number, signal.last_name) == ("A-1", "Peeters")


def test_it_exits_non_zero_storing_nothing_when_required_fields_are_unmapped(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes(csv_content([["Referentie", "Wie"], ["A-1", "Peeters, Jan"]]))
    error, out = refused(tmp_path, str(path), kind="verwittiging", company="Farys", json=True)
    payload = json.loads(out)
    assert payload["status"] == "refused"
    assert payload["columns"] == ["Referentie", "Wie"]
    assert payload["missing_fields"] == ["customer_number", "last_name"]
    assert "Referentie, Wie" in str(error)
    assert not ImportBatch.objects.exists() and not Signal.objects.exists()


def test_it_exits_non_zero_when_the_file_cant_be_read(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes(b"%PDF-1.4 nothing here %%EOF")
    error, _out = refused(tmp_path, str(path), kind="verwittiging", company="Farys")
    assert "geen CSV-bestand" in str(error)
    assert not ImportBatch.objects.exists()
    error, _out = refused(tmp_path, str(tmp_path / "weg.csv"), kind="verwittiging", company="Farys")
    assert "kan niet gelezen worden" in str(error)


def test_it_exits_non_zero_for_a_file_imported_before(tmp_path):
    path = DATA / "farys-verwittigingen.csv"
    run(str(path), kind="verwittiging", company="Farys")
    error, _out = refused(tmp_path, str(path), kind="verwittiging", company="Farys")
    assert "al geïmporteerd" in str(error)
    assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"company": "Waterbedrijf X"}, "Onbekende maatschappij"),
        ({"company": "Farys", "map": ["Klantnummer"]}, "moet de vorm"),
        ({"company": "Farys", "map": ["Klantnummer=bestaat_niet"]}, "onbekend veld"),
        ({"company": "Farys", "map": ["Bestaat niet=last_name"]}, "staat niet in het bestand"),
        ({"company": "Farys", "session_date": "8/12/2026"}, "geen datum"),
    ],
)
def test_it_refuses_bad_options(tmp_path, options, message):
    error, _out = refused(
        tmp_path, str(DATA / "farys-verwittigingen.csv"), kind="verwittiging", **options
    )
    assert message in str(error)


def test_a_lac_list_takes_the_session_date_option(tmp_path):
    path = tmp_path / "lac.csv"
    path.write_bytes(csv_content([["Klantnummer", "Naam", "Voornaam"], ["1", "Peeters", "Jan"]]))
    refused(tmp_path, str(path), kind="lac-water", company="De Watergroep")
    run(str(path), kind="lac-water", company="De Watergroep", session_date="2026-12-08")
    assert str(Dossier.objects.get().deadline) == "2026-12-08"


def test_without_json_it_prints_a_short_report(tmp_path):
    text = run(str(DATA / "farys-verwittigingen.csv"), kind="verwittiging", company="Farys")
    assert "17 nieuwe signalen" in text
    assert "17 nieuwe dossiers" in text
