"""django-axes, as Bereik uses it: a limit per account and a larger one per address, and the
client's address behind a proxy (ADR 0019).

Axes records every failed sign-in in `AccessAttempt` (per username, address and browser) and
refuses a sign-in, before the password is even checked, while the account or the address is
over its limit within AXES_COOLOFF_TIME. Its rows are kept only that long.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """The client's address. Behind BEREIK_PROXY_COUNT proxies, the entry of X-Forwarded-For that
    the outermost of our proxies wrote (entries further left can be made up by the client)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.BEREIK_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= count:
            candidate = entries[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def account_failures(username, since) -> int:
    if not username:
        return 0
    return _failures(AccessAttempt.objects.filter(username=username, attempt_time__gte=since))


def address_failures(address, since) -> int:
    if not address:
        return 0
    return _failures(AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since))


class Handler(AxesDatabaseHandler):
    """Axes compares one number with AXES_FAILURE_LIMIT (the account's limit). An address is
    locked at its own, larger limit (BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT: an office signs in from
    one address), so past that limit it counts as at the account's limit."""

    def get_failures(self, request, credentials=None) -> int:
        since = get_cool_off_threshold(request)
        account = account_failures(get_client_username(request, credentials), since)
        address = address_failures(request.axes_ip_address, since)
        if address >= settings.BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account
