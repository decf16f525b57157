"""The floor: what any import of a warning list must at least do, in one process.

    python bench/floor.py FILE

Reads the CSV (`;`, Windows-1252) with the csv module, converts the amount (decimal comma) and
the dates (dd/mm/yyyy), and inserts the rows into a fresh SQLite table with `executemany`, in one
transaction. No Django: the benchmarks compare Bereik's whole process with this one.
"""

import csv
import datetime
import os
import sqlite3
import sys
import tempfile
from decimal import Decimal


def amount(text: str) -> Decimal | None:
    text = text.strip().replace(".", "").replace(",", ".")
    return Decimal(text) if text else None


def date(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    day, month, year = text.split("/")
    return datetime.date(int(year), int(month), int(day)).isoformat()


def main(path: str) -> int:
    with open(path, encoding="cp1252", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        rows = [
            (r[0], r[1], r[2], r[3], str(amount(r[4])), r[5], date(r[6]), date(r[7]))
            for r in reader
        ]
    with tempfile.TemporaryDirectory() as directory:
        db = sqlite3.connect(os.path.join(directory, "floor.sqlite3"))
        db.execute(
            "CREATE TABLE signal (id INTEGER PRIMARY KEY, customer TEXT, name TEXT, street TEXT, "
            "place TEXT, amount TEXT, measure TEXT, measure_date TEXT, letter_date TEXT)"
        )
        with db:
            db.executemany(
                "INSERT INTO signal (customer, name, street, place, amount, measure, "
                "measure_date, letter_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        count = db.execute("SELECT COUNT(*) FROM signal").fetchone()[0]
        db.close()
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
