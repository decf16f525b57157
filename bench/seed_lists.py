"""What the list benchmarks read besides the imported dossiers: a register of N clients, an
LAC session of 300 households and an audit trail of a million events.

    BEREIK_VAR_DIR=... DEBUG=0 SECRET_KEY=... python bench/seed_lists.py [--clients 100000]
        [--lac 300] [--audit 1000000]

Run by `bench/run_all.py` on the database of the 100,000-row import, after it: the register goes
in with `import_register`, the session's households as Fluvius's LAC list (`lac-energie`), which
places them on one session as in real life. Both through the real imports. The trail is written
by SQL (`seed_trail`): a million events through the audit chain would take the benchmark an hour.
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
    parser.add_argument("--audit", type=int, default=1_000_000)
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
    if args.audit:
        seed_trail(args.audit)


# A trail's mix of actions (a year of a large city: most events are reads of lists and pages).
TRAIL_ACTIONS = [("dossier.list", "read", 50), ("dossier.view", "read", 20),
                 ("client.list", "read", 8), ("lac.session.view", "read", 4),
                 ("audit.view", "read", 2), ("dossier.note", "write", 6),
                 ("dossiers.assign", "write", 5), ("outreach.attempt", "write", 4),
                 ("import.confirm", "write", 1)]  # fmt: skip


def seed_trail(events: int) -> None:
    """`events` audit events over the past year, about the dossiers (their household's name as
    the label, as `audit.record` writes it), each action as often as its weight says. Written
    by one INSERT ... SELECT (SQLite); the chain's hashes are placeholders: the lists do not
    read them (`audit_verify` would report them), and its head moves past them."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from bereik.audit.models import AuditEvent

    actions = [(a, k) for a, k, weight in TRAIL_ACTIONS for _ in range(weight)]
    values = ", ".join(f"({n}, '{a}', '{k}')" for n, (a, k) in enumerate(actions))
    actor = get_user_model().objects.order_by("pk").values_list("pk", flat=True).first()
    start = (AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM dossiers_dossier")
        (dossiers,) = cursor.fetchone()
        cursor.execute(
            f"""WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < %s),
                mix(i, action, kind) AS (VALUES {values})
            INSERT INTO audit_auditevent (at, actor_id, kind, action, object_type, object_id,
                object_repr, subject_type, subject_id, subject_label, purpose, details, seq,
                prev_hash, hash)
            SELECT datetime('now', '-' || (365 * 86400 * (%s - x) / %s) || ' seconds'), %s,
                mix.kind, mix.action, 'dossiers.dossier', d.id, d.number, 'dossier', d.id,
                TRIM(d.last_name || ' ' || d.first_name), 'benchmark', '{{}}', %s + x, '', ''
            FROM n JOIN mix ON mix.i = x %% {len(actions)}
            JOIN dossiers_dossier d ON d.id = 1 + (x * 7919) %% %s""",  # noqa: S608 - our own constants
            [events - 1, events, events, actor, start, dossiers],
        )
        # The chain's head moves past them, so the events Bereik records next take the next
        # positions (`seq` is unique).
        cursor.execute("UPDATE audit_auditchain SET seq = (SELECT MAX(seq) FROM audit_auditevent)")


if __name__ == "__main__":
    main()
