"""Whether this machine's SQLite can hold the search's FTS5 trigram table (migration dossiers
0010, `bereik/dossiers/search.py`)."""

import functools
import sqlite3


@functools.cache
def trigram_available() -> bool:
    """Whether this machine's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 and
    later, as built by most systems). Without it migration dossiers 0010 makes no search table
    and the search matches as before. Asked of an in-memory database: no query of Bereik's."""
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
        finally:
            probe.close()
    except sqlite3.OperationalError:
        return False
    return True
