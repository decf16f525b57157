"""Repeated failed sign-ins lock the account (and the address), even for the right password."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.conftest import PASSWORD, make_user
from bereik.signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "Te veel mislukte aanmeldpogingen"


def test_the_31st_try_is_refused_even_with_the_right_password(client, mw):
    for _ in range(30):
        response = sign_in(client, "mia", "wrong-guess")
        assert response.status_code in (200, 429)
    response = sign_in(client, "mia", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert LOCKED_TEXT in text
    assert "vraag de functioneel beheerder om de blokkering op te heffen" in text
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_the_lock_starts_at_the_limit_and_says_so_in_dutch(client, mw, settings):
    for number in range(1, settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "mia", "wrong-guess")
        assert response.status_code == 200, number
        assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()
    response = sign_in(client, "mia", "wrong-guess")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert 'lang="nl-BE"' in response.content.decode()


def test_an_account_locked_from_one_address_is_locked_from_every_address(client, mw, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "mia", "wrong-guess", REMOTE_ADDR="192.0.2.10")
    response = sign_in(client, "mia", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429


def test_others_at_the_same_address_still_sign_in_below_the_address_limit(client, mw, onthaal):
    for _ in range(12):
        sign_in(client, "mia", "wrong-guess")
    response = sign_in(client, "olga", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(onthaal.pk)


def test_an_address_trying_many_accounts_is_locked_at_its_own_limit(client, mw, settings):
    settings.BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    for number in range(20):
        sign_in(client, f"guess{number}", "wrong-guess", REMOTE_ADDR="203.0.113.5")
    refused = sign_in(client, "mia", PASSWORD, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    elsewhere = sign_in(client, "mia", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302


def test_the_lock_ends_by_itself_after_the_lockout_period(client, mw, settings):
    start = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "mia", "wrong-guess")
        assert sign_in(client, "mia", PASSWORD).status_code == 429
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)):
        assert sign_in(client, "mia", PASSWORD).status_code == 429
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=2)):
        assert sign_in(client, "mia", PASSWORD).status_code == 302


def test_failures_and_the_lockout_are_in_the_audit_trail_without_secrets(client, mw, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "mia", "Mijn-Geheim-1")
    sign_in(client, "mia", PASSWORD)
    sign_in(client, "Zomer2026!", "whatever")  # a password typed in the username field

    failed = AuditEvent.objects.filter(action="signin.failed", object_id=str(mw.pk))
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    assert failed.filter(actor=None).count() == failed.count()
    assert failed.filter(details__refused="locked").count() == 1
    assert failed.first().details["address"] == "127.0.0.1"
    lockout = AuditEvent.objects.get(action="signin.lockout")
    assert lockout.object_id == str(mw.pk)
    assert lockout.details["failures"] == settings.AXES_FAILURE_LIMIT
    unknown = AuditEvent.objects.get(action="signin.failed", details__known_account=False)
    assert unknown.object_id == ""

    dumped = " ".join(
        f"{e.object_repr} {e.subject_label} {e.purpose} {e.details}"
        for e in AuditEvent.objects.all()
    )
    for secret in ("Mijn-Geheim-1", PASSWORD, "Zomer2026!", "whatever"):
        assert secret not in dumped


def test_a_successful_sign_in_is_in_the_audit_trail(client, mw):
    response = sign_in(client, "mia", PASSWORD)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="signin.login")
    assert event.actor == mw
    assert event.details == {"address": "127.0.0.1", "method": "password", "second_factor": False}


def test_signing_out_is_in_the_audit_trail(client, mw):
    sign_in(client, "mia", PASSWORD)
    client.post(reverse("logout"))
    event = AuditEvent.objects.get(action="signin.logout")
    assert event.actor == mw
    assert event.details["reason"] == "user"


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, settings):
    settings.BEREIK_PROXY_COUNT = 1
    make_user("piet", [])
    sign_in(
        client,
        "piet",
        "wrong-guess",
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.23",
    )
    event = AuditEvent.objects.get(action="signin.failed")
    # The left entry was written by the client itself and may be made up.
    assert event.details["address"] == "198.51.100.23"


def test_without_a_proxy_a_forwarded_header_is_ignored(client):
    make_user("piet", [])
    sign_in(client, "piet", "wrong-guess", HTTP_X_FORWARDED_FOR="198.51.100.23")
    assert AuditEvent.objects.get(action="signin.failed").details["address"] == "127.0.0.1"
