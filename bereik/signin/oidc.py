"""Sign-in through the organisation's identity provider (OpenID Connect, mozilla-django-oidc),
when BEREIK_OIDC is on. The provider says who the person is; Bereik's own account (roles, teams,
active or not) is found by e-mail address or by BEREIK_OIDC_USERNAME_CLAIM, never created."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from bereik.accounts.backends import signed_in_user
from bereik.accounts.models import User
from bereik.signin import entry, rules

logger = logging.getLogger(__name__)


class Backend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        active = User.objects.filter(is_active=True)
        claim = settings.BEREIK_OIDC_USERNAME_CLAIM
        if claim:
            value = claims.get(claim)
            return active.filter(username=value) if value else active.none()
        email = claims.get("email")
        return active.filter(email__iexact=email) if email else active.none()

    def verify_claims(self, claims):
        claim = settings.BEREIK_OIDC_USERNAME_CLAIM or "email"
        return bool(claims.get(claim))

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            # The ID token: for us (audience) and from our provider (issuer), which the library
            # leaves to the application.
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if settings.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("ID token for another client")
            if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
                raise SuspiciousOperation("ID token from another issuer")
        return payload

    def get_user(self, user_id):
        # The library's reads any user, a deactivated one too: their session would outlive
        # the deactivation.
        return signed_in_user(user_id)

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except (
            SuspiciousOperation,
            jwt.PyJWTError,
            requests.RequestException,
            ValueError,
            KeyError,
        ) as error:
            # A refused or unreachable provider is a failed sign-in, told in Dutch, never a 500.
            logger.warning("OpenID Connect sign-in refused: %s", type(error).__name__)
            return None


def _enabled_or_404():
    if not rules.oidc_enabled():
        raise Http404


def start(request):
    """To the provider's sign-in page."""
    _enabled_or_404()
    return OIDCAuthenticationRequestView.as_view()(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: signed in, or the login page with a Dutch message."""

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Aanmelden via je organisatie lukte niet. Heb je een account in Bereik met "
                "hetzelfde e-mailadres? Vraag het anders aan de functioneel beheerder."
            ),
        )
        return redirect(settings.LOGIN_URL)

    def login_success(self):
        response = super().login_success()
        entry.signed_in(self.request, self.user, method=entry.OIDC)
        return response

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:
            # An answer for a sign-in this browser did not start (or started twice).
            return self.login_failure()


def callback(request):
    _enabled_or_404()
    return CallbackView.as_view()(request)
