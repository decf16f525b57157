"""What the list benchmarks read besides the imported dossiers: a register of N clients and an
LAC session of 300 households.

    BEREIK_VAR_DIR=... DEBUG=0 SECRET_KEY=... python bench/seed_lists.py [--clients 100000]
        [--lac 300]

Run by `bench/run_all.py` (and `bench/load.py`) on the database of the 100,000-row import, after
it: the register goes in with `import_register`, the session's households as Fluvius's LAC list
(`lac-energie`), which places them on one session as in real life. Both through the real imports.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

LAC_HEADER = ["EAN", "Naam", "Straat", "Postcode", "Gemeente", "Energie",
              "Schuld elektriciteit", "Schuld gas", "Reden aanvraag", "Datum aanvraag",
              "Datum LAC"]  # fmt: skip


def write_lac_list(path: Path, rows: int, session: datetime.date) -> None:
    """Fluvius's LAC list for one session: `rows` households, as `fluvius-lac-energie.csv`."""
    import random

    from generate import FIRST, LAST, PLACES, STREETS

    rng = random.Random(11)
    asked = session - datetime.timedelta(days=30)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(LAC_HEADER)
        for n in range(rows):
            postcode, city = PLACES[n % len(PLACES)]
            writer.writerow(
                [
                    f"5414{n:014d}",
                    f"{rng.choice(LAST)} {rng.choice(FIRST)}",
                    f"{rng.choice(STREETS)} {n + 1}",
                    postcode,
                    city,
                    rng.choice(["Elektriciteit", "Elektriciteit en gas"]),
                    f"{rng.randint(20, 2000)},{rng.randint(0, 99):02d}",
                    "0,00",
                    "Afbetalingsplan niet nageleefd",
                    f"{asked:%d/%m/%Y}",
                    f"{session:%d/%m/%Y}",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--lac", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from generate import write_register

    folder = Path(tempfile.mkdtemp(prefix="bereik-seed-"))
    if args.clients:
        register = folder / "register.csv"
        write_register(register, args.clients)
        call_command("import_register", str(register), "--json", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if args.lac:
        path = folder / "lac.csv"
        write_lac_list(path, args.lac, timezone.localdate() + datetime.timedelta(days=21))
        call_command(
            "import_signals",
            str(path),
            "--kind",
            "lac-energie",
            "--company",
            "Fluvius",
            "--json",
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )


if __name__ == "__main__":
    main()
