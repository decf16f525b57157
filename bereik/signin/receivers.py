"""Django's and django-axes' sign-in signals, handed to the actions (connected in apps.py).

A successful sign-in is recorded by the views that sign people in (the login form, the identity
provider's return), which know how; the signal only starts the session's clocks."""

from bereik.signin import actions, entry, session
from bereik.signin.throttle import client_address


def logged_in(sender, request, user, **kwargs):
    session.start(request)


def login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    actions.signin_failed(
        username=credentials.get("username"),
        address=client_address(request),
        method=entry.PASSWORD if "username" in credentials else entry.OIDC,
        # Axes refused it without checking the password: the account or address was locked.
        while_locked=getattr(request, "axes_locked_out", False)
        and getattr(request, "axes_failures_since_start", None) is None,
    )


def locked_out(sender, request, username, ip_address, **kwargs):
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        # A try while already locked (axes says so again each time): recorded as a failure.
        return
    actions.signin_locked_out(username=username, address=ip_address, failures=failures)


def logged_out(sender, request, user, **kwargs):
    if user is None or request is None:
        return
    reason = getattr(request, "signin_logout_reason", "user")
    actions.signin_ended(user, reason=reason, address=client_address(request), actor=user)
