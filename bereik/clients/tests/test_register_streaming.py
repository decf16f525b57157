"""A long register export is stored a batch of rows at a time while it is read, as a company list
is (ADR 0029, tenth round): what a batch learnt holds for the next, the preview decides the same
as the import, and the plan keeps no row's values once stored."""

import datetime

import pytest

from bereik.clients import actions, import_kind, register
from bereik.clients.models import Client, GuidanceChange
from bereik.clients.tests.factories import ClientFactory
from bereik.clients.tests.test_register_import import csv_bytes
from bereik.intake.models import ImportRow

pytestmark = pytest.mark.django_db

INSZ = "79102614033"  # of a client made in Bereik

ROWS = (
    # row 2: C1 is in the register with another guidance: updated
    "C1;;Peeters;Jan;01/01/1960;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;",
    # row 3: the client made in Bereik takes the register's number
    f"C2;{INSZ};Maes;An;26/10/1979;Stationsstraat 4;3800;Sint-Truiden;;Actief;nee;;",
    # row 4: new, with a warning (no such date)
    "C3;;Claes;Els;31/02/1960;Molenweg 9;3800;Sint-Truiden;;Geen;nee;;",
    # row 5: C1 again: an error on this later row
    "C1;;Dubbel;Nummer;;Kerkstraat 5;3800;Sint-Truiden;;Actief;ja;;",
    # row 6: the same INSZ as row 3: a new client (the one made in Bereik is taken)
    f"C5;{INSZ};Maes;An;26/10/1979;Stationsstraat 4;3800;Sint-Truiden;;Actief;nee;;",
    # row 7: a guidance nobody can read: an error
    "C6;;Goed;Rij;;Kerkstraat 6;3800;Sint-Truiden;;Misschien;ja;;",
    # row 8: C7 is in the register as it is here: unchanged
    "C7;;Wouters;Tom;;Veldstraat 7;3800;Sint-Truiden;;Geen;nee;;",
)

COUNTS = {
    "rows": 7,
    "clients_created": 2,
    "clients_updated": 2,
    "clients_unchanged": 1,
    "rows_with_errors": 2,
    "rows_with_warnings": 1,
    "guidance_changes": 4,
    "clients_missing": 1,
    "clients_returning": 0,
    "unmatched_workers": 0,
}


@pytest.fixture
def register_before(preventiewerker):
    ClientFactory(client_number="C1", last_name="Peeters", guidance_status="afgesloten")
    ClientFactory(
        client_number="C7",
        last_name="Wouters",
        first_name="Tom",
        street="Veldstraat",
        house_number="7",
        guidance_status=Client.Guidance.NONE,
    )
    ClientFactory(client_number="C8")  # not in the export any more
    return actions.client_create(
        actor=preventiewerker, last_name="Maes", first_name="An", insz=INSZ
    )


def problems(plan):
    return sorted((p.row, p.field) for p in plan.errors), sorted(
        (p.row, p.field) for p in plan.warnings
    )


@pytest.mark.parametrize("batch_rows", [1, 2, 2000])
def test_later_batches_see_what_earlier_batches_decided_and_stored(
    onthaal, register_before, monkeypatch, batch_rows
):
    monkeypatch.setattr(register, "BATCH_ROWS", batch_rows)
    calls = []
    store = actions.RegisterStore.__call__

    def counted(self, plan, rows):
        calls.append([row.number for row in rows])
        return store(self, plan, rows)

    monkeypatch.setattr(actions.RegisterStore, "__call__", counted)
    content = csv_bytes(*ROWS)
    created_before = Client.objects.get(client_number="C1").created_at

    preview = actions.register_import_file(content, file_name="r.csv", actor=onthaal, dry_run=True)
    assert calls == []
    result = actions.register_import_file(content, file_name="r.csv", actor=onthaal)

    # Stored while read, a batch at a time, and the preview decided the same.
    assert calls == [
        list(range(start + 2, min(start + batch_rows, 7) + 2)) for start in range(0, 7, batch_rows)
    ]
    assert result.plan.counts == preview.plan.counts == COUNTS
    assert result.plan.table.rows == [] and len(preview.plan.table.rows) == 7
    assert (
        problems(result.plan)
        == problems(preview.plan)
        == (
            [(5, "client_number"), (7, "guidance_status")],
            [(4, "birth_date")],
        )
    )

    register_before.refresh_from_db()
    assert register_before.client_number == "C2"
    assert register_before.source == Client.Source.REGISTER
    assert Client.objects.get(client_number="C5").insz == INSZ
    updated = Client.objects.get(client_number="C1")
    assert updated.guidance_status == Client.Guidance.ACTIVE
    assert (updated.first_name, updated.street, updated.house_number) == ("Jan", "Kerkstraat", "1")
    assert updated.created_at == created_before and updated.updated_at > created_before
    change = GuidanceChange.objects.get(client=updated, source__startswith="registerimport")
    assert change.previous["guidance_status"] == "afgesloten"
    assert change.guidance_status == Client.Guidance.ACTIVE
    assert Client.objects.get(client_number="C8").missing_from_register_since is not None
    assert not Client.objects.filter(client_number="C6").exists()
    assert Client.objects.count() == 6
    # A history entry for each new client and each change in guidance.
    assert GuidanceChange.objects.filter(source__startswith="registerimport").count() == 4
    assert sorted(
        ImportRow.objects.filter(batch=result.batch).values_list("number", flat=True)
    ) == [5, 7]


