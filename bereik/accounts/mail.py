"""What a notification mail says: the subject, the body and the headers, made when the mail is
put in the outbox (`actions.outbox`), so the beheerder reads exactly what was sent.

A mail holds a greeting with the user's first name, the kinds' own sentences (dossier numbers or
counts, never the notification's text: no name, INSZ, amount, note or social report), links into
Bereik that go through the login (`/accounts/meldingen/<id>/` opens the dossier at the right
section once signed in) and a one-click unsubscribe link per kind, signed
(`django.core.signing`), that needs no login.
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bereik.accounts import notifications

UNSUBSCRIBE_SALT = "bereik.accounts.unsubscribe"
# The unsubscribe token for every kind the user gets in the daily overview (the overview's
# List-Unsubscribe header).
ALL_DIGEST = "dagelijks"


def base_url() -> str:
    """Where Bereik is reached from a mail: BEREIK_BASE_URL, else the first allowed host."""
    configured = getattr(settings, "BEREIK_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    hosts = [host for host in settings.ALLOWED_HOSTS if host and host != "*"]
    if hosts and not settings.DEBUG:
        return f"https://{hosts[0].lstrip('.')}"
    return "http://127.0.0.1:8000"


def absolute(path: str) -> str:
    return base_url() + path


def unsubscribe_token(user_pk: int, kind: str) -> str:
    return signing.dumps({"u": user_pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) of a genuine token, else None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_pk, kind = data.get("u"), data.get("k")
    if not isinstance(user_pk, int) or (kind not in notifications.KINDS and kind != ALL_DIGEST):
        return None
    return user_pk, kind


def unsubscribe_url(user, kind: str) -> str:
    return absolute(reverse("accounts:unsubscribe", args=[unsubscribe_token(user.pk, kind)]))


def _headers(unsubscribe: str) -> dict:
    # RFC 8058: a mail program offers the one-click unsubscribe and POSTs to the link itself.
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def _line(notification) -> dict:
    return {
        "text": notification.mail_text,
        "url": absolute(reverse("accounts:notification_open", args=[notification.pk])),
    }


def compose(user, kind: str, items: list) -> dict:
    """The mail for one or more notifications of one kind, sent at once."""
    kind_info = notifications.info(kind)
    subject = _("Bereik: %(kind)s") % {"kind": kind_info.label}
    if len(items) > 1:
        subject += f" ({len(items)})"
    unsubscribe = unsubscribe_url(user, kind)
    body = render_to_string(
        "accounts/mail/notification.txt",
        {
            "user": user,
            "kind": kind_info,
            "lines": [_line(item) for item in items],
            "unsubscribe": unsubscribe,
            "settings_url": absolute(reverse("accounts:notification_settings")),
        },
    )
    return {"subject": subject, "body": body, "headers": _headers(unsubscribe)}


def compose_digest(user, items: list, day) -> dict:
    """The daily overview: the unread notifications of the kinds the user gets that way, by
    kind in the order of the list."""
    groups = []
    for kind, kind_info in notifications.KINDS.items():
        lines = [_line(item) for item in items if item.kind == kind]
        if lines:
            groups.append(
                {"kind": kind_info, "lines": lines, "unsubscribe": unsubscribe_url(user, kind)}
            )
    day_text = date_format(day, "d/m/Y")
    subject = _("Bereik: je overzicht van %(day)s (%(count)d)") % {
        "day": day_text,
        "count": len(items),
    }
    unsubscribe = unsubscribe_url(user, ALL_DIGEST)
    body = render_to_string(
        "accounts/mail/digest.txt",
        {
            "user": user,
            "day": day_text,
            "count": len(items),
            "groups": groups,
            "list_url": absolute(reverse("accounts:notifications")),
            "settings_url": absolute(reverse("accounts:notification_settings")),
            "unsubscribe_all": unsubscribe,
        },
    )
    return {"subject": subject, "body": body, "headers": _headers(unsubscribe)}
