"""Charts as server-rendered SVG: no JavaScript, nothing fetched, the same markup on the page, in
print and in a PDF (WeasyPrint draws inline SVG).

Each chart is an image with a title and a description for screen readers (`role="img"`,
`<title>`, `<desc>`); the page puts a table with the same numbers next to it, which is what a
screen reader reads and what a reader who wants the exact figures looks at. Colours have at least
3:1 contrast with white (WCAG 1.4.11) and differ in lightness, so they also hold in black and
white; every bar and point carries its value in text, so nothing depends on colour alone.

    bar_chart(title=..., description=..., categories=["A", "B"],
              series=[Series("2026", [71.2, 64.0]), Series("2025", [60.1, None])],
              max_value=100, fmt=format_percent)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

# Dark blue (the application's colour, 9:1 on white) and grey (4.7:1), lighter in print as well.
COLOURS = ("#0b4f6c", "#6c757d", "#8a4f00", "#3d6b35")
TEXT = "#212529"
GRID = "#adb5bd"
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]  # None: nothing to show (no dossiers in that group)


def _text(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _default_format(value: float) -> str:
    return _number(value).replace(".", ",")


def _frame(width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    key = next(_ids)
    title_id, desc_id = f"grafiek-{key}-titel", f"grafiek-{key}-uitleg"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" focusable="false" class="chart" '
        f'aria-labelledby="{title_id} {desc_id}" {FONT} font-size="12">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


def _legend(series: Sequence[Series], x: int, y: int) -> list[str]:
    parts = []
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 17}" y="{y + 1}" fill="{TEXT}">{_text(one.label)}</text>')
        x += 30 + 7 * len(one.label)
    return parts


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    max_value: float | None = None,
    fmt: Callable[[float], str] = _default_format,
    width: int = 640,
    label_width: int = 180,
) -> SafeString:
    """Horizontal bars: one group per category, one bar per series (in the order of the legend),
    the value written after each bar."""
    bar, gap, group_gap, top = 14, 3, 12, 30 if len(series) > 1 else 8
    values = [v for one in series for v in one.values if v is not None]
    scale_max = max_value if max_value is not None else max(values, default=0) or 1
    area = width - label_width - 70
    group = len(series) * (bar + gap) - gap
    height = top + len(categories) * (group + group_gap) + 4
    body = _legend(series, label_width, 14) if len(series) > 1 else []
    body.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" '
        f'y2="{height - 4}" stroke="{GRID}"/>'
    )
    for row, category in enumerate(categories):
        y = top + row * (group + group_gap)
        body.append(
            f'<text x="{label_width - 8}" y="{y + group / 2 + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{_text(category)}</text>'
        )
        for index, one in enumerate(series):
            value = one.values[row] if row < len(one.values) else None
            bar_y = y + index * (bar + gap)
            if value is None:
                body.append(
                    f'<text x="{label_width + 6}" y="{bar_y + bar - 3}" fill="{TEXT}">–</text>'
                )
                continue
            length = max(area * min(value, scale_max) / scale_max, 0)
            colour = COLOURS[index % len(COLOURS)]
            body.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{_number(length)}" height="{bar}" '
                f'fill="{colour}"><title>{_text(one.label)}: {_text(fmt(value))}</title></rect>'
            )
            body.append(
                f'<text x="{label_width + length + 6:.1f}" y="{bar_y + bar - 3}" '
                f'fill="{TEXT}">{_text(fmt(value))}</text>'
            )
    return _frame(width, height, title, description, body)


def line_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    max_value: float = 100,
    ticks: Sequence[float] = (0, 25, 50, 75, 100),
    fmt: Callable[[float], str] = _default_format,
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Lines over the categories (months, for example); a None breaks the line. Each point
    carries its value as a tooltip; the y axis has a grid line per tick."""
    left, right, top, bottom = 44, 12, 30 if len(series) > 1 else 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(categories) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_h - plot_h * min(max(value, 0), max_value) / max_value

    body = _legend(series, left, 14) if len(series) > 1 else []
    for tick in ticks:
        y = y_of(tick)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="0.5"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}" '
            f'font-size="11">{_text(fmt(tick))}</text>'
        )
    for index, category in enumerate(categories):
        x = left + index * step
        lines = str(category).split("\n")
        for number, line in enumerate(lines):
            body.append(
                f'<text x="{x:.1f}" y="{height - bottom + 14 + 12 * number}" '
                f'text-anchor="middle" fill="{TEXT}" font-size="10">{_text(line)}</text>'
            )
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        dash = ' stroke-dasharray="5 3"' if index else ""
        runs, run = [], []
        for position, value in enumerate(one.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append((left + position * step, y_of(value), value, position))
        if run:
            runs.append(run)
        for points in runs:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _p in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
            for x, y, value, position in points:
                label = f"{categories[position]}".replace("\n", " ")
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>'
                    f"{_text(one.label)}, {_text(label)}: {_text(fmt(value))}</title></circle>"
                )
    return _frame(width, height, title, description, body)
