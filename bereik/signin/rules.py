"""What sign-in asks of a user. Decisions only; the writes are in `actions.py`."""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bereik.accounts import roles


def second_factor_required(user) -> bool:
    """The installation requires a second factor (BEREIK_MFA_REQUIRED, on in production) and the
    user sees personal data: every role, and the staff of the Django admin."""
    if not settings.BEREIK_MFA_REQUIRED or not roles.signed_in(user):
        return False
    return user.is_staff or user.is_superuser or roles.sees_personal_data(user)


def is_enrolled(user) -> bool:
    """The user set an authenticator app up (and proved it with a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_asked(user) -> bool:
    """Asked at sign-in when required, and always once the user has set an app up (also where
    it is not required, as in the demo)."""
    return second_factor_required(user) or is_enrolled(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def oidc_enabled() -> bool:
    return settings.BEREIK_OIDC
