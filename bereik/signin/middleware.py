"""The session's two limits, and the second factor before anything else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bereik.signin import rules, session
from bereik.signin import seen as seen_later


def _to_login(request):
    """Back to the login page, and then back here (htmx follows with a full page)."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
        return response
    if request.method == "GET":
        return redirect_to_login(request.get_full_path())
    # A form sent after the timeout: back to the page it came from.
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return redirect_to_login(referer)
    return redirect_to_login(reverse("home"))


def _expired_message() -> str:
    hours = f"{settings.SESSION_COOKIE_AGE / 3600:g}".replace(".", ",")
    return _("Je was %(hours)s uur aangemeld. Meld je opnieuw aan om verder te werken.") % {
        "hours": hours
    }


def _idle_message() -> str:
    minutes = settings.BEREIK_IDLE_TIMEOUT_MINUTES
    text = ngettext(
        "Je bent afgemeld omdat je %(minutes)s minuut niets deed in Bereik.",
        "Je bent afgemeld omdat je %(minutes)s minuten niets deed in Bereik.",
        minutes,
    ) % {"minutes": minutes}
    return (
        text + " " + _("Meld je opnieuw aan; niet-opgeslagen wijzigingen moet je opnieuw invoeren.")
    )


class SessionTimeoutMiddleware:
    """Signs out after BEREIK_IDLE_TIMEOUT_MINUTES without a request, and SESSION_COOKIE_AGE
    after the sign-in whatever happened since (the session's cookie alone would be renewed by
    every write). The login page then says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            moment = session.now()
            if session.STARTED not in request.session:
                session.start(request)  # a session from before these limits
            started = request.session[session.STARTED]
            seen = request.session.get(session.SEEN, started)
            if moment - started >= settings.SESSION_COOKIE_AGE:
                return self._sign_out(request, "expired", _expired_message())
            if moment - seen >= settings.BEREIK_IDLE_TIMEOUT_MINUTES * 60:
                return self._sign_out(request, "idle", _idle_message())
            if moment - seen >= session.SEEN_GRANULARITY:
                seen_later.later(request, moment)  # written after the response (ADR 0026)
        elif user is not None and SESSION_KEY in request.session:
            # Signed in, but the account may no longer be used (deactivated or removed): the
            # session ends, so that reactivating the account does not bring it back.
            request.session.flush()
        return self.get_response(request)

    def _sign_out(self, request, reason, message):
        request.signin_logout_reason = reason
        logout(request)
        messages.warning(request, message)
        if request.path == resolve_url(settings.LOGIN_URL):
            return self.get_response(request)
        return _to_login(request)


def second_factor_step(view):
    """Marks a view of the second factor's own step: reachable while the code is still asked,
    and before a temporary password is replaced."""
    view.second_factor_step = True
    view.password_change_not_required = True
    return view


class SecondFactorMiddleware:
    """While the second factor is asked and not given, every page but its own step (and signing
    out) leads to it. The login views mark the session; a session that no login view marked (made
    elsewhere) is asked when the user's roles require it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        state = session.second_factor_state(request)
        if state == session.DONE:
            return None
        if getattr(view_func, "second_factor_step", False) or not getattr(
            view_func, "login_required", True
        ):
            return None
        if state != session.PENDING and not rules.second_factor_required(user):
            return None
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("signin:verify")
            return response
        return redirect_to_login(request.get_full_path(), reverse("signin:verify"))
