"""The main menu: drawn in Python, worked out once per set of roles (`bereik.home.nav`)."""

import re

import pytest
from django.urls import reverse

from bereik.accounts.models import Role
from bereik.conftest import make_user
from bereik.home import nav


def _menu(response) -> str:
    html = response.content.decode()
    return re.search(r'<ul class="navbar-nav me-auto">.*?</ul>', html, re.S).group(0)


def test_the_current_pages_entry_is_marked_and_no_other(login, mw):
    menu = _menu(login(mw).get(reverse("dossiers:worklist", args=["mijn"])))
    assert (
        f'<a class="nav-link active" href="{reverse("dossiers:list")}" aria-current="page">'
        "Dossiers</a>"
    ) in menu
    assert menu.count("aria-current") == 1
    assert f'<a class="nav-link" href="{reverse("followup:my_tasks")}">Taken</a>' in menu


def test_the_home_page_marks_no_entry(login, mw):
    assert "aria-current" not in _menu(login(mw).get(reverse("home")))


@pytest.fixture
def counted(monkeypatch):
    """The Dossiers entry, counting how often it is asked whether a user may see it."""
    calls = []
    entry = nav._entries["dossiers:list"]

    def allowed(user):
        calls.append(user.pk)
        return entry.allowed(user)

    monkeypatch.setitem(
        nav._entries,
        "dossiers:list",
        nav.NavEntry(entry.order, entry.label, entry.url_name, allowed),
    )
    nav.forget()
    yield calls
    nav.forget()


def test_the_menu_is_worked_out_once_per_set_of_roles(client, mw, mw_other, diensthoofd, counted):
    for user in (mw, mw_other, mw):
        client.force_login(user)
        assert reverse("dossiers:list") in _menu(client.get(reverse("home")))
    assert len(counted) == 1  # two social workers: the same roles, the same menu
    client.force_login(diensthoofd)
    client.get(reverse("home"))
    assert len(counted) == 2


def test_a_role_given_shows_its_entry_on_the_next_page(client, db):
    user = make_user("nina", [Role.Code.MAATSCHAPPELIJK_WERKER])
    client.force_login(user)
    assert f'href="{reverse("intake:history")}"' not in _menu(client.get(reverse("home")))
    user.roles.add(Role.objects.get(code=Role.Code.ONTHAAL))
    assert f'href="{reverse("intake:history")}">Import</a>' in _menu(client.get(reverse("home")))


def test_labels_and_links_are_escaped(login, mw, monkeypatch):
    monkeypatch.setitem(
        nav._entries,
        "home",
        nav.NavEntry(99, "<b>Lijst & co</b>", "home", lambda user: True),
    )
    nav.forget()
    try:
        menu = _menu(login(mw).get(reverse("dossiers:worklist", args=["mijn"])))
    finally:
        nav.forget()
    assert "&lt;b&gt;Lijst &amp; co&lt;/b&gt;" in menu
    assert "<b>" not in menu
