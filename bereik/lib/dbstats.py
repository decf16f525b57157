"""The query planner's statistics.

SQLite keeps no statistics until ANALYZE runs: without them it guesses that an equality on any
indexed column is selective, and a worklist of open dossiers ordered by deadline is then read
through the status index and sorted whole (25 ms at 100,000 dossiers) instead of read in the
deadline index's order (under a millisecond). PostgreSQL's autovacuum analyses a table some time
after it changed, so right after a large import the plans are still those of a small database.
`refresh()` analyses the database now (a second or two at 100,000 dossiers);
`manage.py refresh_statistics` runs it (nightly), and so does `migrate`. `refresh_after()` runs it
once a large import has committed: one that makes a tenth or more of its table (at 100,000 new
dossiers into a young database, "Alle dossiers" took 147 ms a page before and 32 ms after).
"""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction

logger = logging.getLogger(__name__)

# Fewer new rows than this never refresh the statistics by themselves (the nightly job does).
GROWN_ROWS = 1000


def refresh() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    except DatabaseError:
        # Statistics are an optimisation: a busy database keeps the ones it has.
        logger.warning("ANALYZE failed", exc_info=True)
        return False
    return True


def estimated_rows(model, using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The number of rows of `model`'s table as PostgreSQL's statistics estimate it (no
    count); None elsewhere, or before the table was first analysed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] >= 0 else None


def refresh_after(model, added: int) -> None:
    """Once the current transaction has committed (at once outside one): refresh the statistics
    when the `added` rows of `model` make a tenth or more of its table, and at least GROWN_ROWS."""
    if added < GROWN_ROWS:
        return

    def check():
        try:
            grown = added * 10 >= model._default_manager.count()
        except DatabaseError:  # an optimisation: never the reason a finished import fails
            logger.warning("counting %s failed", model._meta.label, exc_info=True)
            return
        if grown:
            refresh()

    transaction.on_commit(check)
