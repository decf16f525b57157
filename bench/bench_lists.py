"""Benchmark: the lists at scale, served in one process next to the login page.

    python bench/bench_lists.py [--runs 15] [--preview-rows 10000]

Run by `bench/run_all.py` on the database its 100,000-row import made (with DEBUG off and the
environment it sets): every page is asked `--runs` times with Django's test client, signed in as
the user who reads it; the figure is the median (p50) next to the login page's median in the same
process, with the page's number of queries. Then the preview of a `--preview-rows` list: the
upload and its preview page, as the browser gets them.

Prints the table's rows as one JSON line at the end (for run_all.py); `--verbose` prints them as
they come.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def timed(client, url: str, runs: int) -> tuple[float, int, int]:
    """(p50 in CPU ms, queries, status) of GET url. CPU time of this process, which runs SQLite
    too: the fairer figure on a machine that does other work."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        started = time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        times.append((time.process_time() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(times), len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "11")))
    parser.add_argument("--preview-rows", type=int, default=10_000)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", default="", help="only the pages whose description has this")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client as TestClient
    from django.test.utils import setup_test_environment

    from bereik.accounts.models import User
    from bereik.audit.models import AuditEvent
    from bereik.clients.models import Client
    from bereik.dossiers.models import Dossier
    from bereik.lac.models import Session
    from bereik.organisation.models import Company

    setup_test_environment()  # the test client's response context, hosts
    count = Dossier.objects.count()
    anonymous = TestClient()
    login_ms, login_queries, _status = timed(anonymous, "/login/", args.runs)
    rows = []

    def row(work: str, ms: float, queries: int, status: int, target: str = "≤ 3×") -> None:
        shown = f"{ms:.1f} ms CPU p50, {queries} queries" + (
            "" if status == 200 else f" ({status})"
        )
        rows.append([work, shown, f"login page {login_ms:.1f} ms", f"{ms / login_ms:.1f}×", target])
        if args.verbose:
            print(" | ".join(rows[-1]), flush=True)

    clients = {}
    for username in ("pieter", "mw0", "dirk", "bea"):
        client = TestClient()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    some = Dossier.objects.order_by("pk").values_list("last_name", "pk", "number")[count // 2]
    alle = "/dossiers/lijsten/alle/"
    pages = [
        ("pieter", alle, "worklist “Alle dossiers”"),
        ("pieter", f"{alle}?pagina=200", "worklist “Alle dossiers”, page 200"),
        ("pieter", f"{alle}?q={some[0][:6]}", "worklist “Alle dossiers”, search ?q= (a name)"),
        ("pieter", f"{alle}?q={some[2]}", "worklist “Alle dossiers”, search ?q= (a number)"),
        ("pieter", f"{alle}?sort=-termijn", "worklist “Alle dossiers”, by deadline (last)"),
        ("pieter", f"{alle}?sort=naam", "worklist “Alle dossiers”, by name"),
        ("pieter", f"{alle}?sort=-nummer", "worklist “Alle dossiers”, newest number"),
        ("pieter", f"{alle}?kind=water&sort=naam", "worklist “Alle dossiers”, kind + by name"),
        ("pieter", f"{alle}?status=alle", "worklist “Alle dossiers”, every status"),
        ("pieter", f"{alle}?status=afgesloten", "worklist “Alle dossiers”, closed"),
        ("pieter", f"{alle}?route=C", "worklist “Alle dossiers”, route C"),
        ("pieter", f"{alle}?worker=geen", "worklist “Alle dossiers”, no worker"),
        ("pieter", f"{alle}?team=geen", "worklist “Alle dossiers”, no team"),
        ("pieter", f"{alle}?company=geen", "worklist “Alle dossiers”, no company"),
        ("pieter", f"{alle}?deadline=7", "worklist “Alle dossiers”, deadline within 7 days"),
        ("pieter", f"{alle}?deadline=geen", "worklist “Alle dossiers”, no deadline"),
        ("pieter", f"{alle}?attention=termijn-nadert", "worklist “Alle dossiers”, deadline near"),
        ("pieter", f"{alle}?attention=stap-over-tijd", "worklist “Alle dossiers”, step overdue"),
        ("pieter", f"{alle}?reached=ja", "worklist “Alle dossiers”, reached"),
        ("pieter", f"{alle}?opened_from=01/01/2020", "worklist “Alle dossiers”, opened from"),
        ("pieter", f"{alle}?per_page=100", "worklist “Alle dossiers”, 100 a page"),
        ("pieter", "/dossiers/lijsten/niet-toegewezen/", "worklist “Niet toegewezen”"),
        ("pieter", "/dossiers/lijsten/te-trieren/", "worklist “Te triëren”"),
        ("pieter", "/dossiers/lijsten/te-bevestigen/", "worklist “Te bevestigen koppelingen”"),
        ("mw0", "/dossiers/lijsten/mijn/", "worklist “Mijn dossiers” (social worker)"),
        ("mw0", "/dossiers/lijsten/team/", "worklist “Per team” (social worker)"),
        ("mw0", alle, "worklist “Alle dossiers” (social worker)"),
        ("pieter", "/", "home page of a preventiewerker"),
        ("mw0", "/", "home page of a social worker"),
        ("dirk", "/", "home page of a diensthoofd"),
        ("pieter", f"/dossiers/{some[1]}/", "a dossier's page"),
    ]
    clients_count = Client.objects.count()
    if clients_count:
        name = Client.objects.order_by("pk").values_list("last_name", flat=True)[clients_count // 2]
        pages += [
            ("pieter", "/clienten/", f"client register list ({clients_count:,} clients)"),
            ("pieter", f"/clienten/?q={name}", "client register, search ?q="),
            ("pieter", "/clienten/?pagina=100", "client register, page 100"),
        ]
    session = Session.objects.annotate(n=Count("items")).order_by("-n").first()
    if session is not None:
        items = session.items.count()
        pages.append(("pieter", f"/lac/zitting/{session.pk}/", f"LAC agenda, {items} households"))
    pages += [
        ("bea", "/audit/", f"audit search ({AuditEvent.objects.count():,} events)"),
        ("bea", "/audit/?action=import", "audit search, action"),
        ("bea", "/audit/?action=dossier.", "audit search, a common action"),
        ("bea", f"/audit/?person={some[0][:5]}", "audit search, about whom"),
    ]
    for username, url, work in pages:
        if args.only and args.only not in work:
            continue
        ms, queries, status = timed(clients[username], url, args.runs)
        row(f"{work} at {count:,} dossiers", ms, queries, status)
    ms, queries, status = timed(clients["pieter"], "/dossiers/lijsten/alle/export.csv", 1)
    row(f"CSV export of “Alle dossiers”, {count:,} rows", ms, queries, status, "streams")

    # The preview of a list, as the browser gets it: the upload, then its preview page.
    if args.preview_rows:
        from generate import write_list

        path = Path(tempfile.mkdtemp()) / "preview.csv"
        write_list(path, args.preview_rows)
        company = Company.objects.get(name="Farys")
        client = clients["bea"]
        started = time.perf_counter()
        with path.open("rb") as handle:
            response = client.post(
                "/intake/opladen/",
                {"file": handle, "kind": "verwittiging", "company": company.pk},
                follow=True,
            )
        seconds = time.perf_counter() - started
        shown = f"{seconds:.2f} s" + (
            "" if response.status_code == 200 else f" ({response.status_code})"
        )
        rows.append([f"preview of a {args.preview_rows:,}-row list (upload + preview page)",
                     shown, "—", "—", "< 2 s"])  # fmt: skip
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
