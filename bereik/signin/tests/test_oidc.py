"""Sign-in through the organisation's identity provider (OpenID Connect), against a fake provider
whose endpoints answer from this test (no network)."""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from bereik.audit.models import AuditEvent
from bereik.signin import session
from bereik.signin.tests.conftest import app_code, enrol

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.example.org"
CLIENT_ID = "bereik-test"


class FakeProvider:
    """Authorization, token, userinfo and JWKS endpoints of an OpenID Connect provider."""

    def __init__(self, mocked):
        self.mocked = mocked
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = {"email": "mia@example.org", "sub": "mia-123"}
        self.id_token_extra = {}
        self.token_status = 200
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        mocked.add(
            responses.GET,
            f"{ISSUER}/jwks",
            json={"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]},
        )
        mocked.add_callback(responses.POST, f"{ISSUER}/token", callback=self._token)
        mocked.add_callback(responses.GET, f"{ISSUER}/userinfo", callback=self._userinfo)

    def sign(self, payload):
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": "k1"})

    def _token(self, request):
        if self.token_status != 200:
            return self.token_status, {}, json.dumps({"error": "server_error"})
        body = parse_qs(request.body)
        assert body["client_id"] == [CLIENT_ID] and body["code"] == ["the-code"]
        assert body["code_verifier"]  # PKCE
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": self.claims["sub"],
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce,
            **self.id_token_extra,
        }
        answer = {"access_token": "access", "id_token": self.sign(payload), "token_type": "Bearer"}
        return 200, {}, json.dumps(answer)

    def _userinfo(self, request):
        assert request.headers["Authorization"] == "Bearer access"
        return 200, {"Content-Type": "application/json"}, json.dumps(self.claims)

    def sign_in(self, client, next_url=""):
        """The browser's trip: Bereik → provider (the person signs in there) → Bereik."""
        start = client.get(reverse("signin:oidc_start") + (f"?next={next_url}" if next_url else ""))
        assert start.status_code == 302
        location = urlparse(start["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/authorize"
        params = parse_qs(location.query)
        assert params["client_id"] == [CLIENT_ID]
        assert params["redirect_uri"] == ["http://testserver/aanmelden/oidc/terug/"]
        self.nonce = params["nonce"][0]
        return client.get(
            reverse("signin:oidc_callback"), {"code": "the-code", "state": params["state"][0]}
        )


@pytest.fixture
def oidc_on(settings):
    settings.BEREIK_OIDC = True
    settings.BEREIK_OIDC_LABEL = "Aanmelden met Gemeente-ID"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "bereik.signin.oidc.Backend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"  # noqa: S105 - the fake provider's
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ISSUER}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/jwks"
    return settings


@pytest.fixture
def provider(oidc_on):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        yield FakeProvider(mocked)


def test_it_is_off_by_default(client):
    assert client.get(reverse("signin:oidc_start")).status_code == 404
    assert client.get(reverse("signin:oidc_callback")).status_code == 404
    assert "oidc" not in client.get(reverse("login")).content.decode()


def test_the_login_page_offers_it_when_on(client, oidc_on):
    text = client.get(reverse("login")).content.decode()
    assert "Aanmelden met Gemeente-ID" in text
    assert reverse("signin:oidc_start") in text


def test_a_known_person_is_signed_in(client, mw, provider):
    response = provider.sign_in(client, next_url="/dossiers/lijsten/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/dossiers/lijsten/mijn/"
    assert client.session["_auth_user_id"] == str(mw.pk)
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(action="signin.login")
    assert event.actor == mw
    assert event.details["method"] == "oidc"


def test_the_second_factor_is_still_asked_unless_the_provider_asks_it(client, mw, provider, mfa_on):
    provider.sign_in(client)
    assert client.get(reverse("home"))["Location"].startswith(reverse("signin:verify"))


def test_the_provider_may_be_trusted_with_the_second_factor(client, mw, provider, mfa_on):
    mfa_on.BEREIK_OIDC_PROVIDER_MFA = True
    provider.sign_in(client)
    assert client.get(reverse("home")).status_code == 200
    assert client.session[session.SECOND_FACTOR] == session.DONE


def test_an_app_set_up_in_bereik_is_asked_after_the_provider(client, mw, provider, mfa_on):
    provider.sign_in(client)
    key = enrol(client)
    client.post(reverse("logout"))
    provider.sign_in(client)
    assert client.get(reverse("home"))["Location"].startswith(reverse("signin:verify"))
    client.post(reverse("signin:verify"), {"code": app_code(key, offset=30)})
    assert client.get(reverse("home")).status_code == 200


def test_an_unknown_person_gets_no_account(client, provider):
    provider.claims = {"email": "stranger@example.org", "sub": "x"}
    response = provider.sign_in(client)
    assert response["Location"] == "/login/"
    page = client.get(response["Location"])
    assert "Aanmelden via je organisatie lukte niet" in page.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="signin.failed")
    assert event.details["method"] == "oidc" and event.actor is None
    assert "stranger" not in json.dumps(event.details)


def test_an_inactive_account_is_refused(client, mw, provider):
    mw.is_active = False
    mw.save()
    provider.sign_in(client)
    assert "_auth_user_id" not in client.session


def test_people_can_be_matched_by_username_instead(client, mw, provider, oidc_on):
    oidc_on.BEREIK_OIDC_USERNAME_CLAIM = "preferred_username"
    provider.claims = {"preferred_username": "mia", "email": "other@example.org", "sub": "m"}
    provider.sign_in(client)
    assert client.session["_auth_user_id"] == str(mw.pk)


@pytest.mark.parametrize(
    "extra",
    [
        {"aud": "another-client"},
        {"iss": "https://evil.example.org"},
        {"exp": int(time.time()) - 3600},
        {"nonce": "replayed"},
    ],
    ids=["audience", "issuer", "expired", "nonce"],
)
def test_a_token_not_meant_for_us_is_refused(client, mw, provider, extra):
    provider.id_token_extra = extra
    response = provider.sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session


def test_a_provider_that_fails_gives_a_dutch_message_not_an_error(client, mw, provider):
    provider.token_status = 500
    response = provider.sign_in(client)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Aanmelden via je organisatie lukte niet" in page.content.decode()


def test_a_return_this_browser_did_not_start_is_refused(client, mw, oidc_on):
    response = client.get(reverse("signin:oidc_callback"), {"code": "x", "state": "unknown"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
