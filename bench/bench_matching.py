"""Benchmark: match 10,000 dossiers against a register of 100,000 clients.

    .venv/bin/python bench/bench_matching.py [--clients 100000] [--dossiers 10000] [--keep]

Builds a throw-away SQLite database (or uses DATABASE_URL when set: it must be an empty
database you don't mind filling), fills it with invented clients (Faker nl_BE) and dossiers,
a third of them the same people written differently (capitals, "Last First" in one field),
a third namesakes at other addresses or new people, then times:

1. the decisions alone (bereik.lib.matching: blocking, scoring, deciding), in memory;
2. `match_dossiers()` end to end: loading, deciding, storing links and candidates, the timeline,
   triage and assignment by the preventiewerker model.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(keep: bool) -> str:
    path = ""
    if not os.environ.get("DATABASE_URL"):
        directory = tempfile.mkdtemp(prefix="bereik-bench-")
        path = os.path.join(directory, "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if path and not keep:
        import atexit
        import shutil

        atexit.register(shutil.rmtree, os.path.dirname(path), True)
    return path


def fill(n_clients: int, n_dossiers: int, seed: int = 7):
    from faker import Faker

    from bereik.accounts import actions as account_actions
    from bereik.accounts.models import Role, Team, User
    from bereik.clients.models import Client
    from bereik.dossiers.models import Dossier
    from bereik.organisation.models import Company

    faker = Faker("nl_BE")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    streets = [faker.street_name() for _ in range(600)]
    postcodes = ["3800", "3803", "3806", "3890", "3891"]
    team = Team.objects.get(code="sociale_dienst")
    workers = [
        account_actions.user_create(
            username=f"mw{i}",
            first_name=faker.first_name(),
            last_name=faker.last_name(),
            roles=[Role.Code.MAATSCHAPPELIJK_WERKER],
            teams=[team],
            actor=None,
        )
        for i in range(20)
    ]
    if not User.objects.filter(roles__code=Role.Code.PREVENTIEWERKER).exists():
        account_actions.user_create(
            username="preventie",
            first_name="Pieter",
            last_name="Preventie",
            roles=[Role.Code.PREVENTIEWERKER],
            actor=None,
        )

    clients = []
    for i in range(n_clients):
        status = rng.choice(["actief", "afgesloten", "afgesloten", "geen"])
        client = Client(
            client_number=f"C{i:07d}",
            last_name=faker.last_name(),
            first_name=faker.first_name(),
            street=rng.choice(streets),
            house_number=str(rng.randint(1, 250)),
            postcode=rng.choice(postcodes),
            guidance_status=status,
            intensive_guidance=rng.random() < 0.5,
            social_worker=rng.choice(workers),
            source=Client.Source.REGISTER,
        )
        client.refresh_keys()
        clients.append(client)
    Client.objects.bulk_create(clients, batch_size=2000)

    company = Company.objects.get(name="De Watergroep")
    dossiers = []
    for i in range(n_dossiers):
        kind = i % 3
        expected = ""
        if kind == 0:  # the same person, written differently
            c = rng.choice(clients)
            expected = c.client_number
            household = {
                "last_name": c.last_name.upper(),
                "first_name": c.first_name,
                "street": c.street,
                "house_number": c.house_number,
                "postcode": c.postcode,
            }
        elif kind == 1:  # the same person, whole name in one field, "Last First"
            c = rng.choice(clients)
            expected = c.client_number
            household = {
                "last_name": f"{c.last_name} {c.first_name}",
                "first_name": "",
                "street": f"{c.street} {c.house_number}",
                "house_number": "",
                "postcode": c.postcode,
            }
        else:  # someone else: a namesake elsewhere, or a new household
            household = {
                "last_name": faker.last_name(),
                "first_name": faker.first_name(),
                "street": rng.choice(streets),
                "house_number": str(rng.randint(1, 250)),
                "postcode": rng.choice(postcodes),
            }
        dossiers.append(
            Dossier(
                number=f"2026-{i + 1:06d}",
                kind=Dossier.Kind.WATER,
                company=company,
                # The client it was made from (for the precision check), or none.
                customer_number=f"{expected}|K{i:07d}",
                **household,
            )
        )
    Dossier.objects.bulk_create(dossiers, batch_size=2000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args()

    path = setup(args.keep)
    started = time.perf_counter()
    fill(args.clients, args.dossiers)
    print(f"Filled {args.clients} clients and {args.dossiers} dossiers in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    from bereik.dossiers.models import Dossier
    from bereik.lib import matching
    from bereik.triage import queries
    from bereik.triage.actions import matching as actions

    ids = list(Dossier.objects.values_list("pk", flat=True))
    dossiers = list(Dossier.objects.filter(pk__in=ids))

    started = time.perf_counter()
    households = [queries.household_of(d) for d in dossiers]
    index = queries.build_index(households)
    built = time.perf_counter()
    decisions = matching.match_all(households, index)
    decided = time.perf_counter()
    outcomes = Counter(d.outcome for d in decisions.values())
    print(
        f"Decisions only: register loaded and indexed in {built - started:.1f} s, "
        f"{len(households)} households decided in {decided - built:.1f} s "
        f"(total {decided - started:.1f} s): {dict(outcomes)}"
    )

    started = time.perf_counter()
    summary = actions.match_dossiers(ids, None)
    elapsed = time.perf_counter() - started
    print(
        f"match_dossiers end to end (links, queue, timeline, triage, assignment): "
        f"{elapsed:.1f} s for {len(ids)} dossiers: {summary.as_dict()}"
    )
    linked = Dossier.objects.exclude(client=None).values_list(
        "customer_number", "client__client_number"
    )
    wrong = sum(1 for customer, number in linked if customer.split("|")[0] != number)
    print(f"Links to another client than the one the household was made from: {wrong}")
    if path and args.keep:
        print(f"Database kept at {path}")


if __name__ == "__main__":
    main()
