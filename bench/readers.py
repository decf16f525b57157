"""Readers while an import holds its transaction: every page answers, within a second on SQLite
and without waiting on PostgreSQL.

    .venv/bin/python bench/readers.py [--hold 5]     # on the database of the environment

Run by `bench/run_all.py` on the lists' database (SQLite) and by hand with DATABASE_URL set (on
the load test's database, `bench/load.py --keep`). A second connection does what an import does
to the database for `--hold` seconds: on SQLite it takes the write lock (BEGIN IMMEDIATE and an
insert, as the import's one transaction does); on PostgreSQL it opens a transaction that inserts
a dossier and holds the audit chain's head (SELECT ... FOR UPDATE, as every write's audit event
does). Meanwhile the pages are asked over and over, signed in: the worklists, the home page, a
dossier's page, once with a session that must be written (its last-seen moment is more than a
minute old). The time is until the response is there: the reads a page records are written
after it (ADR 0026). Prints the slowest answer of each page, and fails (exit 1) when a page
did not answer 200 or took a second or more.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

LIMIT_SECONDS = 1.0


def hold_sqlite(path: str, seconds: float, ready: threading.Event) -> None:
    import sqlite3

    other = sqlite3.connect(path, isolation_level=None, timeout=30)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO django_content_type (app_label, model) VALUES ('bench', 'lock')")
    ready.set()
    time.sleep(seconds)
    other.execute("ROLLBACK")
    other.close()


def hold_postgres(url: str, seconds: float, ready: threading.Event) -> None:
    import psycopg

    with psycopg.connect(url) as other:
        other.execute("SELECT id FROM audit_auditchain FOR UPDATE")
        other.execute(
            "INSERT INTO dossiers_dossier (number, kind, customer_number, status, last_name, "
            "first_name, insz, street, house_number, box, postcode, city, phone, deadline_kind, "
            "route, next_step, outcome, opened_at, updated_at) VALUES ('BENCH-LOCK', 'water', "
            "'', 'nieuw', 'Slot', '', '', '', '', '', '', '', '', '', '', '', '', now(), now())"
        )
        ready.set()
        time.sleep(seconds)
        other.rollback()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bereik.accounts.models import User
    from bereik.dossiers.models import Dossier
    from bereik.signin import session

    setup_test_environment()
    # The test client calls the response's close() (and so writes the page's reads) before it
    # returns; a server sends the response first. The moment the response is there:
    from django.test.client import ClientHandler

    answered: list[float] = []
    get_response = ClientHandler.get_response

    def timed_get_response(self, request):
        response = get_response(self, request)
        answered.append(time.perf_counter())
        return response

    ClientHandler.get_response = timed_get_response
    clients = {}
    for username in ("pieter", "mw0"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        store = client.session
        store[session.SECOND_FACTOR] = session.DONE
        store.save()
        clients[username] = client
    stale = Client()  # a session whose last-seen moment must be written (asked once)
    stale.force_login(User.objects.get(username="pieter"))
    dossier = Dossier.objects.order_by("pk").values_list("pk", flat=True).first()
    pages = [
        ("pieter", "/dossiers/lijsten/alle/"),
        ("pieter", "/dossiers/lijsten/te-trieren/"),
        ("mw0", "/dossiers/lijsten/mijn/"),
        ("pieter", "/"),
        ("pieter", f"/dossiers/{dossier}/"),
    ]
    for username, url in pages:  # warm: templates compiled, connections open
        clients[username].get(url, secure=True)
    stale.get("/dossiers/lijsten/alle/", secure=True)
    store = stale.session
    store[session.SEEN] = session.now() - 5 * 60
    store[session.SECOND_FACTOR] = session.DONE
    store.save()
    clients["stale"] = stale

    ready = threading.Event()
    if connection.vendor == "sqlite":
        holder = threading.Thread(
            target=hold_sqlite, args=(str(connection.settings_dict["NAME"]), args.hold, ready)
        )
    else:
        from django.conf import settings

        url = os.environ.get("DATABASE_URL") or settings.DATABASES["default"]["NAME"]
        holder = threading.Thread(target=hold_postgres, args=(url, args.hold, ready))
    holder.start()
    ready.wait(30)
    slowest: dict[str, tuple[float, int]] = {}
    started = time.perf_counter()
    rounds = 0
    while time.perf_counter() - started < args.hold - 0.5:
        asked = pages + ([("stale", "/dossiers/lijsten/alle/")] if rounds == 0 else [])
        rounds += 1
        for username, url in asked:
            began = time.perf_counter()
            response = clients[username].get(url, secure=True)
            # The reads are written after the response (ADR 0026): that waits at most a second
            # for the lock, then they go to the spool; the user has the page by then.
            took = answered[-1] - began
            name = f"{url} ({username})"
            if took >= slowest.get(name, (0, 0))[0] or response.status_code != 200:
                slowest[name] = (took, response.status_code)
    holder.join()
    failed = False
    rows = []
    for name, (took, status) in slowest.items():
        ok = status == 200 and took < LIMIT_SECONDS
        failed |= not ok
        rows.append([name, f"{took * 1000:.0f} ms", str(status), "ok" if ok else "TOO SLOW"])
        print(f"{name}: slowest {took * 1000:.0f} ms, {status}", flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
