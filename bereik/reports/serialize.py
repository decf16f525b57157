"""The figures as plain data, for `manage.py figures --json` and scripts: every count, the reach
rate as a fraction (reached / opened, unrounded), and each breakdown by its key and label."""

from __future__ import annotations

from bereik.reports.figures.base import Cell, Figures, Table

REACH_FIELDS = ("opened", "reached", "reached_before_deadline", "not_reached")
BREAKDOWNS = {
    "route": "bereik_route",
    "kind": "bereik_soort",
    "company": "bereik_maatschappij",
    "worker": "bereik_medewerker",
    "team": "bereik_team",
}


def _fraction(part, whole):
    return part / whole if whole else None


def _reach(cells: list[Cell], period: int) -> dict:
    values = dict(zip(REACH_FIELDS, (cell.values()[period] for cell in cells[:4]), strict=True))
    values["reach_rate"] = _fraction(values["reached"], values["opened"])
    return values


def _breakdown(table: Table | None) -> list[dict]:
    if table is None:
        return []
    return [
        {
            "key": row.key,
            "label": row.label,
            **_reach(row.cells, 0),
            "previous": _reach(row.cells, 1),
        }
        for row in table.rows
        if not row.total
    ]


def _table(table: Table) -> dict:
    return {
        "title": table.title,
        "headers": table.headers,
        "rows": [
            {
                "label": row.label,
                "key": row.key,
                "total": row.total,
                "values": [cell.current for cell in row.cells],
                "previous": [cell.previous for cell in row.cells],
            }
            for row in table.rows
        ],
    }


def as_data(figures: Figures) -> dict:
    keys = ("opened", "reached", "before_deadline", "not_reached")
    summary = [figures.summary[key] for key in keys]
    data = {
        "period": {"from": figures.period.first.isoformat(), "to": figures.period.last.isoformat()},
        "previous_period": {
            "from": figures.previous.first.isoformat(),
            "to": figures.previous.last.isoformat(),
        },
        **_reach(summary, 0),
        "previous": _reach(summary, 1),
    }
    for name, key in BREAKDOWNS.items():
        data[name] = _breakdown(figures.tables.get(key))
    data["months"] = [
        {
            "month": f"{month.first:%Y-%m}",
            "opened": opened,
            "reached": reached,
            "reach_rate": _fraction(reached, opened),
        }
        for month, opened, reached in figures.months
    ]
    data["durations"] = {
        key: {
            "measured": durations.measured.current,
            "median_days": durations.median.current,
            "p90_days": durations.p90.current,
            "previous": {
                "measured": durations.measured.previous,
                "median_days": durations.median.previous,
                "p90_days": durations.p90.previous,
            },
        }
        for key, durations in figures.durations.items()
    }
    data["tables"] = {
        key: _table(table)
        for key, table in figures.tables.items()
        if key not in BREAKDOWNS.values()
    }
    return data
