"""Every SQLite connection works the same way, whether the file is the default one in var/ or
named by DATABASE_URL: WAL, a busy timeout, immediate transactions, and a page cache of
BEREIK_SQLITE_CACHE_MB (ADR 0029, ninth round: with SQLite's own 2 MB, an import that assigns
100,000 dossiers read the same index pages again and again from the operating system).

Each case starts Django in a process of its own, as the settings are read once a process."""

import json

import pytest

from bereik.lib.tests.processes import django_process

ASK = (
    "import json; from django.db import connection; "
    "cursor = connection.cursor(); answers = {}; "
    "[answers.__setitem__(name, cursor.execute(f'PRAGMA {name}').fetchone()[0]) "
    "for name in ('journal_mode', 'cache_size', 'busy_timeout', 'synchronous')]; "
    "print(json.dumps(answers))"
)


def _pragmas(tmp_path, **env) -> dict:
    drop = ("DATABASE_URL", "BEREIK_SQLITE_CACHE_MB")
    return json.loads(django_process(ASK, tmp_path, drop=drop, **env))


@pytest.mark.parametrize(
    ("env", "cache_kb"),
    [
        ({}, 16 * 1024),
        ({"BEREIK_SQLITE_CACHE_MB": "64"}, 64 * 1024),
        ({"DATABASE_URL": "sqlite:///{tmp}/named.sqlite3"}, 16 * 1024),
    ],
    ids=["default", "cache set", "named by DATABASE_URL"],
)
def test_a_sqlite_connection_uses_wal_a_busy_timeout_and_the_page_cache(tmp_path, env, cache_kb):
    env = {key: value.format(tmp=tmp_path) for key, value in env.items()}
    answers = _pragmas(tmp_path, **env)
    assert answers == {
        "journal_mode": "wal",
        "cache_size": -cache_kb,  # negative: kibibytes, not pages
        "busy_timeout": 20000,
        "synchronous": 1,  # NORMAL
    }
    made = "named.sqlite3" if "DATABASE_URL" in env else "bereik.sqlite3"
    assert (tmp_path / made).exists()
