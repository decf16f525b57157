import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bereik.accounts import actions as account_actions
from bereik.accounts.models import Role
from bereik.clients import actions
from bereik.clients.models import Client, GuidanceChange
from bereik.clients.tests.factories import ClientFactory
from bereik.intake.importing import ColumnsMissing, ImportRefused
from bereik.intake.models import REGISTER, ImportBatch, ImportRow

DATA = Path(__file__).parent / "data"
SAMPLE = (DATA / "register-export.csv").read_bytes()
HEADER = (
    "Cliëntnummer;INSZ;Naam;Voornaam;Geboortedatum;Adres;Postcode;Gemeente;Telefoon;Begeleiding;"
    "Intensieve begeleiding;Einddatum begeleiding;Maatschappelijk werker"
)


def csv_bytes(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def workers(db):
    """Users for four of the six social workers in the sample register."""
    names = [("Nele", "Aerts"), ("Hanne", "Jacobs"), ("Bart", "Smets"), ("Katrien", "Claes")]
    return {
        first: account_actions.user_create(
            username=first.lower(),
            first_name=first,
            last_name=last,
            roles=[Role.Code.MAATSCHAPPELIJK_WERKER],
            actor=None,
        )
        for first, last in names
    }


def test_it_imports_the_sample_register(workers, onthaal):
    result = actions.register_import_file(SAMPLE, file_name="register.csv", actor=onthaal)

    assert result.plan.counts["clients_created"] == 360
    assert result.plan.counts["rows_with_errors"] == 0
    assert Client.objects.count() == 360
    first = Client.objects.get(client_number="C10003")
    assert (first.street, first.house_number, first.box) == ("Brouwersstraat", "109", "2")
    assert first.guidance_status == Client.Guidance.CLOSED
    assert first.guidance_end_date.isoformat() == "2023-01-26"
    active = Client.objects.get(client_number="C10001")
    assert active.guidance_status == Client.Guidance.ACTIVE and active.intensive_guidance
    assert active.social_worker == workers["Hanne"]
    assert active.name_key == "thys" and active.address_key
    # Names that match no user are listed and kept, not dropped.
    assert set(result.plan.unmatched_workers) == {"Ilse Verbeke", "Tom Wouters"}
    unmatched = Client.objects.get(client_number="C10003")
    assert unmatched.social_worker is None and unmatched.social_worker_name == "Tom Wouters"
    assert GuidanceChange.objects.count() == 360
    batch = ImportBatch.objects.get(kind=REGISTER)
    assert batch.status == ImportBatch.Status.IMPORTED and batch.rows_total == 360


def test_the_same_file_is_imported_once(workers, onthaal):
    actions.register_import_file(SAMPLE, file_name="register.csv", actor=onthaal)
    with pytest.raises(ImportRefused):
        actions.register_import_file(SAMPLE, file_name="opnieuw.csv", actor=onthaal)
    assert Client.objects.count() == 360


def test_a_new_export_updates_in_place_keeps_history_and_deletes_nothing(workers, onthaal):
    actions.register_import_file(
        csv_bytes(
            "C1;;Peeters;Jan;01/01/1960;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;Nele Aerts",
            "C2;;Janssens;Els;02/02/1970;Molenstraat 2;3800;Sint-Truiden;;Afgesloten;nee;"
            "01/01/2024;Bart Smets",
        ),
        file_name="week1.csv",
        actor=onthaal,
    )
    result = actions.register_import_file(
        csv_bytes(
            "C1;;Peeters;Jan;01/01/1960;Kerkstraat 1;3800;Sint-Truiden;;Afgesloten;ja;"
            "15/11/2026;Nele Aerts",
            "C3;;Nieuw;Gezin;03/03/1980;Veldstraat 3;3800;Sint-Truiden;;Actief;nee;;Bart Smets",
        ),
        file_name="week2.csv",
        actor=onthaal,
    )

    counts = result.plan.counts
    assert (counts["clients_created"], counts["clients_updated"]) == (1, 1)
    assert counts["clients_missing"] == 1
    peeters = Client.objects.get(client_number="C1")
    assert peeters.guidance_status == Client.Guidance.CLOSED
    history = list(peeters.guidance_changes.order_by("at", "id"))
    assert [h.guidance_status for h in history] == ["actief", "afgesloten"]
    assert history[1].previous["guidance_status"] == "actief"
    missing = Client.objects.get(client_number="C2")  # not deleted, flagged
    assert missing.missing_from_register_since is not None


def test_an_unchanged_row_changes_nothing(workers, onthaal):
    row = "C1;;Peeters;Jan;01/01/1960;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;Nele Aerts"
    actions.register_import_file(csv_bytes(row), file_name="a.csv", actor=onthaal)
    before = Client.objects.get().updated_at

    result = actions.register_import_file(csv_bytes(row + "\n"), file_name="b.csv", actor=onthaal)

    assert result.plan.counts["clients_unchanged"] == 1
    assert Client.objects.get().updated_at == before
    assert GuidanceChange.objects.count() == 1


def test_rows_with_errors_are_listed_with_row_field_and_problem(workers, onthaal):
    result = actions.register_import_file(
        csv_bytes(
            "C1;;Peeters;Jan;31/02/1960;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;",
            ";;Zonder;Nummer;;Kerkstraat 2;3800;Sint-Truiden;;Actief;ja;;",
            "C3;;Goed;Rij;;Kerkstraat 3;3800;Sint-Truiden;;Misschien;ja;;",
            "C4;;Goed;Rij;;Kerkstraat 4;3800;Sint-Truiden;;Actief;ja;;",
            "C4;;Dubbel;Nummer;;Kerkstraat 5;3800;Sint-Truiden;;Actief;ja;;",
        ),
        file_name="fouten.csv",
        actor=onthaal,
    )

    problems = {(p.row, p.field): p.message for p in result.plan.errors}
    warnings = {(p.row, p.field): p.message for p in result.plan.warnings}
    assert "31/02/1960" in warnings[(2, "birth_date")]  # imported without the date
    assert (3, "client_number") in problems
    assert "Misschien" in problems[(4, "guidance_status")]
    assert "rij 5" in problems[(6, "client_number")]
    assert sorted(Client.objects.values_list("client_number", flat=True)) == ["C1", "C4"]
    assert Client.objects.get(client_number="C1").birth_date is None
    assert ImportRow.objects.filter(outcome=ImportRow.Outcome.ERROR).count() == 3


def test_a_row_with_errors_does_not_flag_its_client_as_missing(workers, onthaal):
    actions.register_import_file(
        csv_bytes("C1;;Peeters;Jan;;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;"),
        file_name="a.csv",
        actor=onthaal,
    )
    actions.register_import_file(
        csv_bytes("C1;;Peeters;Jan;;Kerkstraat 1;3800;Sint-Truiden;;Misschien;ja;;"),
        file_name="b.csv",
        actor=onthaal,
    )
    assert Client.objects.get().missing_from_register_since is None


def test_a_client_made_in_bereik_takes_the_register_number(workers, onthaal, preventiewerker):
    made = actions.client_create(
        actor=preventiewerker, last_name="Peeters", first_name="Jan", insz="79102614033"
    )
    actions.register_import_file(
        csv_bytes(
            "C9;79102614033;Peeters;Jan;26/10/1979;Kerkstraat 1;3800;Sint-Truiden;;Actief;ja;;"
        ),
        file_name="a.csv",
        actor=onthaal,
    )
    made.refresh_from_db()
    assert made.client_number == "C9" and made.source == Client.Source.REGISTER
    assert Client.objects.count() == 1


def test_columns_are_mapped_by_hand_when_not_recognised(onthaal):
    content = b"Nr;Familienaam;Voornaam;Status\nC1;Peeters;Jan;Actief\n"
    with pytest.raises(ColumnsMissing):
        actions.register_import_file(content, file_name="a.csv", actor=onthaal)

    actions.register_import_file(
        content, file_name="a.csv", overrides={"Nr": "client_number"}, actor=onthaal
    )

    client = Client.objects.get()
    assert client.client_number == "C1" and client.guidance_status == Client.Guidance.ACTIVE


def test_a_dry_run_stores_nothing(onthaal):
    result = actions.register_import_file(
        SAMPLE, file_name="register.csv", actor=onthaal, dry_run=True
    )
    assert result.plan.counts["clients_created"] == 360
    assert not Client.objects.exists() and not ImportBatch.objects.exists()


def test_the_import_matches_unlinked_dossiers(workers, onthaal):
    from bereik.dossiers.tests.factories import DossierFactory

    dossier = DossierFactory(last_name="Thys", first_name="Emre", insz="72122623596")
    result = actions.register_import_file(SAMPLE, file_name="register.csv", actor=onthaal)
    dossier.refresh_from_db()
    assert dossier.client.client_number == "C10001"
    assert dossier.route == "A" and dossier.assigned_to == workers["Hanne"]
    assert result.match.linked_insz == 1


def test_the_command_prints_a_json_summary(workers, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(SAMPLE)

    call_command("import_register", str(path), "--json")

    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "ok" and summary["clients_created"] == 360
    assert summary["unmatched_worker_names"] == {"Ilse Verbeke": 53, "Tom Wouters": 57}


def test_the_command_dry_run_and_map(tmp_path, capsys, db):
    path = tmp_path / "r.csv"
    path.write_bytes(b"Nr;Familienaam\nC1;Peeters\n")

    call_command("import_register", str(path), "--map", "Nr=client_number", "--dry-run")

    assert "Proefdraai: 1 rijen, 1 nieuwe cliënten" in capsys.readouterr().out
    assert not Client.objects.exists()


def test_the_command_refuses_with_status_1(tmp_path, db):
    path = tmp_path / "r.csv"
    path.write_bytes(b"Nr;Familienaam\nC1;Peeters\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_register", str(path))
    assert refused.value.returncode == 1
    with pytest.raises(CommandError):
        call_command("import_register", str(path), "--map", "Nr=onbekend")


def test_the_command_refusal_as_json_names_the_columns_and_the_fields_to_map(tmp_path, capsys, db):
    path = tmp_path / "r.csv"
    path.write_bytes(b"Nr;Familienaam\nC1;Peeters\n")
    with pytest.raises(CommandError):
        call_command("import_register", str(path), "--json")

    refusal = json.loads(capsys.readouterr().out)
    assert refusal["status"] == "refused"
    assert refusal["columns"] == ["Nr", "Familienaam"]
    assert refusal["missing_fields"] == ["client_number"]


def test_a_client_is_added_and_corrected_by_hand_with_history(preventiewerker, mw):
    client = actions.client_create(
        actor=preventiewerker, last_name="Hand", first_name="Werk", street="Kerkstraat 4"
    )
    assert client.client_number == "B000001"
    actions.client_update(
        client,
        actor=preventiewerker,
        guidance_status=Client.Guidance.ACTIVE,
        social_worker=mw,
        reason="Aanmelding",
    )
    client.refresh_from_db()
    assert client.address_key == "|kerkstraat|4"
    change = client.guidance_changes.first()
    assert change.guidance_status == Client.Guidance.ACTIVE and change.source == "Aanmelding"


def test_an_invalid_insz_is_refused_by_hand(preventiewerker):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.client_create(actor=preventiewerker, last_name="X", insz="12345678901")
    ClientFactory(client_number="C5")
    with pytest.raises(ValidationError):
        actions.client_create(actor=preventiewerker, last_name="Y", client_number="C5")


def test_a_first_register_refreshes_the_planner_statistics_once_committed(
    workers, onthaal, monkeypatch, django_capture_on_commit_callbacks
):
    """A register of 360 clients into an empty table: the client list's plans follow at once."""
    from bereik.lib import dbstats

    refreshed = []
    monkeypatch.setattr(dbstats, "refresh", lambda: refreshed.append(1) or True)
    monkeypatch.setattr(dbstats, "GROWN_ROWS", 100)
    with django_capture_on_commit_callbacks(execute=True):
        actions.register_import_file(SAMPLE, file_name="register.csv", actor=onthaal)
        assert refreshed == []
    assert refreshed == [1]
    # The next export (one line more) creates one client: nothing to refresh.
    with django_capture_on_commit_callbacks(execute=True):
        actions.register_import_file(
            SAMPLE.rstrip(b"\r\n")
            + b"\nC99999;;Nieuw;Iemand;01/01/1980;Kerkstraat 1;3800;Sint-Truiden;;;;;\n",
            file_name="volgende.csv",
            actor=onthaal,
        )
    assert Client.objects.count() == 361
    assert refreshed == [1]


def test_a_new_clients_first_history_entry_holds_its_guidance(workers, onthaal):
    """The first entry of a new client's guidance history is made in the database from the row
    just inserted (`bulk.insert_copies`): every value as the client has it, the import as its
    source, the importer as its actor, nothing before it."""
    result = actions.register_import_file(
        csv_bytes(
            "C1;;Peeters;Jan;01/01/1960;Kerkstraat 1;3800;Sint-Truiden;;Afgesloten;ja;"
            "15/11/2026;Nele Aerts",
            "C2;;Maes;An;02/02/1970;Veldstraat 2;3800;Sint-Truiden;;Actief;nee;;Ilse Verbeke",
        ),
        file_name="eerste.csv",
        actor=onthaal,
    )

    assert result.plan.counts["guidance_changes"] == 2
    for client in Client.objects.all():
        change = client.guidance_changes.get()
        assert (
            change.guidance_status,
            change.intensive_guidance,
            change.guidance_end_date,
            change.social_worker_name,
        ) == (
            client.guidance_status,
            client.intensive_guidance,
            client.guidance_end_date,
            client.social_worker_name,
        )
        assert change.at == client.created_at and change.actor == onthaal
        assert change.previous == {} and "eerste.csv" in change.source
    peeters = Client.objects.get(client_number="C1")
    assert peeters.guidance_changes.get().guidance_end_date.isoformat() == "2026-11-15"
    assert peeters.guidance_changes.get().intensive_guidance is True
