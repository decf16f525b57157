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
