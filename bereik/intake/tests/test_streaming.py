"""A long list is stored a batch of rows at a time while it is read (ADR 0029, fourth round):
what a batch learnt holds for the next, and the plan keeps no row's values once stored."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory
from bereik.intake import actions, importing, queries
from bereik.intake.actions import lists
from bereik.intake.models import ImportRow
from bereik.intake.tests.conftest import company, csv_content

pytestmark = pytest.mark.django_db

HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
          "Geplande actie", "Geplande datum", "Datum verwittiging"]  # fmt: skip


def line(number, name, street, amount, letter, planned="15/01/2027"):
    return [number, name, street, "3800 Sint-Truiden", amount, "Afsluiting", planned, letter]


ROWS = [
    line("A1", "Peeters, Jan", "Kerkstraat 1", "10,00", "02/11/2026"),  # row 2: opens A1
    line("B1", "Maes, An", "Stationsstraat 4", "20,00", "02/11/2026"),  # row 3: B1's open dossier
    line("C1", "Claes, Els", "Molenweg 9", "30,00", "02/11/2026"),  # row 4: opens C1
    line("", "Zonder, Nummer", "Nergensstraat 1", "5,00", "02/11/2026"),  # row 5: an error
    line("A1", "Peeters, Jan", "Nieuwstraat 7", "11,00", "09/11/2026", "05/01/2027"),  # row 6
    line("C1", "Claes, Els", "Molenweg 9", "30,00", "02/11/2026"),  # row 7: same as row 4
    line("B1", "Maes, An", "Stationsstraat 4", "25,00", "16/11/2026"),  # row 8: B1 again
    line("A1", "Peeters, Jan", "Nieuwstraat 7", "12,00", "16/11/2026"),  # row 9: A1 once more
]


@pytest.fixture
def existing(db):
    """B1 has an open dossier before the list comes in."""
    return DossierFactory(
        company=company("Farys"),
        customer_number="B1",
        kind=Dossier.Kind.WATER,
        last_name="Maes",
        first_name="An",
        street="Stationsstraat",
        house_number="4",
        amount_due=Decimal("1.00"),
    )


@pytest.fixture(autouse=True)
def no_next_steps(monkeypatch):
    # Matching and the volgende stap have their own tests; here only the store.
    monkeypatch.setattr(lists, "follow_up", lambda *args, **kwargs: [])


def run_import(actor, batch_rows, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_ROWS", batch_rows)
    return actions.import_file(
        csv_content([HEADER, *ROWS]),
        file_name="verwittigingen.csv",
        kind="verwittiging",
        company=company("Farys"),
        actor=actor,
    )


def upload(rows, name, *, actor):
    """A stored preview of these rows (the pages' first step)."""
    return actions.import_upload(
        content=csv_content([HEADER, *rows]),
        file_name=name,
        kind="verwittiging",
        company=company("Farys"),
        actor=actor,
    )


@pytest.mark.parametrize("batch_rows", [2, 3, 2000])
def test_rows_in_later_batches_find_what_earlier_batches_stored(
    onthaal, existing, monkeypatch, batch_rows
):
    result = run_import(onthaal, batch_rows, monkeypatch)

    rows = {row.number: row for row in ImportRow.objects.filter(batch=result.batch)}
    assert {number: row.outcome for number, row in rows.items()} == {
        2: ImportRow.Outcome.NEW_DOSSIER,
        3: ImportRow.Outcome.ADDED,
        4: ImportRow.Outcome.NEW_DOSSIER,
        5: ImportRow.Outcome.ERROR,
        6: ImportRow.Outcome.ADDED,
        7: ImportRow.Outcome.KNOWN,
        8: ImportRow.Outcome.ADDED,
        9: ImportRow.Outcome.ADDED,
    }
    assert rows[6].note == "Bij het nieuwe dossier van rij 2."
    assert rows[9].note == "Bij het nieuwe dossier van rij 2."
    assert rows[7].note == "Zelfde klant en datum als rij 4."
    assert rows[8].note == f"Bij open dossier {existing.number}."

    # The dossier row 2 opened, brought up to date by rows 6 and 9 (in later batches when they
    # are small): the latest address and amount, the earliest deadline still ahead.
    opened = Dossier.objects.get(customer_number="A1")
    assert (opened.street, opened.house_number) == ("Nieuwstraat", "7")
    assert opened.amount_due == Decimal("12.00")
    assert opened.deadline == datetime.date(2027, 1, 5)
    assert Signal.objects.filter(dossier=opened).count() == 3
    assert DossierEvent.objects.filter(dossier=opened, kind="signaal").count() == 3

    existing.refresh_from_db()
    assert existing.amount_due == Decimal("25.00")
    assert Signal.objects.filter(dossier=existing).count() == 2

    # One dossier per household, numbered in the order of the rows that opened them.
    assert Dossier.objects.filter(customer_number="A1").count() == 1
    numbers = dict(Dossier.objects.filter(customer_number__in=["A1", "C1"]).values_list(
        "customer_number", "number"
    ))  # fmt: skip
    assert numbers["A1"] < numbers["C1"]

    summary = result.summary()
    assert summary["dossiers_created"] == 2
    assert summary["dossiers_updated"] == 1
    assert summary["signals_created"] == 6
    assert summary["signals_skipped"] == 1
    assert summary["rows_with_errors"] == 1
    assert [error["row"] for error in summary["errors"]] == [5]
    assert summary["dossiers_created_numbers"] == [numbers["A1"], numbers["C1"]]
    assert summary["dossiers_updated_numbers"] == [existing.number]


def test_a_stored_batch_is_released(onthaal, existing, monkeypatch):
    """Once stored, the plan keeps each row's outcome and problems, not its values, and the
    dossiers it opened by id and number: memory stays bounded whatever the file's length."""
    result = run_import(onthaal, 2, monkeypatch)
    plan = result.plan
    assert len(plan.rows) == len(ROWS)
    assert all(not row.parsed.values and not row.parsed.cells for row in plan.rows)
    assert all(not row.signal and row.dossier is None for row in plan.rows)
    assert plan.table.rows == []
    assert all(isinstance(dossier, importing.Stored) for dossier in plan.new_dossiers)
    assert [row.parsed.errors[0].field for row in plan.rows if row.parsed.errors] == [
        "customer_number"
    ]


def test_the_preview_keeps_every_row(onthaal, existing):
    """The preview stores nothing and shows every row: nothing is released."""
    batch = upload(ROWS, "verwittigingen.csv", actor=onthaal)
    plan = queries.plan_for(batch)
    assert all(row.parsed.cells for row in plan.rows)
    assert plan.rows[0].parsed.values["customer_number"] == "A1"
    assert len(plan.table.rows) == len(ROWS)
    assert not Dossier.objects.filter(customer_number="A1").exists()


def test_the_known_signals_are_read_without_sorting(onthaal, existing, monkeypatch):
    """The model's ordering made SQLite walk an index of every signal of the kind for each
    batch instead of looking up its customer numbers."""
    monkeypatch.setattr(importing, "BATCH_ROWS", 3)
    with CaptureQueriesContext(connection) as queries:
        run_import(onthaal, 3, monkeypatch)
    lookups = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "dossiers_signal"."customer_number"')
    ]
    assert len(lookups) == 3  # one per batch of three rows
    assert not any("ORDER BY" in sql for sql in lookups)


def test_upload_and_confirm_in_one_go_read_the_file_once(onthaal, monkeypatch):
    """The command line's import (`import_file`) hands the upload's table to the plan; the
    pages' upload and confirm, two requests, each read the file."""
    from bereik.lib import tabular

    reads = []
    real = tabular.read_table
    monkeypatch.setattr(
        tabular, "read_table", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs)
    )
    run_import(onthaal, 2000, monkeypatch)
    assert len(reads) == 1
    assert Dossier.objects.filter(customer_number="A1").exists()

    reads.clear()
    rows = [line("D1", "Janssens, Piet", "Dorpstraat 2", "40,00", "02/11/2026")]
    batch = upload(rows, "nog-een.csv", actor=onthaal)
    actions.import_confirm(batch, actor=onthaal)
    assert len(reads) == 2
    assert Dossier.objects.filter(customer_number="D1").exists()
