"""Deciding a long file a batch of rows at a time, and storing each batch as soon as it is
decided (the plans of the company lists, `importing.make_plan`, and of the register export,
`clients/register.make_plan`; ADR 0029)."""

from __future__ import annotations

from collections.abc import Callable


def decide_in_batches(
    plan,
    table,
    decide: Callable[[list], list],
    *,
    size: int,
    sink=None,
    keep: Callable[[list], list],
) -> None:
    """`decide(cells)` turns a batch of `size` of the table's rows into planned rows. Without a
    `sink` (the preview, a dry run) every planned row goes on `plan.rows` whole. With one (the
    import's store), each batch is handed to `sink(plan, rows)` as soon as it is decided; then
    `plan.rows` gets `keep(rows)`, only what the counts and the summary read of them, and the
    file's rows of the batch are released (a stored row keeps its raw row in the database): the
    import holds a batch at a time, not the whole file."""
    read_rows = table.rows
    for start in range(0, len(read_rows), size):
        rows = decide(read_rows[start : start + size])
        if sink is None:
            plan.rows += rows
            continue
        sink(plan, rows)
        plan.rows += keep(rows)
        read_rows[start : start + size] = [None] * len(rows)
    if sink is not None:
        table.rows = []
