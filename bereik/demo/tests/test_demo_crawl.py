"""Every demo user clicks through every page reachable from their home page: no link is broken
and no page fails. Catches the wiring between apps that unit tests of one app do not see."""

import re
from collections import deque

import pytest

# The shared demo (see conftest.py): one xdist worker runs every test that reads it.
pytestmark = pytest.mark.xdist_group("demo")
LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/logout/", "/beheer/django/", "/static/")
MAX_PAGES_PER_USER = 120
# Pages of one shape (the same URL with other ids or query values) are visited a few times only.
MAX_PER_SHAPE = 2


def shape(path: str) -> str:
    path = re.sub(r"\d+", "#", path)
    return re.sub(r"=[^&]*", "=", path)


def crawl(client, start="/"):
    seen, queue, problems = {start}, deque([start]), []
    shapes: dict[str, int] = {}
    visited = 0
    while queue and visited < MAX_PAGES_PER_USER:
        path = queue.popleft()
        response = client.get(path)
        visited += 1
        if response.status_code >= 400:
            problems.append((path, response.status_code))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            link = link.replace("&amp;", "&")
            if link.startswith(SKIP) or link in seen:
                continue
            seen.add(link)
            shapes[shape(link)] = shapes.get(shape(link), 0) + 1
            if shapes[shape(link)] > MAX_PER_SHAPE:
                continue
            queue.append(link)
    return visited, problems


def test_every_demo_user_reaches_only_working_pages(demo, db, client):
    report = {}
    for key, user in demo.users.items():
        client.force_login(user)
        visited, problems = crawl(client)
        assert visited > 1, f"{key} has nothing to click"
        if problems:
            report[key] = problems
        client.logout()
    assert report == {}
