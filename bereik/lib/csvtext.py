"""Plain text of a CSV file: its lines one at a time, and the separator its first lines use
(`bereik.lib.tabular` reads the file with them)."""

from __future__ import annotations

import csv
import io
from collections import Counter

DELIMITERS = (";", ",", "\t", "|")


def detect_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most consistent number of columns.
    Title lines (one field) don't vote; quoted fields are respected."""
    sample_lines = [line for line in first_lines(text, 60) if line.strip()]
    sample = "\n".join(sample_lines)
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [
                len(row)
                for row in csv.reader(io.StringIO(sample), delimiter=delimiter, strict=False)
                if len(row) > 1
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        width, frequency = Counter(widths).most_common(1)[0]
        score = (frequency, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def first_lines(text: str, count: int) -> list[str]:
    """`text.splitlines()[:count]` without splitting a long file's every line."""
    size = 65_536
    while True:
        found = text[:size].splitlines()
        # With more lines than asked, the first `count` are whole (only the last may be cut).
        if len(found) > count or size >= len(text):
            return found[:count]
        size *= 4


def lines(text: str):
    """The lines of `text` with their ends, one at a time, as `io.StringIO(text)` gives them
    (split at line feeds only), without StringIO's copy of the whole text at four bytes a
    character."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1
