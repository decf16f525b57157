"""The second factor's secrets as people see them: the app's key (as a QR code and as text) and
the recovery codes. No database here; `actions.py` stores what these make."""

import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django_otp.oath import TOTP
from django_otp.util import random_hex

DIGITS = 6
STEP = 30
# Codes of the previous and the next 30 seconds count too (a phone's clock is a little off).
TOLERANCE = 1
RECOVERY_CODES = 10
# Recovery codes: 10 characters without look-alikes (0/o, 1/l/i), shown as two groups of five.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10


def new_key() -> str:
    """A new secret for an authenticator app: 20 random bytes, as hex (django-otp's format)."""
    return random_hex(20)


def key_as_text(key: str) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(key: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    issuer = issuer.replace(":", "")
    params = urlencode(
        {
            "secret": key_as_text(key).replace(" ", ""),
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP,
        }
    )
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?{params}&issuer={quote(issuer)}"


def qr_svg(text: str, *, title: str) -> str:
    """The QR code as inline SVG, drawn here (no image service, no script): black on white."""
    code = segno.make(text, error="m")
    return code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title)


def code_matches(key: str, code: str, *, at: float | None = None) -> int | None:
    """The time step `code` belongs to when it is the app's code now (within TOLERANCE), else
    None. For the enrolment, before there is a device (a device checks its own codes)."""
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    totp = TOTP(unhexlify(key), step=STEP, digits=DIGITS)
    totp.time = time.time() if at is None else at
    if totp.verify(int(code), tolerance=TOLERANCE):
        return totp.t()
    return None


def new_recovery_codes() -> list[str]:
    return [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]


def show_recovery_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalize(code: str) -> str:
    """What the user typed, as stored: no spaces or dashes, lower case."""
    return "".join(ch for ch in code if ch.isalnum()).lower()


def looks_like_app_code(code: str) -> bool:
    return code.isdigit() and len(code) == DIGITS
