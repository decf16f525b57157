"""Browser tests: Playwright drives Debian's Chromium against a live Bereik with the demo data.

- The servers: each is a temporary directory with a fresh SQLite database, migrated, with the
  demo loaded, served by `manage.py runserver` on a free port (server.py). The crawls of the demo
  pages get one (`demo_server`) and the flows, which change data, another (`flows_server`): the
  crawls always see the demo as it was made, whatever the order the tests run in. Under
  pytest-xdist the controller starts the crawls' server once, before the workers, and hands its
  URL to them (`pytest_configure_node`); the worker that runs the flows starts theirs. Set
  BEREIK_BROWSER_URL to test a server that is already running instead (the flows pick their
  dossiers by their state, so a second run on the same server picks other ones).
- The browser: pytest-playwright's fixtures (`page`, `new_context`, `browser`, ...), with
  /usr/bin/chromium, headless, and flags that keep Chromium from calling out to the network.
- Every test here is marked `browser`: `make test` leaves them out (`-m "not browser"`), `make
  test-browser` runs them; they are skipped when /usr/bin/chromium is missing.
"""

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.browser.crawl import Run
from tests.browser.server import live_server

CHROMIUM = Path("/usr/bin/chromium")
# A closed network refuses Chromium's background connections (updates, sync, QUIC probes, ...):
# without these flags it waits on them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "bereik-demo"  # noqa: S105 (the documented password of the demo users)
SERVER_URL_VARIABLE = "BEREIK_BROWSER_URL"
# What the xdist controller hands to each worker.
URL_KEY, CLAIMS_KEY = "bereik_browser_url", "bereik_browser_claims"
_served = pytest.StashKey[tuple[contextlib.ExitStack, str, str]]()


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def _serve_for_workers(config) -> tuple[contextlib.ExitStack, str, str]:
    """In the xdist controller: the server (started on the first call) and the directory where
    the workers claim the kinds of page they check with axe (crawl.Run)."""
    if _served not in config.stash:
        stack = contextlib.ExitStack()
        directory = Path(tempfile.mkdtemp(prefix="bereik-browser-"))
        stack.callback(shutil.rmtree, directory, ignore_errors=True)
        url = os.environ.get(SERVER_URL_VARIABLE) or ""
        if not url and CHROMIUM.exists():  # without Chromium every test is skipped
            url = stack.enter_context(live_server(directory))
        claims = directory / "axe-claims"
        claims.mkdir()
        config.stash[_served] = (stack, url, str(claims))
    return config.stash[_served]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    _stack, url, claims = _serve_for_workers(node.config)
    node.workerinput[URL_KEY] = url
    node.workerinput[CLAIMS_KEY] = claims


def pytest_unconfigure(config):
    if _served in config.stash:
        config.stash[_served][0].close()


@pytest.fixture(scope="session")
def demo_server(pytestconfig, tmp_path_factory):
    """The base URL of a live Bereik with the demo (DEBUG on), stopped after the session."""
    handed = getattr(pytestconfig, "workerinput", {}).get(URL_KEY)
    url = handed or os.environ.get(SERVER_URL_VARIABLE)
    if url:
        yield url.rstrip("/")
        return
    with live_server(tmp_path_factory.mktemp("bereik-live")) as url:
        yield url


@pytest.fixture(scope="session")
def flows_server(tmp_path_factory):
    """The base URL of another live Bereik with the demo, for the flows."""
    url = os.environ.get(SERVER_URL_VARIABLE)
    if url:
        yield url.rstrip("/")
        return
    with live_server(tmp_path_factory.mktemp("bereik-flows")) as url:
        yield url


@pytest.fixture(scope="session")
def crawl_run(pytestconfig, tmp_path_factory):
    """What the users' crawls share, across xdist workers too: the kinds of page checked."""
    claims = getattr(pytestconfig, "workerinput", {}).get(CLAIMS_KEY)
    return Run(Path(claims) if claims else tmp_path_factory.mktemp("axe-claims"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # No base_url here: each test opens its pages on the server it uses (`new_context(base_url=)`).
    return {
        **browser_context_args,
        "locale": "nl-BE",
        "timezone_id": "Europe/Brussels",
        "viewport": {"width": 1280, "height": 900},
        # No fade-ins: axe measures the colours as they are, not halfway an animation.
        "reduced_motion": "reduce",
    }


@pytest.fixture
def sign_in():
    """`sign_in(page, username)`: through the login form, as a person would; ends on the home
    page. Every demo user has the same password."""

    def sign_in(page, username: str) -> None:
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name=re.compile("Aanmelden")).click()
        page.wait_for_url(re.compile(r"/$"))

    return sign_in
