"""Benchmark: preview and import of a 10,000-row company list.

    .venv/bin/python bench/bench_import.py [--rows 10000] [--xlsx] [--keep]

Builds a throw-away SQLite database and media folder (or uses DATABASE_URL when set: it must be
an empty database you don't mind filling), writes a warning list of that many households (`;`,
Windows-1252, decimal comma, one in ten with an open dossier already, a few rows with errors),
then times:

1. the preview: reading, recognising, parsing and planning every row (what the preview page does),
   then the same as the browser gets it: the upload and the preview page, through Django's test
   client, signed in as the beheerder;
2. the import: the same again inside the transaction plus the bulk inserts (signals, dossiers,
   timeline, row results), counted in queries;
3. the next steps after the import (register matching, triage, assignment) separately, since they
   belong to other parts.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(keep: bool) -> None:
    directory = tempfile.mkdtemp(prefix="bereik-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(directory, 'bench.sqlite3')}"
    os.environ["MEDIA_ROOT"] = os.path.join(directory, "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(ROOT / "bench"))
    import setup_db  # the users of a municipality (beheerder "bea" imports)

    setup_db.main()
    if not keep:
        import atexit
        import shutil

        atexit.register(shutil.rmtree, directory, True)
    else:
        print(f"Database and files kept in {directory}")


HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
          "Geplande actie", "Geplande datum", "Datum verwittiging", "Opmerking"]  # fmt: skip
STREETS = ["Kerkstraat", "Stationsstraat", "Molenstraat", "Tiensesteenweg", "Luikersteenweg"]
PLACES = ["3800 Sint-Truiden", "3800 Brustem", "3803 Gorsem", "3806 Velm"]


def make_rows(count: int, rng: random.Random) -> list[list[str]]:
    from faker import Faker

    faker = Faker("nl_BE")
    faker.seed_instance(11)
    rows = []
    for n in range(count):
        number = "" if n % 997 == 0 else str(2_000_000 + n)  # a few rows without number
        box = f" bus {rng.randint(1, 3)}" if n % 4 == 0 else ""
        rows.append(
            [
                number,
                f"{faker.last_name()}, {faker.first_name()}",
                f"{rng.choice(STREETS)} {rng.randint(1, 200)}{box}",
                rng.choice(PLACES),
                f"{rng.randint(1, 4)}.{rng.randint(100, 999)},{rng.randint(10, 99)}",
                rng.choice(["Afsluiting", "Plaatsing debietbegrenzer"]),
                f"{rng.randint(1, 28):02d}/0{rng.randint(1, 3)}/2027",
                "20/11/2026",
                "" if n % 3 else "belt terug",
            ]
        )
    return rows


def as_csv(rows) -> bytes:
    lines = [";".join(HEADER)] + [";".join(row) for row in rows]
    return "\r\n".join(lines).encode("cp1252")


def as_xlsx(rows) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Verwittigingen")
    sheet.append(["Farys: verwittigingen"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--xlsx", action="store_true", help="an XLSX file instead of a CSV")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    setup(args.keep)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bereik.dossiers.models import Dossier
    from bereik.intake import actions, importing
    from bereik.organisation.models import Company

    rng = random.Random(3)
    farys = Company.objects.get(name="Farys")
    rows = make_rows(args.rows, rng)
    content = as_xlsx(rows) if args.xlsx else as_csv(rows)
    name = "bench.xlsx" if args.xlsx else "bench.csv"
    # One household in ten already has an open dossier: its signal is added to it.
    Dossier.objects.bulk_create(
        [
            Dossier(
                number=f"2026-9{n:05d}",
                kind=Dossier.Kind.WATER,
                company=farys,
                customer_number=row[0],
                last_name="Bestaand",
            )  # fmt: skip
            for n, row in enumerate(rows[::10])
            if row[0]
        ]
    )
    print(f"{args.rows} rows, {len(content) / 1024:.0f} kB {name.rsplit('.', 1)[1].upper()}")

    started = time.perf_counter()
    options = importing.Options(kind="verwittiging", company=farys)
    plan = importing.make_plan(content, filename=name, options=options)
    preview = time.perf_counter() - started
    print(f"preview (read, recognise, parse, plan): {preview:.2f} s  {plan.counts}")

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bereik.accounts.models import User

    setup_test_environment()
    browser = Client()
    browser.force_login(User.objects.get(username="bea"))
    started, cpu = time.perf_counter(), time.process_time()
    response = browser.post(
        "/intake/opladen/",
        {"file": SimpleUploadedFile(name, content), "kind": "verwittiging", "company": farys.pk},
    )
    page = browser.get(response["Location"])
    print(
        f"preview in the browser (upload + page):  {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU, {len(page.content) / 1024:.0f} kB "
        f"({page.status_code})"
    )
    browser.post(response["Location"].replace("voorbeeld", "weggooien"))

    from bereik.intake.actions import lists

    follow_up = {"seconds": 0.0}
    real_follow_up = lists.follow_up

    def timed_follow_up(*a, **kw):
        begin = time.perf_counter()
        with CaptureQueriesContext(connection) as inner:
            try:
                return real_follow_up(*a, **kw)
            finally:
                follow_up["seconds"] = time.perf_counter() - begin
                follow_up["queries"] = len(inner)

    lists.follow_up = timed_follow_up
    started = time.perf_counter()
    batch = actions.import_upload(
        content=content, file_name=name, kind="verwittiging", company=farys, actor=None
    )
    upload = time.perf_counter() - started
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = actions.import_confirm(batch, actor=None)
        confirm = time.perf_counter() - started
        own_queries = len(queries) - follow_up.get("queries", 0)
    own = confirm - follow_up["seconds"]
    print(f"upload (checks, stored as preview):     {upload:.2f} s")
    print(f"import (plan again, bulk inserts):      {own:.2f} s")
    print(
        f"next steps (matching, triage; a background task in production): "
        f"{follow_up['seconds']:.2f} s"
    )
    print(f"queries of the import itself:          {own_queries}")
    print(f"result: {result.plan.counts}")


if __name__ == "__main__":
    main()
