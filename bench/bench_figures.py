"""Benchmark: the figures over 100,000 dossiers.

    .venv/bin/python bench/bench_figures.py [--dossiers 100000] [--years 4] [--keep]
    .venv/bin/python bench/bench_figures.py --reuse /tmp/bereik-bench-xxxx   # a kept database

Builds a throw-away SQLite database (or uses DATABASE_URL when set: it must be an empty database
you don't mind filling) with that many dossiers opened over the last `years` years, each with
what a real one carries: its signal, contact attempts (two on average, a few corrected or
struck), letters, brochure handovers, conversations and payment plans, rights, support
requests, referrals, water scans, LAC sessions with their agenda, closings and reopenings. Then
times, each as the best of three runs, in wall-clock and CPU seconds, with the number of queries:

1. each part of the Cijfers page as the diensthoofd gets it (view, queries, template, charts):
   this year next to the same days a year earlier; the reach also with the breakdown per worker;
2. every part's figures at once, which the yearly overview needs;
3. the yearly overview of last year as XLSX and as PDF (the PDF's layout by WeasyPrint is most
   of its time, and does not grow with the number of dossiers).

CPU time is the fairer number on a busy machine: SQLite runs inside the process.
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(keep: bool, reuse: str = "") -> None:
    directory = reuse or tempfile.mkdtemp(prefix="bereik-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(directory, 'bench.sqlite3')}"
    os.environ["MEDIA_ROOT"] = os.path.join(directory, "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not keep and not reuse:
        import atexit
        import shutil

        atexit.register(shutil.rmtree, directory, True)
    else:
        print(f"Database and files kept in {directory}")


def users():
    from bereik.accounts import actions
    from bereik.accounts.models import Role, Team

    teams = list(Team.objects.all())
    made = []
    for n in range(16):
        role = Role.Code.PREVENTIEWERKER if n < 3 else Role.Code.MAATSCHAPPELIJK_WERKER
        made.append(
            actions.user_create(
                username=f"werker{n}",
                first_name=f"Werker{n}",
                last_name="Bench",
                email=f"werker{n}@example.org",
                password="bench-pass-123",
                roles=[role],
                teams=[teams[n % len(teams)]],
                actor=None,
            )
        )
    head = actions.user_create(
        username="dirk",
        first_name="Dirk",
        last_name="Bench",
        email="dirk@example.org",
        password="bench-pass-123",
        roles=[Role.Code.DIENSTHOOFD],
        actor=None,
    )
    return made, head


def fill(count: int, years: int, rng: random.Random) -> None:
    """Bulk inserts: the benchmark is about reading, not about the actions."""
    from django.utils import timezone

    from bereik.dossiers.models import Dossier, Signal
    from bereik.followup.models import (
        Closure,
        ExternalOrganisation,
        ExternalReferral,
        InternalReferral,
        OutcomeCode,
        Proposal,
        RightCheck,
        RightItem,
        SupportRequest,
        WaterScan,
    )
    from bereik.lac.models import AgendaItem, Session
    from bereik.organisation.models import Company
    from bereik.outreach.models import BrochureHandover, ContactAttempt, Letter

    started = time.perf_counter()
    workers, _head = users()
    companies = {c.kind: [] for c in Company.objects.all()}
    for company in Company.objects.all():
        companies[company.kind].append(company)
    water, energy = companies["water"], companies["energie"]
    outcomes = list(OutcomeCode.objects.all())
    rights = list(RightItem.objects.all())
    organisations = list(ExternalOrganisation.objects.all())
    now = timezone.now()
    today = timezone.localdate()
    span = years * 365

    dossiers = []
    for n in range(count):
        opened = now - datetime.timedelta(days=rng.uniform(0, span), hours=rng.uniform(0, 8))
        kind = rng.choices(["water", "energie", "woonst"], [6, 3, 1])[0]
        company = rng.choice(water if kind == "water" else energy) if kind != "woonst" else None
        day = timezone.localdate(opened)
        deadline = day + datetime.timedelta(days=rng.randint(10, 45))
        age = (today - day).days
        reached = None
        if rng.random() < (0.72 if age > 30 else 0.4):
            reached = day + datetime.timedelta(days=int(rng.expovariate(1 / 9)))
            reached = min(reached, today)
        closed = age > 60 and rng.random() < 0.85
        worker = rng.choice(workers) if rng.random() < 0.95 else None
        dossiers.append(
            Dossier(
                number=f"B-{n:07d}",
                kind=kind,
                company=company,
                customer_number=f"K{n:08d}",
                last_name="Bench",
                first_name=f"{n}",
                deadline=deadline,
                deadline_kind="lac" if kind != "woonst" else "zitting",
                route=rng.choice("AABCC"),
                assigned_to=worker,
                team_id=(worker.teams.all()[0].pk if worker and rng.random() < 0.9 else None),
                reached_on=reached,
                status="afgesloten" if closed else ("bereikt" if reached else "in_behandeling"),
                outcome=rng.choice(outcomes).code if closed else "",
                opened_at=opened,
                closed_at=opened + datetime.timedelta(days=60) if closed else None,
            )
        )
    Dossier.objects.bulk_create(dossiers, batch_size=5000)
    dossiers = list(
        Dossier.objects.values_list("pk", "opened_at", "reached_on", "kind", "company_id")
    )
    print(f"  {len(dossiers)} dossiers ({time.perf_counter() - started:.0f} s)")

    rows = {name: [] for name in ("signal", "attempt", "letter", "brochure", "proposal", "right",
            "support", "internal", "external", "scan", "closure", "item")}  # fmt: skip
    sessions = {}
    actor = workers[0]
    for pk, opened, reached, kind, company_id in dossiers:
        day = opened.date()
        rows["signal"].append(
            Signal(
                dossier_id=pk,
                kind="lac-water",
                company_id=company_id,
                received_at=opened,
                customer_number=f"S{pk}",
                reference_date=day,
            )  # fmt: skip
        )
        for index in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            rows["attempt"].append(
                ContactAttempt(
                    dossier_id=pk,
                    kind=rng.choice(
                        [
                            "huisbezoek_onaangekondigd",
                            "huisbezoek_aangekondigd",
                            "telefoon",
                            "brief",
                        ]
                    ),  # fmt: skip
                    date=day + datetime.timedelta(days=2 + 4 * index),
                    part_of_day="voormiddag",
                    result="bereikt" if reached and index == 0 else "niet_thuis",
                    is_current=rng.random() > 0.03,
                )
            )
        if rng.random() < 0.9:
            rows["letter"].append(
                Letter(
                    dossier_id=pk,
                    letter_type=rng.choice(["uitnodiging_lac", "niet_thuis", "laatste_brief"]),
                    title="Brief",
                    file="brieven/bench.docx",
                    sent_on=day,
                )  # fmt: skip
            )
        if rng.random() < 0.3:
            rows["brochure"].append(BrochureHandover(dossier_id=pk, title="Brochure", date=day))
        if reached and rng.random() < 0.5:
            plan = rng.random() < 0.6
            rows["proposal"].append(
                Proposal(
                    dossier_id=pk,
                    conversation_date=reached,
                    lac_options_discussed=True,
                    brochure_discussed=True,
                    arrangement="afbetalingsplan" if plan else "andere",
                    amount_per_month=40 if plan else None,
                    months=12 if plan else None,
                    start_date=reached + datetime.timedelta(days=20) if plan else None,
                    client_agrees="ja",
                    author=actor,
                )  # fmt: skip
            )
        if reached and rng.random() < 0.25:
            for item in rng.sample(rights, 4):
                rows["right"].append(
                    RightCheck(
                        dossier_id=pk,
                        item=item,
                        status=rng.choice(["aangevraagd", "al_benut", "na_te_gaan"]),
                        updated_by=actor,
                    )  # fmt: skip
                )
        if reached and rng.random() < 0.1:
            rows["support"].append(
                SupportRequest(dossier_id=pk, amount=100, purpose="Bench", created_by=actor,
                               decision=rng.choice(["toegekend", "geweigerd", "in_behandeling"]))
            )  # fmt: skip
        if reached and rng.random() < 0.05:
            rows["internal"].append(
                InternalReferral(dossier_id=pk, to_team_id=1, referred_by=actor,
                                 help_kind="andere", reason="Bench", status="aanvaard")
            )  # fmt: skip
        if reached and rng.random() < 0.05:
            rows["external"].append(
                ExternalReferral(dossier_id=pk, organisation=rng.choice(organisations),
                                 contact_person="Bench", referred_by=actor, status="bevestigd")
            )  # fmt: skip
        if kind == "water" and rng.random() < 0.05:
            rows["scan"].append(WaterScan(dossier_id=pk, requested_by=actor, status="uitgevoerd"))
        if rng.random() < 0.03:
            rows["closure"].append(
                Closure(
                    dossier_id=pk,
                    outcome=rng.choice(outcomes),
                    closed_by=actor,
                    reopened_at=opened + datetime.timedelta(days=30),
                )  # fmt: skip
            )
        if kind != "woonst" and rng.random() < 0.6:
            session_day = day + datetime.timedelta(days=28 - day.day % 14)
            key = (company_id, session_day)
            if key not in sessions:
                sessions[key] = Session(kind="water" if kind == "water" else "energie",
                                        company_id=company_id, date=session_day)  # fmt: skip
            rows["item"].append((key, pk, reached))
    Session.objects.bulk_create(list(sessions.values()), batch_size=5000)
    items = [
        AgendaItem(
            session=sessions[key],
            dossier_id=pk,
            attendance=rng.choice(["aanwezig", "vertegenwoordigd", "afwezig"]),
            advice=rng.choice(["afbetalingsplan", "uitstel", "geen_afsluiting", "afsluiting"]),
            unanimous=rng.random() < 0.9,
            legal_deadline=key[1] + datetime.timedelta(days=rng.randint(-3, 20)),
        )  # fmt: skip
        for key, pk, _reached in rows.pop("item")
    ]
    AgendaItem.objects.bulk_create(items, batch_size=5000)
    for objects in rows.values():
        objects[0].__class__.objects.bulk_create(objects, batch_size=5000)
    print(
        f"  with {sum(len(objects) for objects in rows.values()) + len(items):,} related rows, "
        f"{len(sessions)} LAC sessions ({time.perf_counter() - started:.0f} s)"
    )


def timed(label: str, func, runs: int = 3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best_wall = best_cpu = float("inf")
    queries = 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as context:
            wall, cpu = time.perf_counter(), time.process_time()
            func()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        queries = len(context.captured_queries)
    print(f"{label:<52} {best_wall:6.2f} s wall  {best_cpu:6.2f} s CPU  {queries:3d} queries")
    return best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=4, help="opened over this many years")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", default="", help="the directory of a kept database")
    args = parser.parse_args()
    setup(args.keep, args.reuse)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from bereik.accounts.models import User
    from bereik.reports import links, overview, periods
    from bereik.reports.figures import compute
    from bereik.reports.scope import scope_for

    if not args.reuse:
        print(f"Filling: {args.dossiers:,} dossiers over {args.years} years")
        fill(args.dossiers, args.years, random.Random(7))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    head = User.objects.get(username="dirk")
    scope = scope_for(head)
    period = periods.this_year()
    last_year = periods.year(timezone.localdate().year - 1)
    client = Client(HTTP_HOST="localhost")
    client.force_login(head)
    page = reverse("reports:index")
    client.get(page)  # warm: templates, session

    print()
    for part in scope.parts:
        timed(f"page: {part}", lambda part=part: client.get(page, {"deel": part}))
    timed("page: bereik, per medewerker", lambda: client.get(page, {"per": "medewerker"}))
    timed("figures of every part (this year)", lambda: compute(scope, period, per_worker=True))
    timed(
        f"yearly overview {last_year.first.year}: XLSX",
        lambda: overview.xlsx(links.for_viewer(compute(scope, last_year, per_worker=True))),
    )
    timed(
        f"yearly overview {last_year.first.year}: PDF",
        lambda: overview.pdf(links.for_viewer(compute(scope, last_year))),
    )


if __name__ == "__main__":
    main()
