"""Every demo user signs in through the login form and clicks through every page reachable from
their home: no page answers with an error, and no page has a serious or critical WCAG 2.1 A/AA
violation according to axe-core (see crawl.py for what is visited and checked)."""

import pytest

from tests.browser.crawl import crawl

pytestmark = pytest.mark.browser

DEMO_USERS = [
    "olga",
    "pieter",
    "nele",
    "hanne",
    "bart",
    "katrien",
    "ilse",
    "tom",
    "vera",
    "celine",
    "eddy",
    "dirk",
    "bea",
]


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_page_a_demo_user_reaches_works_and_passes_axe(
    new_context, sign_in, demo_server, crawl_run, username
):
    page = new_context(base_url=demo_server).new_page()
    sign_in(page, username)
    report = crawl(page, username, demo_server, crawl_run)
    assert report.fetched > 1, f"{username} has nothing to click"
    if report.errors or report.violations:
        pytest.fail(report.failures(), pytrace=False)


@pytest.mark.parametrize("width", [992, 1280])
def test_the_menu_bar_fits_the_window_for_every_demo_user(new_context, sign_in, demo_server, width):
    """A role with many menu items: the bell and the user menu stay inside the window."""
    page = new_context(base_url=demo_server).new_page()
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = []
    for username in DEMO_USERS:
        page.context.clear_cookies()
        sign_in(page, username)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        bell = page.locator("header .bell").bounding_box()
        if overflow > 0 or bell is None or bell["x"] + bell["width"] > width:
            too_wide.append(f"{username}: {overflow}px too wide")
    assert not too_wide, "; ".join(too_wide)


def test_the_winter_stop_badge_stays_in_its_column(new_context, sign_in, demo_server):
    """The winter stop's badge is a sentence: in a narrow column (the confirmation queue's
    household card) it wraps instead of running over the column next to it. Drawn into a page
    with the app's styles, since whether the demo has a deadline in the winter stop depends on
    the season."""
    page = new_context(base_url=demo_server).new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "pieter")
    page.goto("/dossiers/lijsten/te-bevestigen/")
    overflow = page.evaluate(
        """() => {
            const box = document.createElement("dl");
            box.className = "row small";
            box.style.width = "20rem";
            box.innerHTML = '<dt class="col-5">Termijn</dt><dd class="col-7">24/12/2026 '
                + '<span class="badge text-bg-info winter-stop">'
                + 'Winterstop: geen afsluiting vóór 01/03/2027</span></dd>';
            document.querySelector("main").prepend(box);
            const badge = box.querySelector(".winter-stop").getBoundingClientRect();
            const cell = box.querySelector("dd").getBoundingClientRect();
            return badge.right - cell.right;
        }"""
    )
    assert overflow <= 1, f"the badge runs {overflow:.0f}px over its column"
