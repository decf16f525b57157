"""The custom colours of bereik.css keep WCAG contrast (1.4.3 text 4.5:1, 1.4.11 focus ring 3:1)."""

import re
from pathlib import Path

import bereik

CSS = (Path(bereik.__file__).parent / "static" / "bereik" / "bereik.css").read_text()
NAVBAR = "#0b4f6c"
WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rule(selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, selector
    return match.group(1)


def _colour(declarations: str) -> str:
    return re.search(r"#[0-9a-fA-F]{6}", declarations).group(0).lower()


def test_the_focus_ring_stands_out_on_white_and_on_the_navigation_bar():
    assert contrast(_colour(_rule(":focus-visible")), WHITE) >= 3
    assert contrast(_colour(_rule(".bg-bereik :focus-visible")), NAVBAR) >= 3
    assert contrast(_colour(_rule(".bg-bereik .dropdown-menu :focus-visible")), WHITE) >= 3


def test_text_colours_reach_four_and_a_half_to_one():
    assert contrast(WHITE, _colour(_rule(".bg-bereik"))) >= 4.5
    assert contrast(_colour(_rule(".deadline-near")), WHITE) >= 4.5
    past = _rule(".deadline-past")
    assert contrast("#ffffff", re.search(r"background:\s*(#[0-9a-f]{6})", past).group(1)) >= 4.5


def test_a_wide_table_cannot_widen_the_page_on_a_phone():
    # Visually hidden labels are absolutely positioned: they must stay inside the scroll box.
    assert "position: relative" in _rule(".table-responsive")


def test_text_on_coloured_table_rows_reaches_four_and_a_half_to_one():
    # Bootstrap 5.3's light table variants (rows flagged in worklists and on LAC agendas), with
    # their darkest hover background.
    backgrounds = {
        "primary": "#cfe2ff",
        "secondary": "#e2e3e5",
        "success": "#d1e7dd",
        "info": "#cff4fc",
        "warning": "#fff3cd",
        "danger": "#f8d7da",
        "light": "#f8f9fa",
        "danger:hover": "#e5c7ca",
    }
    declarations = _rule(".table-light")
    selectors = CSS.split(declarations)[0].rsplit("}", 1)[-1]
    for variant in backgrounds:
        assert f".table-{variant.split(':')[0]}" in selectors
    colours = {
        name: "#" + "".join(f"{int(channel):02x}" for channel in rgb)
        for name, *rgb in re.findall(r"(--bs-[a-z-]+-rgb):\s*(\d+),\s*(\d+),\s*(\d+)", declarations)
    }
    assert set(colours) == {
        "--bs-link-color-rgb",
        "--bs-link-hover-color-rgb",
        "--bs-danger-rgb",
        "--bs-success-rgb",
        "--bs-secondary-rgb",
    }
    colours["outline button"] = _colour(_rule(".table-light) .btn-outline-secondary"))
    for name, colour in colours.items():
        for variant, background in backgrounds.items():
            assert contrast(colour, background) >= 4.5, (name, variant)
