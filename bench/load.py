"""The load test: Locust against gunicorn on PostgreSQL with 100,000 dossiers.

    .venv/bin/python bench/load.py [--dossiers 100000] [--clients 100000] [--users 50]
        [--seconds 60] [--workers 4] [--database-url postgres://USER@HOST:PORT/NAME] [--keep]
        [--reuse]

Without `--database-url` it starts a throwaway PostgreSQL server of its own (initdb and pg_ctl,
found as `.ci/run` finds them; run as the `postgres` user when this runs as root, since initdb
refuses root) and removes it afterwards. With it, it uses that server: the database named in the
URL is created, and dropped afterwards unless `--keep` or `--reuse`; `--reuse` uses a database
that already holds the dossiers (the load alone is then measured again) and loads one otherwise.

Then: migrate and the bench users (`bench/setup_db.py`), a register of `--clients` clients
(`manage.py import_register`; its social workers are the bench users) and a list of `--dossiers`
rows, two thirds of them its clients, through the real import (`manage.py import_signals`:
matching, triage and assignment), sessions of signed-in users (`bench/load_setup.py`),
gunicorn with DEBUG off and the second factor required (production's settings), and Locust
(`bench/locustfile.py`) twice with the same number of users for the same time: on the login page
(the floor), then signed in on the worklists and dossier pages. Prints the table's rows: requests
per second, p50, p95, errors, and the ratio of the two throughputs (target ≥ 0.5, p95 < 1 s,
0 errors). `--json` prints them as one JSON line too (for `bench/run_all.py`).

`--statements N` (10 unless 0): after the signed-in run, the N statements that took PostgreSQL
the most time during it, from its own statistics (`pg_stat_statements`: the throwaway server
loads it when it is installed; a server of `--database-url` must have it in
`shared_preload_libraries`, or the report is left out with the reason).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin() -> Path:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    for directory in reversed(versions):
        if (directory / "initdb").exists():
            return directory
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise SystemExit("PostgreSQL's initdb and pg_ctl not found (set PG_BIN)")


def as_postgres(args: list[str]) -> list[str]:
    """initdb refuses root: the server then runs as the `postgres` system user."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


