"""Sending one mail of the outbox: one attempt, recorded on the mail (`Mail.status`, `attempts`,
`last_error`, `next_attempt_at`). Run by the task worker (`accounts/tasks.py`), which schedules
the next attempt, and by `manage.py send_queued_mail` for what is due.

A failing mail server never reaches the action that made the mail: the mail is sent after that
action's transaction, by the worker, and a failure is kept on the mail and tried again later
(after 1, 5 and 30 minutes and 2 hours), then shown to the beheerder as failed.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from bereik.accounts.models import Mail

logger = logging.getLogger(__name__)

RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A mail claimed by a worker that died while sending is tried again after this.
SENDING_TIMEOUT = datetime.timedelta(minutes=10)


def due_q(now: datetime.datetime) -> Q:
    """Mails to send now: queued, a retry whose time came, or stuck while sending."""
    return Q(status=Mail.Status.QUEUED) | Q(
        status__in=(Mail.Status.RETRY, Mail.Status.SENDING), next_attempt_at__lte=now
    )


def _claim(mail_id: int, now: datetime.datetime) -> bool:
    """Take the mail for this attempt; False when another worker has it or it is not due."""
    claimed = (
        Mail.objects.filter(due_q(now), pk=mail_id)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(
            status=Mail.Status.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + SENDING_TIMEOUT,
        )
    )
    return claimed == 1


def _message(mail: Mail) -> EmailMessage:
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=mail.headers or {},
    )


def deliver(mail_id: int) -> datetime.datetime | None:
    """One attempt to send the mail. Returns when to try again after a failure, else None."""
    now = timezone.now()
    if not _claim(mail_id, now):
        return None
    mail = Mail.objects.select_related("user").get(pk=mail_id)
    if mail.status != Mail.Status.SENDING:
        return None  # cancelled since the claim (what it was about was erased): never sent
    if mail.user is not None and not mail.user.is_active:
        _record_failure(mail, "De gebruiker is niet meer actief.", final=True)
        return None
    try:
        _message(mail).send(fail_silently=False)
    except Exception as exc:  # any failure of the mail server is kept on the mail
        logger.warning(
            "Mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, type(exc).__name__
        )
        error = f"{type(exc).__name__}: {exc}"
        return _record_failure(mail, error, final=mail.attempts >= MAX_ATTEMPTS)
    Mail.objects.filter(pk=mail.pk).update(
        status=Mail.Status.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return None


def _record_failure(mail: Mail, error: str, *, final: bool) -> datetime.datetime | None:
    if final:
        Mail.objects.filter(pk=mail.pk).update(
            status=Mail.Status.FAILED, last_error=error[:500], next_attempt_at=None
        )
        return None
    next_at = timezone.now() + RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1]
    Mail.objects.filter(pk=mail.pk).update(
        status=Mail.Status.RETRY, last_error=error[:500], next_attempt_at=next_at
    )
    return next_at
