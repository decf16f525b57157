"""The screen's colours keep WCAG contrast (1.4.3: text 4.5:1; 1.4.11: the focus ring 3:1)."""

import re
from pathlib import Path

from bereik.home.tests.test_styles import contrast
from bereik.screens import views

CSS = (Path(views.__file__).parent / "static" / "screens" / "display.css").read_text()


def _declaration(selector: str, prop: str) -> str:
    block = re.search(r"(?m)^" + re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert block, selector
    value = re.search(rf"(?<![-\w]){prop}:\s*(#[0-9a-fA-F]{{3,6}})", block.group(1))
    assert value, (selector, prop)
    colour = value.group(1).lower()
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def test_the_text_of_the_screen_reaches_four_and_a_half_to_one():
    page = _declaration("body", "background")
    assert contrast(_declaration("body", "color"), page) >= 4.5
    assert contrast(_declaration(".slide-title", "color"), page) >= 4.5
    bar = _declaration(".bar", "background")
    assert contrast(_declaration("body", "color"), bar) >= 4.5
    assert contrast(_declaration(".bar .status", "color"), bar) >= 4.5
    qr = _declaration(".qr-box", "background")
    assert contrast(_declaration(".qr-box", "color"), qr) >= 4.5
    button = _declaration(".fullscreen", "background")
    assert contrast(_declaration(".fullscreen", "color"), button) >= 4.5


def test_the_focus_ring_stands_out():
    ring = re.search(r"\.fullscreen:focus-visible\s*\{[^}]*(#[0-9a-f]{6})", CSS).group(1)
    assert contrast(ring, _declaration("body", "background")) >= 3
