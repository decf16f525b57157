"""Locust's users for `bench/load.py`: signed-in people on the worklists and dossier pages, and
the same number of people on the login page (the floor).

    locust -f bench/locustfile.py --headless --host http://127.0.0.1:PORT -u 50 -t 60s \
        LoginPage        # or: Caseworker

`Caseworker` needs BENCH_LOAD_SESSIONS: a JSON file written by `bench/load_setup.py` with the
session cookies of signed-in users (their second factor given) and the ids of some dossiers.
Every user of Locust takes the next session of the file. No pause between pages: the test
measures what the server can answer, not how fast people click.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, constant, task

# The server runs with production's settings behind a TLS proxy, which says so in this header.
PROXY = {"X-Forwarded-Proto": "https"}

_setup = None
_sessions = None


def setup() -> dict:
    global _setup, _sessions
    if _setup is None:
        with open(os.environ["BENCH_LOAD_SESSIONS"], encoding="utf-8") as handle:
            _setup = json.load(handle)
        _sessions = itertools.cycle(_setup["sessions"])
    return _setup


class LoginPage(HttpUser):
    """The floor: the page every request of an anonymous user ends on."""

    wait_time = constant(0)

    def on_start(self):
        self.client.headers.update(PROXY)

    @task
    def login(self):
        with self.client.get("/login/", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} on /login/")


class Caseworker(HttpUser):
    """A signed-in user (preventiewerker, social worker or diensthoofd) going through worklists,
    their pages, filters and search, the home page and dossiers."""

    wait_time = constant(0)

    def on_start(self):
        data = setup()
        self.client.headers.update(PROXY)
        session = next(_sessions)
        self.username = session["username"]
        self.client.cookies.set(data["cookie"], session["key"])
        self.worklists = session["worklists"]
        self.dossiers = session["dossiers"]
        self.names = data["names"]

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} on {url}")

    @task(4)
    def worklist_pages(self):
        page = random.choice([1, 1, 1, 2, 3, 10, 50, 200])  # noqa: S311 - not a secret
        self.get(f"/dossiers/lijsten/alle/?pagina={page}", "worklist alle ?pagina=")

    @task(6)
    def worklist(self):
        key = random.choice(self.worklists)  # noqa: S311
        self.get(f"/dossiers/lijsten/{key}/", f"worklist {key}")

    @task(1)
    def search(self):
        name = random.choice(self.names)  # noqa: S311
        self.get(f"/dossiers/lijsten/alle/?q={name}", "worklist alle ?q=")

    @task(1)
    def by_name(self):
        self.get("/dossiers/lijsten/alle/?sort=naam&kind=water", "worklist alle sort+filter")

    @task(2)
    def home(self):
        self.get("/", "home")

    @task(6)
    def dossier(self):
        if not self.dossiers:
            return
        pk = random.choice(self.dossiers)  # noqa: S311
        self.get(f"/dossiers/{pk}/", "dossier page")
