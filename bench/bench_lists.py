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
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bereik.accounts.models import User
    from bereik.dossiers.models import Dossier
    from bereik.organisation.models import Company

    setup_test_environment()  # the test client's response context, hosts
    count = Dossier.objects.count()
    anonymous = Client()
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
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    some = Dossier.objects.order_by("pk").values_list("last_name", "pk")[count // 2]
    pages = [
        ("pieter", "/dossiers/lijsten/alle/", "worklist “Alle dossiers”"),
        ("pieter", "/dossiers/lijsten/alle/?pagina=200", "worklist “Alle dossiers”, page 200"),
        (
            "pieter",
            f"/dossiers/lijsten/alle/?q={some[0][:6]}",
            "worklist “Alle dossiers”, search ?q=",
        ),
        (
            "pieter",
            "/dossiers/lijsten/alle/?sort=-deadline",
            "worklist “Alle dossiers”, by deadline",
        ),
        ("pieter", "/dossiers/lijsten/niet-toegewezen/", "worklist “Niet toegewezen”"),
        ("pieter", "/dossiers/lijsten/te-trieren/", "worklist “Te triëren”"),
        ("pieter", "/dossiers/lijsten/te-bevestigen/", "worklist “Te bevestigen koppelingen”"),
        ("mw0", "/dossiers/lijsten/mijn/", "worklist “Mijn dossiers” (social worker)"),
        ("mw0", "/dossiers/lijsten/team/", "worklist “Per team” (social worker)"),
        ("pieter", "/", "home page of a preventiewerker"),
        ("mw0", "/", "home page of a social worker"),
        ("dirk", "/", "home page of a diensthoofd"),
        ("pieter", f"/dossiers/{some[1]}/", "a dossier's page"),
        ("pieter", "/clienten/", "client register list"),
        ("bea", "/audit/", "audit search"),
        ("bea", "/audit/?q=import", "audit search ?q="),
    ]
    for username, url, work in pages:
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
