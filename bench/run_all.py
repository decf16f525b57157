"""`make bench`: every benchmark of Bereik at scale, each figure next to its floor and the ratio.

    .venv/bin/python bench/run_all.py [--quick] [--only import,register,matching,lists] [--keep]

Each import runs as a whole process (`manage.py import_signals FILE ... --json`, from start to
exit, Django's start-up included) on a fresh SQLite database in a temporary folder, next to the
floor (`bench/floor.py`: csv module, conversions, executemany into SQLite) on the same file in the
same run. CPU time (user + system) is the fairer figure on a busy machine; peak memory is the
process's maximum resident size. The project's modules are compiled first, as a deployed Bereik
has them after its first start (an environment with PYTHONDONTWRITEBYTECODE would otherwise make
every timed process compile them again: about 0.35 s of CPU). The lists are timed in one process
against the login page served by that same process (`bench/bench_lists.py`), on the database
the 100,000-row import made.

`--quick` uses a tenth of the sizes (a smoke test of the benchmarks themselves).
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
sys.path.insert(0, str(HERE))

from generate import write_list, write_register  # noqa: E402


def environment(var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        BEREIK_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        DEBUG="0",
        BEREIK_DEMO="1",  # DEBUG off, static files served without collectstatic
        SECRET_KEY="bench-only-secret-key-not-for-production",
        ALLOWED_HOSTS="*",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        BEREIK_MAX_UPLOAD_BYTES=str(200 * 1024 * 1024),
    )
    env.pop("DATABASE_URL", None)
    return env


def run(args: list[str], env: dict | None = None) -> dict:
    """Run a process to its end: wall and CPU seconds, peak memory (MB), its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=err)  # noqa: S603
        # wait4 gives this child's own rusage (not that of every child so far).
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"{' '.join(args[:3])} failed ({process.returncode})")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "mb": usage.ru_maxrss / 1024,
        "out": stdout.decode(errors="replace"),
    }


def fresh_db(base: Path, name: str) -> tuple[Path, dict]:
    directory = base / name
    directory.mkdir()
    env = environment(directory)
    run([PYTHON, str(HERE / "setup_db.py")], env)
    return directory, env


def import_signals(path: Path, env: dict) -> dict:
    return run(
        [
            PYTHON,
            "manage.py",
            "import_signals",
            str(path),
            "--kind",
            "verwittiging",
            "--company",
            "Farys",
            "--json",
        ],  # fmt: skip
        env,
    )


def floor(path: Path) -> dict:
    return run([PYTHON, str(HERE / "floor.py"), str(path)])


def wrong_links(directory: Path, expected: Path) -> tuple[int, int]:
    """(links to another client than the row was made from, rows linked)."""
    import sqlite3

    answers = dict(csv.reader(expected.open(encoding="utf-8")))
    db = sqlite3.connect(directory / "bereik.sqlite3")
    linked = db.execute(
        "SELECT d.customer_number, c.client_number FROM dossiers_dossier d "
        "JOIN clients_client c ON c.id = d.client_id"
    ).fetchall()
    db.close()
    return sum(1 for customer, number in linked if answers.get(customer) != number), len(linked)


ROWS: list[tuple[str, str, str, str, str]] = []


def figure(
    work: str, value: str, floor_text: str = "—", ratio: str = "—", target: str = ""
) -> None:
    ROWS.append((work, value, floor_text, ratio, target))
    print(f"| {work} | {value} | {floor_text} | {ratio} | {target} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--only", default="import,register,matching,lists")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    scale = 10 if args.quick else 1
    big, small, clients = 100_000 // scale, 10_000 // scale, 100_000 // scale

    compileall.compile_dir(ROOT / "bereik", quiet=1)
    base = Path(tempfile.mkdtemp(prefix="bereik-bench-"))
    print(f"Bereik benchmarks, {platform.node() and 'this machine'}: {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"SQLite; files and databases in {base}")  # fmt: skip
    print()
    print("| work | Bereik | floor (same file, same run) | ratio | target |")
    print("|---|---|---|---|---|")
    try:
        if "import" in parts or "lists" in parts:
            for rows in (small, big):
                path = base / f"list-{rows}.csv"
                write_list(path, rows)
                directory, env = fresh_db(base, f"import-{rows}")
                low = floor(path)
                got = import_signals(path, env)
                summary = json.loads(got["out"])
                assert summary["signals_created"] == rows, summary
                target = "≤ 5×, < 300 MB" if rows == big else ""
                figure(
                    f"`import_signals` {rows:,} rows, empty database",
                    f"{got['cpu']:.2f} s CPU, {got['mb']:.0f} MB peak",
                    f"{low['cpu']:.2f} s, {low['mb']:.0f} MB",
                    f"{got['cpu'] / low['cpu']:.1f}×",
                    target,
                )
                if rows == big:
                    lists_db = (directory, env)
        if "register" in parts or "matching" in parts:
            register = base / f"register-{clients}.csv"
            write_register(register, clients)
            directory, env = fresh_db(base, "register")
            got = run([PYTHON, "manage.py", "import_register", str(register), "--json"], env)
            summary = json.loads(got["out"])
            figure(
                f"`import_register` {clients:,} clients",
                f"{got['wall']:.1f} s wall, {got['cpu']:.1f} s CPU, {got['mb']:.0f} MB",
                target="< 10 s, < 300 MB",
            )
            assert summary["clients_created"] == clients, summary
            if "matching" in parts:
                path = base / f"list-{small}-register.csv"
                write_list(path, small, register=register)
                low = floor(path)
                got = import_signals(path, env)
                wrong, linked = wrong_links(directory, path.with_suffix(".csv.expected.csv"))
                figure(
                    f"`import_signals` {small:,} rows against a register of {clients:,} clients "
                    f"(two thirds of the rows are clients): matching, triage, assignment",
                    f"{got['cpu']:.2f} s CPU, {got['mb']:.0f} MB; {linked:,} linked, {wrong} wrong",
                    f"{low['cpu']:.2f} s",
                    f"{got['cpu'] / low['cpu']:.1f}×",
                    "≤ 10×, 0 wrong",
                )
        if "lists" in parts:
            directory, env = lists_db
            # The register and an LAC session of 300 through the real imports (seed_lists.py),
            # then the statistics once more (a large import refreshes them itself; the nightly
            # job would after the LAC list's few hundred rows).
            run([PYTHON, str(HERE / "seed_lists.py"), "--clients", str(clients)], env)
            run([PYTHON, "manage.py", "refresh_statistics"], env)
            got = run([PYTHON, str(HERE / "bench_lists.py"), "--preview-rows", str(small)], env)
            for line in json.loads(got["out"].strip().splitlines()[-1]):
                figure(*line)
    finally:
        if args.keep:
            print(f"\nKept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