def test_the_plan_keeps_no_values_of_stored_rows(onthaal, register_before, monkeypatch):
    monkeypatch.setattr(register, "BATCH_ROWS", 2)
    result = actions.register_import_file(csv_bytes(*ROWS), file_name="r.csv", actor=onthaal)

    plan = result.plan
    assert plan.table.rows == []
    assert all(not row.parsed.values and not row.fields for row in plan.rows)
    assert all(row.client is None and not row.parsed.cells for row in plan.rows)
    # Rows without problems are one shared row per outcome and change.
    clean = [row for row in plan.rows if not row.parsed.errors and not row.parsed.warnings]
    assert len(clean) == 4
    assert all(row is register._stored_row(row.outcome, tuple(row.changed)) for row in clean)
    # The rows with problems keep them, with their number.
    kept = {row.number: row.outcome for row in plan.rows if row.parsed.errors}
    assert kept == {5: register.ERROR, 7: register.ERROR}
    assert result.summary()["errors"][0]["row"] == 5


def test_the_whole_plan_store_writes_what_the_stream_writes(onthaal, register_before):
    """The kind's `store` for a plan made without a sink writes through the same store: the same
    counts, clients and flag as the streamed import above."""
    plan = register.make_plan(
        csv_bytes(*ROWS), filename="r.csv", options=type("O", (), {"overrides": None})()
    )
    batch = actions.register_upload(content=csv_bytes(*ROWS), file_name="r.csv", actor=onthaal)
    batch.imported_at = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    result = actions.register_store(batch, plan, actor=onthaal)

    assert result.plan.counts == COUNTS
    assert Client.objects.count() == 6
    assert Client.objects.get(client_number="C8").missing_from_register_since == (
        datetime.date(2026, 12, 1)
    )


OTHER_INSZ, THIRD_INSZ = "46050450882", "72122623596"


@pytest.mark.parametrize("batch_rows", [1, 2000])
def test_a_client_is_taken_by_one_row_however_the_batches_fall(
    onthaal, preventiewerker, monkeypatch, batch_rows
):
    """Two clients made in Bereik with the same INSZ: the first row with it adopts the oldest, a
    later one is a new client. A client made in Bereik that a row takes by its number is not
    adopted by another row's INSZ. The same in the preview (nothing stored between batches)
    and in the import (each batch stored before the next is decided)."""
    monkeypatch.setattr(register, "BATCH_ROWS", batch_rows)
    older = ClientFactory(source=Client.Source.HAND, insz=OTHER_INSZ)
    younger = ClientFactory(source=Client.Source.HAND, insz=OTHER_INSZ)
    by_number = ClientFactory(client_number="R1", source=Client.Source.HAND, insz=THIRD_INSZ)
    content = csv_bytes(
        f"R1;{THIRD_INSZ};Thys;Emre;26/12/1972;Kerkstraat 6;3800;Sint-Truiden;;Actief;ja;;",
        f"R2;{THIRD_INSZ};Thys;Emre;26/12/1972;Kerkstraat 6;3800;Sint-Truiden;;Actief;ja;;",
        f"R3;{OTHER_INSZ};Renard;Lotte;04/05/1946;Beekstraat 54;3800;Zepperen;;Geen;nee;;",
        f"R4;{OTHER_INSZ};Renard;Lotte;04/05/1946;Beekstraat 54;3800;Zepperen;;Geen;nee;;",
    )

    preview = actions.register_import_file(content, file_name="r.csv", actor=onthaal, dry_run=True)
    result = actions.register_import_file(content, file_name="r.csv", actor=onthaal)

    outcomes = [register.UPDATED, register.NEW, register.UPDATED, register.NEW]
    assert [row.outcome for row in preview.plan.rows] == outcomes
    assert result.plan.counts == preview.plan.counts
    assert (result.plan.counts["clients_created"], result.plan.counts["clients_updated"]) == (2, 2)
    for client in (older, younger, by_number):
        client.refresh_from_db()
    assert (by_number.client_number, by_number.source) == ("R1", Client.Source.REGISTER)
    assert (older.client_number, older.source) == ("R3", Client.Source.REGISTER)
    assert younger.source == Client.Source.HAND
    assert Client.objects.get(client_number="R2").pk not in {older.pk, younger.pk, by_number.pk}
    assert Client.objects.get(client_number="R4").insz == OTHER_INSZ


def test_a_client_number_longer_than_the_register_keeps_is_an_error(onthaal):
    long_number = "C" + "9" * 40
    result = actions.register_import_file(
        csv_bytes(
            f"{long_number};;Peeters;Jan;;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;",
            "C1;;Maes;An;;Kerkstraat 2;3800;Sint-Truiden;;Actief;ja;;",
        ),
        file_name="r.csv",
        actor=onthaal,
    )

    [problem] = result.plan.errors
    assert (problem.row, problem.field) == (2, "client_number")
    assert problem.message == (
        f"Cliëntnummer {long_number} is te lang: een cliëntnummer heeft hoogstens 40 tekens."
    )
    assert list(Client.objects.values_list("client_number", flat=True)) == ["C1"]
    assert result.plan.counts["clients_missing"] == 0
    assert import_kind.success_message(result) == (
        "Register ingelezen: 1 nieuwe cliënt, 0 bijgewerkt, 0 ongewijzigd, 1 rij met fouten, "
        "0 niet meer in de export."
    )
