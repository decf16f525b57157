"""Signed out after 30 minutes without a request, and 8 hours after the sign-in whatever."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.signin.tests.conftest import sign_in

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 16, 8, 0, tzinfo=datetime.UTC)


def test_after_the_idle_timeout_the_login_page_says_why(client, mw):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        assert client.get("/dossiers/lijsten/mijn/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/dossiers/lijsten/mijn/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert (
            client.get("/dossiers/lijsten/mijn/").status_code == 200
        )  # counted from the last request
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get("/dossiers/lijsten/mijn/?status=nieuw", follow=True)
    assert response.redirect_chain[0][0] == "/login/?next=/dossiers/lijsten/mijn/%3Fstatus%3Dnieuw"
    text = response.content.decode()
    assert "Je bent afgemeld omdat je 30 minuten niets deed in Bereik" in text
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="signin.logout")
    assert event.actor == mw and event.details["reason"] == "idle"


def test_the_idle_timeout_is_configurable(client, mw, settings):
    settings.BEREIK_IDLE_TIMEOUT_MINUTES = 10
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        clock.shift(datetime.timedelta(minutes=11))
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_absolute_limit_holds_however_busy_the_user_is(client, mw, settings):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        for _ in range(23):  # a request every 20 minutes: 7 h 40
            clock.shift(datetime.timedelta(minutes=20))
            assert client.get(reverse("home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=21))
        response = client.get(reverse("home"), follow=True)
    assert "Je was 8 uur aangemeld" in response.content.decode()
    event = AuditEvent.objects.get(action="signin.logout")
    assert event.details["reason"] == "expired"


def test_a_form_sent_after_the_timeout_leads_back_to_its_page(client, mw):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        clock.shift(datetime.timedelta(minutes=45))
        response = client.post(
            reverse("accounts:notifications"), HTTP_REFERER="http://testserver/dossiers/"
        )
    assert response["Location"] == "/login/?next=http%3A//testserver/dossiers/"


def test_an_htmx_request_after_the_timeout_reloads_to_the_login_page(client, mw):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        clock.shift(datetime.timedelta(minutes=45))
        response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/login/"


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    # The writes (a "SELECT ... FOR UPDATE" that locks the row before one is not one).
    return len(
        [q for q in queries if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")]
    )


def test_a_page_view_does_not_write_the_session_every_time(client, mw):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "mia")
        client.get(reverse("home"))
        clock.shift(datetime.timedelta(seconds=20))
        first = _session_writes(client)
        clock.shift(datetime.timedelta(seconds=20))
        second = _session_writes(client)
        clock.shift(datetime.timedelta(seconds=61))
        third = _session_writes(client)
    assert [first, second, third] == [0, 0, 1]
