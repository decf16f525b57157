import time
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from bereik.conftest import PASSWORD
from bereik.signin import session


@pytest.fixture
def mfa_on(settings):
    """Production's rule: a second factor for every role that sees personal data."""
    settings.BEREIK_MFA_REQUIRED = True
    return settings


def sign_in(client, username, password=PASSWORD, *, follow=False, next_url="", **extra):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, follow=follow, **extra)


def app_code(key: str, *, offset: int = 0) -> str:
    """The code an authenticator app with secret `key` shows now (or `offset` seconds later)."""
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def enrol(client, *, offset: int = 0):
    """Go through the enrolment page as a person with an app would; gives the app's secret."""
    client.get(reverse("signin:enrol"))
    key = client.session[session.NEW_KEY]
    response = client.post(reverse("signin:enrol"), {"code": app_code(key, offset=offset)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return key


@pytest.fixture
def login_verified(login):
    """`login(user)` with the second factor already given (for pages behind it)."""

    def do_login(user):
        client = login(user)
        store = client.session
        store[session.SECOND_FACTOR] = session.DONE
        store.save()
        return client

    return do_login
