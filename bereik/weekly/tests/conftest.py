from pathlib import Path

import pytest

from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.intake import actions as intake_actions
from bereik.organisation.models import Company

DATA = Path(__file__).parent / "data"
WORKERS = (
    "Nele Aerts",
    "Hanne Jacobs",
    "Bart Smets",
    "Katrien Claes",
    "Ilse Verbeke",
    "Tom Wouters",
)


@pytest.fixture
def workers(db):
    """The register's six social workers, as users (the register links clients to them by name)."""
    users = {}
    for name in WORKERS:
        first, last = name.split(" ", 1)
        user = make_user(first.lower(), [Role.Code.MAATSCHAPPELIJK_WERKER])
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
        users[name] = user
    return users


@pytest.fixture
def watergroep(db):
    return Company.objects.get(name="De Watergroep")


@pytest.fixture
def samples_imported(workers, preventiewerker, onthaal, watergroep):
    """The register export, then the weekly report, through the intake like a user."""
    intake_actions.import_file(
        (DATA / "register-export.csv").read_bytes(),
        file_name="register-export.csv",
        kind="register",
        actor=onthaal,
    )
    return intake_actions.import_file(
        (DATA / "watergroep-weekrapport.csv").read_bytes(),
        file_name="watergroep-weekrapport.csv",
        kind="weekrapport",
        company=watergroep,
        actor=onthaal,
    )


HEADER = "Klantnummer;Klant;Adres;Actie;Datum;Beschermde klant;Openstaand"


def report(*lines: tuple) -> bytes:
    """A weekly report in the samples' format: (customer number, "Name First", "Street 1, 3800
    Place", action, "dd/mm/yyyy", "Ja"/"Nee", "12,50") per line."""
    return ("\n".join([HEADER, *(";".join(line) for line in lines)]) + "\n").encode()


@pytest.fixture
def import_report(onthaal, watergroep):
    counter = {"n": 0}

    def do_import(*lines, actor=None):
        counter["n"] += 1
        return intake_actions.import_file(
            report(*lines),
            file_name=f"weekrapport-{counter['n']}.csv",
            kind="weekrapport",
            company=watergroep,
            actor=actor or onthaal,
        )

    return do_import
