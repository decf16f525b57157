"""Sign-in's writes, each with its audit event in the same transaction. Never a password, a code
or a typed username that matches no account (it may be a password typed in the wrong field) in
the details."""

from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bereik import audit
from bereik.accounts.models import User
from bereik.signin import codes

APP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def _account(username) -> User | None:
    if not username:
        return None
    return User.objects.filter(username=username).first()


def _where(address, **details) -> dict:
    return {"address": address or "", **details}


@transaction.atomic
def signin_succeeded(user: User, *, method: str, address, second_factor: bool, actor) -> None:
    """The password (or the identity provider) was accepted; `second_factor`: a code is asked."""
    audit.record(
        "signin.login",
        actor=actor,
        obj=user,
        details=_where(address, method=method, second_factor=second_factor),
    )


@transaction.atomic
def signin_failed(*, username, address, method: str, while_locked: bool, actor=None) -> None:
    user = _account(username)
    details = _where(address, method=method)
    if user is None:
        details["known_account"] = False
    if while_locked:
        details["refused"] = "locked"
    audit.record("signin.failed", actor=None, obj=user, details=details)


@transaction.atomic
def signin_locked_out(*, username, address, failures: int, actor=None) -> None:
    user = _account(username)
    details = _where(address, failures=failures)
    if user is None:
        details["known_account"] = False
    audit.record("signin.lockout", actor=None, obj=user, details=details)


@transaction.atomic
def signin_ended(user: User, *, reason: str, address, actor) -> None:
    """Signed out: by the user ("user"), after the idle timeout ("idle") or at the absolute
    limit of a session ("expired")."""
    audit.record("signin.logout", actor=actor, obj=user, details=_where(address, reason=reason))


@transaction.atomic
def lockout_release(*, user: User | None = None, address: str | None = None, actor) -> int:
    """The beheerder lifts the lock of one account or one address (the failures counted against
    it are forgotten)."""
    if (user is None) == (address is None):
        raise ValueError("release one account or one address")
    if user is not None:
        count = axes_reset(username=user.get_username())
        audit.record("signin.unlock", actor=actor, obj=user, details={"attempts": count})
    else:
        count = axes_reset(ip=address)
        audit.record("signin.unlock", actor=actor, details={"address": address, "attempts": count})
    return count


def _store_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    new = codes.new_recovery_codes()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in new)
    return new


@transaction.atomic
def mfa_enrol(user: User, *, key: str, code: str, actor) -> list[str] | None:
    """Set the authenticator app with secret `key` up once `code` (from the app) proves it. Gives
    the new recovery codes, to be shown once; None when the code is wrong (nothing stored)."""
    step = codes.code_matches(key, codes.normalize(code))
    if step is None:
        audit.record("mfa.failed", actor=actor, obj=user, details={"step": "enrol"})
        return None
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user,
        name=APP_NAME,
        key=key,
        confirmed=True,
        tolerance=codes.TOLERANCE,
        # The code just used cannot be used again.
        last_t=step,
    )
    new = _store_recovery_codes(user)
    audit.record("mfa.enrol", actor=actor, obj=user, details={"recovery_codes": len(new)})
    return new


@dataclass(frozen=True)
class Check:
    ok: bool
    recovery: bool = False
    codes_left: int = 0
    wait_seconds: int = 0


def _wait(device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def mfa_verify(user: User, *, code: str, address, actor) -> Check:
    """Check the second factor: the app's code, or one recovery code (used up). A wrong code
    makes the next try wait longer (django-otp's throttling: 1, 2, 4, ... seconds)."""
    code = codes.normalize(code)
    recovery = not codes.looks_like_app_code(code)
    model = StaticDevice if recovery else TOTPDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        audit.record("mfa.failed", actor=actor, obj=user, details=_where(address, reason="none"))
        return Check(ok=False)
    wait = _wait(device)
    if wait:
        details = _where(address, reason="throttled", recovery=recovery)
        audit.record("mfa.failed", actor=actor, obj=user, details=details)
        return Check(ok=False, wait_seconds=wait)
    if not device.verify_token(code):
        audit.record(
            "mfa.failed", actor=actor, obj=user, details=_where(address, recovery=recovery)
        )
        return Check(ok=False)
    if recovery:
        left = device.token_set.count()
        details = _where(address, codes_left=left)
        audit.record("mfa.recovery_code", actor=actor, obj=user, details=details)
        return Check(ok=True, recovery=True, codes_left=left)
    audit.record("mfa.verify", actor=actor, obj=user, details=_where(address))
    return Check(ok=True)


@transaction.atomic
def mfa_recovery_codes_renew(user: User, *, actor) -> list[str]:
    """New recovery codes for the user's own app; the old ones stop working."""
    new = _store_recovery_codes(user)
    audit.record("mfa.recovery_codes", actor=actor, obj=user, details={"recovery_codes": len(new)})
    return new


@transaction.atomic
def mfa_reset(user: User, *, actor) -> None:
    """The beheerder removes a user's app and recovery codes (a lost or new phone): the user sets
    a new app up at the next sign-in."""
    apps = TOTPDevice.objects.filter(user=user).delete()[0]
    StaticDevice.objects.filter(user=user).delete()
    audit.record("mfa.reset", actor=actor, obj=user, details={"had_app": bool(apps)})
