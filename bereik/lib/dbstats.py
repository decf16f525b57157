"""The query planner's statistics.

SQLite keeps no statistics until ANALYZE runs: without them it guesses that an equality on any
indexed column is selective, and a worklist of open dossiers ordered by deadline is then read
through the status index and sorted whole (25 ms at 100,000 dossiers) instead of read in the
deadline index's order (under a millisecond). PostgreSQL's autovacuum analyses a table some time
after it changed, so right after a large import the plans are still those of a small database.
`refresh()` analyses the database now (a second or two at 100,000 dossiers);
`manage.py refresh_statistics` runs it (after a large import, and nightly), and so does `migrate`.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def refresh() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    except DatabaseError:
        # Statistics are an optimisation: a busy database keeps the ones it has.
        logger.warning("ANALYZE failed", exc_info=True)
        return False
    return True
