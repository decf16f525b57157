"""Prepare an empty benchmark database: migrate, and the users a municipality has (a
preventiewerker, the five social workers the generated register names, a diensthoofd, a
beheerder).

    BEREIK_VAR_DIR=/tmp/x DEBUG=0 SECRET_KEY=... python bench/setup_db.py

Run by `bench/run_all.py` before each timed import, so the timing holds the import alone.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-pass-123"  # noqa: S105 - a throw-away benchmark database


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from generate import WORKERS  # noqa: I001 - next to this script

    from bereik.accounts import actions
    from bereik.accounts.models import Role, Team

    teams = list(Team.objects.all())
    people = [("pieter", "Pieter", "Preventie", Role.Code.PREVENTIEWERKER)]
    for n, name in enumerate(WORKERS):
        first, last = name.split(" ", 1)
        people.append((f"mw{n}", first, last, Role.Code.MAATSCHAPPELIJK_WERKER))
    people.append(("dirk", "Dirk", "Diensthoofd", Role.Code.DIENSTHOOFD))
    people.append(("bea", "Bea", "Beheer", Role.Code.BEHEERDER))
    for n, (username, first, last, role) in enumerate(people):
        actions.user_create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            password=PASSWORD,
            roles=[role],
            teams=[teams[n % len(teams)]] if teams else [],
            actor=None,
        )


if __name__ == "__main__":
    main()
