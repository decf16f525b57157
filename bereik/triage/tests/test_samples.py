"""The issue's "done" check on the sample files: the register export and the company lists,
imported as a user would, then matched and triaged."""

import csv
from pathlib import Path

import pytest

from bereik.accounts import actions as account_actions
from bereik.accounts.models import Role
from bereik.clients import actions
from bereik.clients.models import Client
from bereik.dossiers.models import Dossier, Signal
from bereik.intake import actions as intake_actions
from bereik.lib import insz as insz_lib
from bereik.lib import matching
from bereik.organisation.models import Company
from bereik.triage.actions import matching as triage_matching
from bereik.triage.models import Triage

# The shared sample files, kept with the register's tests.
DATA = Path(__file__).resolve().parents[2] / "clients" / "tests" / "data"
LISTS = [
    ("watergroep-lac-water.xlsx", Signal.Kind.LAC_WATER, "De Watergroep"),
    ("farys-verwittigingen.csv", Signal.Kind.VERWITTIGING, "Farys"),
    ("fluvius-lac-energie.csv", Signal.Kind.LAC_ENERGIE, "Fluvius"),
]
WORKERS = [
    ("Nele", "Aerts"),
    ("Hanne", "Jacobs"),
    ("Bart", "Smets"),
    ("Ilse", "Verbeke"),
    ("Katrien", "Claes"),
    ("Tom", "Wouters"),
]


def register_rows() -> list[dict]:
    with (DATA / "register-export.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


def name_key(last, first) -> str:
    return f"{matching.surname_key(last)} {matching.first_name_key(first)}"


@pytest.fixture
def imported(db, preventiewerker):
    for first, last in WORKERS:
        account_actions.user_create(
            username=first.lower(),
            first_name=first,
            last_name=last,
            roles=[Role.Code.MAATSCHAPPELIJK_WERKER],
            actor=None,
        )
    actions.register_import_file(
        (DATA / "register-export.csv").read_bytes(), file_name="register.csv", actor=None
    )
    for name, kind, company in LISTS:
        intake_actions.import_file(
            (DATA / name).read_bytes(),
            file_name=name,
            kind=kind,
            company=Company.objects.get(name=company),
            actor=None,
        )
    dossiers = list(Dossier.objects.values_list("pk", flat=True))
    assert len(dossiers) >= 70
    triage_matching.match_dossiers(dossiers, preventiewerker)
    return Dossier.objects.select_related("client", "triage", "assigned_to")


def test_every_household_with_a_valid_insz_in_both_files_is_linked(imported):
    by_insz = {row["INSZ"]: row["Cliëntnummer"] for row in register_rows() if row["INSZ"]}
    checked = 0
    for dossier in imported:
        if dossier.insz and insz_lib.is_valid(dossier.insz) and dossier.insz in by_insz:
            assert dossier.client is not None, dossier.household_name
            assert dossier.client.client_number == by_insz[dossier.insz]
            assert dossier.triage.method == Triage.Method.BY_INSZ
            checked += 1
    assert checked >= 15


def test_households_known_by_name_are_linked_or_queued_and_never_wrongly(imported):
    names = {}
    for row in register_rows():
        names.setdefault(name_key(row["Naam"], row["Voornaam"]), []).append(row)
    known = 0
    for dossier in imported:
        key = name_key(dossier.last_name, dossier.first_name)
        if dossier.client is not None:
            # Linked: the same person by INSZ, or the same name (and never a different INSZ).
            client = dossier.client
            if dossier.triage.method != Triage.Method.BY_INSZ:
                assert name_key(client.last_name, client.first_name) == key
                assert not (dossier.insz and client.insz and dossier.insz != client.insz)
                assert matching.address_key(
                    dossier.street, dossier.house_number, dossier.box, dossier.postcode
                ) == client.address_key or (client.birth_date and dossier.insz)
        if key in names:
            register_inszs = {row["INSZ"] for row in names[key] if row["INSZ"]}
            if dossier.insz and register_inszs and dossier.insz not in register_inszs:
                continue  # a namesake with another INSZ: a different person
            known += 1
            assert (
                dossier.client is not None
                or dossier.triage.match_status == Triage.MatchStatus.TO_CONFIRM
            ), dossier.household_name
    assert known >= 50


def test_namesakes_elsewhere_are_queued_not_linked(imported):
    claes = imported.get(last_name="Claes", first_name="Mehmet")
    assert claes.client is None and claes.triage.match_status == Triage.MatchStatus.TO_CONFIRM
    stijn = imported.get(last_name="Van de Velde", first_name="Stijn", street="Populierenlaan")
    assert stijn.client is None and stijn.triage.match_status == Triage.MatchStatus.TO_CONFIRM


def test_a_different_insz_is_not_linked_to_a_namesake(imported):
    de_smet = imported.get(last_name="De Smet", first_name="Mohamed", street="Tiensesteenweg",
                           house_number="125")  # fmt: skip
    assert de_smet.client is None


def test_routes_follow_the_register(imported):
    for dossier in imported:
        if dossier.client is None:
            if dossier.triage.match_status == Triage.MatchStatus.NEW:
                assert dossier.route == Dossier.Route.C
            else:
                assert dossier.route == ""
            continue
        client = dossier.client
        if client.guidance_status == Client.Guidance.ACTIVE:
            assert dossier.route == Dossier.Route.A
            assert dossier.assigned_to == client.social_worker
        elif client.intensive_guidance:
            assert dossier.route == Dossier.Route.B
            assert dossier.consultations.filter(former_worker=client.social_worker).exists()
        else:
            assert dossier.route == Dossier.Route.C
    routes = set(imported.values_list("route", flat=True))
    assert {"A", "B", "C"} <= routes
