"""The beheerder sees who is locked out and lifts the lock (recorded in the audit trail)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.conftest import PASSWORD, make_user
from bereik.signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _lock(client, username, settings, **extra):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "wrong-guess", **extra)


def test_the_beheerder_sees_the_locked_account_and_unlocks_it(
    client, login, mw, beheerder, settings
):
    _lock(client, "mia", settings)
    sign_in(client, "Zomer2026!", "whatever")  # never shown: it may be a password
    assert sign_in(client, "mia", PASSWORD).status_code == 429

    page = login(beheerder).get(reverse("signin:admin"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mia Test" in text and "geblokkeerd tot" in text
    assert "Zomer2026!" not in text
    assert "1 mislukte poging met een gebruikersnaam die geen account is" in text

    response = client.post(reverse("signin:admin_unlock"), {"user": mw.pk}, follow=True)
    assert "Mia Test kan weer aanmelden." in response.content.decode()
    event = AuditEvent.objects.get(action="signin.unlock")
    assert event.actor == beheerder and event.object_id == str(mw.pk)
    assert event.details["attempts"] >= 1

    client.post(reverse("logout"))
    assert sign_in(client, "mia", PASSWORD).status_code == 302


def test_the_beheerder_unlocks_an_address(client, login, mw, beheerder, settings):
    settings.BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT = 5
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong-guess", REMOTE_ADDR="203.0.113.5")
    assert sign_in(client, "mia", PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429

    admin = login(beheerder)
    assert "203.0.113.5" in admin.get(reverse("signin:admin")).content.decode()
    admin.post(reverse("signin:admin_unlock"), {"address": "203.0.113.5"})
    event = AuditEvent.objects.get(action="signin.unlock")
    assert event.details == {"address": "203.0.113.5", "attempts": 5}
    admin.post(reverse("logout"))
    assert sign_in(client, "mia", PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302


@pytest.mark.parametrize("persona", ["mw", "onthaal", "diensthoofd", "preventiewerker"])
def test_only_the_beheerder_may_unlock(request, login, persona, mw, settings, client):
    _lock(client, "mia", settings)
    user = request.getfixturevalue(persona)
    browser = login(user)
    assert browser.get(reverse("signin:admin")).status_code == 403
    assert browser.post(reverse("signin:admin_unlock"), {"user": mw.pk}).status_code == 403
    assert not AuditEvent.objects.filter(action="signin.unlock").exists()


@pytest.mark.parametrize(
    "data", [{}, {"user": "abc"}, {"user": "99999"}, {"address": "not-an-address"}]
)
def test_a_strange_unlock_request_is_refused_in_dutch(login, beheerder, data):
    response = login(beheerder).post(reverse("signin:admin_unlock"), data, follow=True)
    assert response.status_code == 200
    assert "Kies een account of een adres om vrij te geven." in response.content.decode()
    assert not AuditEvent.objects.filter(action="signin.unlock").exists()


def test_unlocking_needs_a_post(login, beheerder, mw):
    assert login(beheerder).get(reverse("signin:admin_unlock")).status_code == 405


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_many_rows(login, beheerder):
    stranger = Client()
    for number in range(8):
        make_user(f"user{number}", ["maatschappelijk_werker"])
        if number < 2:
            sign_in(stranger, f"user{number}", "wrong-guess")
    admin = login(beheerder)
    url = reverse("signin:admin")
    few = _queries(admin, url)
    assert "User0 Test" in admin.get(url).content.decode()
    for number in range(2, 8):
        sign_in(stranger, f"user{number}", "wrong-guess", REMOTE_ADDR=f"192.0.2.{number}")
    assert "User7 Test" in admin.get(url).content.decode()
    assert _queries(admin, url) == few