class ThrowawayPostgres:
    def __init__(self):
        self.bin = pg_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="bereik-load-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")

    def start(self) -> str:
        subprocess.run(  # noqa: S603
            as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                         "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        if (self.bin.parent / "lib" / "pg_stat_statements.so").exists():
            # PostgreSQL's own statistics of the statements, for `--statements`, with the time
            # spent planning them (about as much as executing them under this load).
            options += (
                " -c shared_preload_libraries=pg_stat_statements"
                " -c pg_stat_statements.track_planning=on"
            )
        subprocess.run(  # noqa: S603
            as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                         str(self.folder / "server.log"), "-w", "-t", "60", "-o", options,
                         "start"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        subprocess.run(  # noqa: S603
            as_postgres([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                         "-U", "postgres", "bereik_load"]),
            check=True,
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/bereik_load"

    def stop(self) -> None:
        subprocess.run(  # noqa: S603
            as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                         "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def admin_sql(url: str, sql: str) -> None:
    """A statement on the server's `postgres` database (create or drop the bench database)."""
    import psycopg

    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(sql)


def statements_reset(url: str) -> bool:
    """Start PostgreSQL's own statistics of the statements afresh: True when the server keeps
    them (`pg_stat_statements` loaded, as the throwaway server does when it is installed)."""
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            connection.execute("SELECT pg_stat_statements_reset()")
    except psycopg.Error as error:
        step(f"no statistics of the statements: {str(error).splitlines()[0]}")
        return False
    return True


def statements_report(url: str, count: int) -> None:
    """The statements that took PostgreSQL the most time since `statements_reset`, in this
    database: where the server's time goes under the load. With the time spent planning them
    when the server counts it (`pg_stat_statements.track_planning`, as the throwaway server
    does): Django sends every statement afresh, so each is planned on every call."""
    import psycopg

    with psycopg.connect(url) as connection:
        planning = connection.execute("SHOW pg_stat_statements.track_planning").fetchone()[0]
        # The totals are over every statement of the database (a window runs before the LIMIT).
        rows = connection.execute(
            "SELECT total_exec_time, total_plan_time, calls, mean_exec_time,"
            " regexp_replace(query, '\\s+', ' ', 'g'),"
            " sum(total_exec_time) OVER (), sum(total_plan_time) OVER (), sum(calls) OVER ()"
            " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
            " WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT %s",
            [count],
        ).fetchall()
    total, planned, calls = (rows[0][5], rows[0][6], rows[0][7]) if rows else (0, 0, 0)
    plans = (
        f", and {planned / 1000:.1f} s planning them"
        if planning == "on"
        else " (planning not counted: pg_stat_statements.track_planning is off)"
    )
    step(
        f"PostgreSQL's time for the statements: {total / 1000:.1f} s executing {calls:,} calls"
        f"{plans}; the most (ms executing, ms planning):"
    )
    for spent, plan, times, mean, query, *_totals in rows:
        step(f"   {spent:8,.0f} {plan:7,.0f} ms {times:7,} x {mean:7.2f} ms  {query[:140]}")


def has_dossiers(env: dict) -> bool:
    import psycopg

    try:
        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute("SELECT count(*) FROM dossiers_dossier").fetchone()[0] > 0
    except psycopg.Error:
        return False


def environment(var_dir: Path, url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        BEREIK_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        DEBUG="0",
        BEREIK_MFA_REQUIRED="1",
        # Production's settings behind the TLS proxy that README's deployment puts in front:
        # Locust sends the proxy's X-Forwarded-Proto.
        BEHIND_TLS_PROXY="1",
        SECRET_KEY="bench-only-secret-key-not-for-production",
        ALLOWED_HOSTS="*",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        BEREIK_MAX_UPLOAD_BYTES=str(200 * 1024 * 1024),
    )
    env.pop("BEREIK_DEMO", None)
    return env


def step(text: str) -> None:
    print(f"-- {text}", file=sys.stderr, flush=True)


def load_data(env: dict, dossiers: int, folder: Path, clients: int) -> None:
    """The bench users, a register of `clients` clients (the social workers of the generated
    register are the bench users mw0-mw4) and a list of `dossiers` rows, two thirds of them its
    clients, through the real imports: matching, triage and assignment give each social worker
    the dossiers of their clients, as in a municipality (without a register every dossier went
    to the preventiewerker, and the social workers' pages were empty)."""
    from generate import write_list, write_register

    step("migrate and bench users")
    subprocess.run([PYTHON, str(HERE / "setup_db.py")], cwd=ROOT, env=env, check=True)  # noqa: S603
    register = None
    if clients:
        register = folder / f"register-{clients}.csv"
        write_register(register, clients)
        step(f"import a register of {clients:,} clients")
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "import_register", str(register), "--json"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    path = folder / f"list-{dossiers}.csv"
    write_list(path, dossiers, register=register)
    step(f"import {dossiers:,} rows (the real import: matching, triage, assignment)")
    started = time.perf_counter()
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "import_signals", str(path), "--kind", "verwittiging",
         "--company", "Farys", "--json"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    step(f"imported in {time.perf_counter() - started:.0f} s")
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "dbshell", "--", "-c", "VACUUM ANALYZE"],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def start_gunicorn(env: dict, workers: int, port: int) -> subprocess.Popen:
    subprocess.run(  # noqa: S603 - production serves collected static files
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "bereik.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(120):
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/login/", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(request, timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start")


def locust(user_class: str, port: int, users: int, seconds: int, folder: Path, env: dict) -> dict:
    prefix = folder / user_class
    subprocess.run(  # noqa: S603
        [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
         "--host", f"http://127.0.0.1:{port}", "-u", str(users), "-r", str(users),
         "-t", f"{seconds}s", "--csv", str(prefix), "--loglevel", "WARNING", user_class],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        "rps": float(total["Requests/s"]),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "pages": {
            row["Name"]: (float(row["50%"]), float(row["95%"]), int(row["Request Count"]))
            for row in rows
            if row["Name"] != "Aggregated"
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument(
        "--clients", type=int, default=100_000, help="the register's size (0: no register)"
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse a loaded database (and keep it)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--statements",
        type=int,
        default=10,
        help="print the N statements that took PostgreSQL the most time under the signed-in "
        "load (pg_stat_statements; 0: none)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bereik-load-"))
    server = None
    gunicorn = None
    try:
        if args.database_url:
            url = args.database_url
        else:
            step("starting a throwaway PostgreSQL")
            server = ThrowawayPostgres()
            url = server.start()
        env = environment(folder, url)
        if not (args.reuse and has_dossiers(env)):
            if args.database_url:
                name = url.rsplit("/", 1)[1]
                admin_sql(url, f'DROP DATABASE IF EXISTS "{name}"')
                admin_sql(url, f'CREATE DATABASE "{name}"')
            load_data(env, args.dossiers, folder, args.clients)
        else:
            step("reusing the loaded database (migrated to this checkout)")
            subprocess.run(  # noqa: S603
                [PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
            )
        sessions = folder / "sessions.json"
        subprocess.run(  # noqa: S603
            [PYTHON, str(HERE / "load_setup.py"), str(sessions), "--sessions", str(args.users)],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        port = free_port()
        gunicorn = start_gunicorn(env, args.workers, port)
        env = {**env, "BENCH_LOAD_SESSIONS": str(sessions)}
        rows = []
        step(f"Locust: {args.users} users on the login page for {args.seconds} s")
        floor = locust("LoginPage", port, args.users, args.seconds, folder, env)
        statements = args.statements > 0 and statements_reset(url)
        step(f"Locust: {args.users} signed-in users on worklists and dossiers, {args.seconds} s")
        got = locust("Caseworker", port, args.users, args.seconds, folder, env)
        for name, (p50, p95, count) in sorted(got["pages"].items()):
            step(f"   {name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {count} requests")
        if statements:
            statements_report(url, args.statements)
        rows.append(
            [
                f"{args.users} signed-in users on PostgreSQL, worklists and dossier pages, "
                f"{args.seconds} s (Locust, gunicorn {args.workers} workers, "
                f"{args.dossiers:,} dossiers)",
                f"{got['rps']:.1f} req/s, p50 {got['p50']:.0f} ms, p95 {got['p95']:.0f} ms, "
                f"{got['failures']} errors of {got['requests']:,}",
                f"login page {floor['rps']:.1f} req/s, p95 {floor['p95']:.0f} ms, "
                f"{floor['failures']} errors",
                f"{got['rps'] / floor['rps']:.2f} of the throughput",
                "≥ 0.5, p95 < 1 s, 0 errors",
            ]
        )
        for row in rows:
            print("| " + " | ".join(row) + " |", flush=True)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False))
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if server is not None:
            server.stop()
        elif args.database_url and not (args.keep or args.reuse):
            # `--reuse` keeps it too: loading it takes long, and the next run reuses it.
            name = args.database_url.rsplit("/", 1)[1]
            admin_sql(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
