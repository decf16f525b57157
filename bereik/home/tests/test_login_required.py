"""Every URL of the project redirects an anonymous visitor to the login page, except the few
that are public on purpose. New URLs are covered automatically."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accounts:unsubscribe",  # a mail's signed link (accounts/tests/test_unsubscribe.py)
    # Sign-in through the organisation's identity provider (404 while it is off).
    "signin:oidc_start",
    "signin:oidc_callback",
    # A waiting-room screen's secret link (screens/tests/test_access.py)
    "screens:display",
    "screens:slides",
    "screens:image",
}
PUBLIC_PREFIXES = ("beheer/django/",)  # Django admin: has its own login page, checked below


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            for route, name in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield route, (f"{namespace}:{name}" if namespace and name else name)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def _example_path(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", route)
    route = re.sub(r"<(?:str:|slug:|path:)?\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)  # regex routes (admin)
    return "/" + route.replace("\\", "")


def all_routes():
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns)
        if not route.startswith(PUBLIC_PREFIXES) and name not in PUBLIC_NAMES
    ]


def test_the_project_has_routes_to_check():
    assert len(all_routes()) > 3


@pytest.mark.django_db
@pytest.mark.parametrize("route,name", all_routes())
def test_anonymous_visitors_are_sent_to_login(client, route, name):
    path = _example_path(route)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 302, f"{name} ({path}) answered {response.status_code}"
        assert response["Location"].startswith("/login/"), f"{name} ({path})"


@pytest.mark.django_db
def test_the_login_page_is_public(client):
    assert client.get("/login/").status_code == 200


@pytest.mark.django_db
def test_the_django_admin_asks_for_its_own_login(client):
    response = client.get("/beheer/django/")
    assert response.status_code == 302
    assert "login" in response["Location"]
