"""Reads for the Beheer page: who is locked out, and who set a second factor up."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bereik.accounts.models import User


@dataclass(frozen=True)
class Blocked:
    """Failed sign-ins still counted against an account or an address."""

    failures: int
    last: datetime
    locked: bool
    user: User | None = None
    address: str = ""
    accounts: int = 0

    @property
    def until(self) -> datetime:
        return self.last + settings.AXES_COOLOFF_TIME


def _window():
    return AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )


def accounts_with_failures() -> tuple[list[Blocked], int]:
    """Accounts with failed sign-ins in the lockout window, most failures first, and the number
    of failures under names that are no account (never shown: they may be typed passwords)."""
    rows = (
        _window()
        .exclude(username=None)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    by_name = {row["username"]: row for row in rows}
    users = {u.username: u for u in User.objects.filter(username__in=list(by_name))}
    limit = settings.AXES_FAILURE_LIMIT
    found = [
        Blocked(row["failures"], row["last"], row["failures"] >= limit, user=users[name])
        for name, row in by_name.items()
        if name in users
    ]
    unknown = sum(row["failures"] for name, row in by_name.items() if name not in users)
    found.sort(key=lambda item: (-item.failures, item.user.username))
    return found, unknown


def addresses_with_failures() -> list[Blocked]:
    rows = (
        _window()
        .exclude(ip_address=None)
        .values("ip_address")
        .annotate(
            failures=Sum("failures_since_start"),
            last=Max("attempt_time"),
            accounts=Count("username", distinct=True),
        )
        .order_by("-failures", "ip_address")
    )
    limit = settings.BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT
    return [
        Blocked(
            row["failures"],
            row["last"],
            row["failures"] >= limit,
            address=row["ip_address"],
            accounts=row["accounts"],
        )
        for row in rows
    ]


def users_with_second_factor(search: str = ""):
    """Active users with when they set their app up (None: not yet) and their recovery codes
    left, in one query."""
    apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    codes_left = (
        StaticToken.objects.filter(device__user=OuterRef("pk"), device__confirmed=True)
        .values("device__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    users = User.objects.filter(is_active=True).annotate(
        enrolled=Exists(apps),
        enrolled_at=Subquery(apps.order_by("-created_at").values("created_at")[:1]),
        last_used=Subquery(apps.order_by("-last_used_at").values("last_used_at")[:1]),
        codes_left=Coalesce(Subquery(codes_left), 0),
    )
    if search:
        users = users.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(username__icontains=search)
        )
    return users.order_by("first_name", "last_name", "pk")
