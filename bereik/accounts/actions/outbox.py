"""The outbox: every notification mail is stored first (`Mail`), then sent by the task worker
once the action that caused it is committed (`accounts/delivery.py`, `accounts/tasks.py`)."""

import contextlib
import contextvars
import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bereik import audit
from bereik.accounts import delivery
from bereik.accounts.models import Mail, User
from bereik.accounts.tasks import enqueue_mail

# Set while mails are only stored, not handed to the worker (the demo's load, which runs
# without a worker: `make demo` sends them once the worker runs).
_only_queue = contextvars.ContextVar("bereik_mail_only_queue", default=False)


@contextlib.contextmanager
def queue_only():
    """Mails made inside stay in the outbox as queued; `send_queued_mail` sends them."""
    token = _only_queue.set(True)
    try:
        yield
    finally:
        _only_queue.reset(token)


def mail_queue(
    user: User,
    *,
    subject: str,
    body: str,
    headers: dict,
    kind: str = "",
    digest_on: datetime.date | None = None,
) -> Mail:
    """Store a mail for the user and have the worker send it after the current transaction.
    Called inside other actions (their audit event covers it)."""
    mail = Mail.objects.create(
        user=user,
        to=user.email,
        kind=kind,
        digest_on=digest_on,
        subject=subject[:200],
        body=body,
        headers=headers,
    )
    if not _only_queue.get():
        transaction.on_commit(lambda: enqueue_mail(mail.pk))
    return mail


# What has not left the outbox yet (a failed mail can still be sent again by the beheerder).
NOT_SENT = (Mail.Status.QUEUED, Mail.Status.SENDING, Mail.Status.RETRY, Mail.Status.FAILED)


def mails_erase(mails: QuerySet, *, text: str) -> tuple[int, int]:
    """The data these mails were about is erased (retention): their body becomes `text`, and
    those not sent yet are cancelled, so that neither the worker, the sweeper nor "Opnieuw
    versturen" sends them. Called inside the retention run (its audit event covers it).
    Returns (mails whose text went, mails cancelled)."""
    cancelled = mails.filter(status__in=NOT_SENT).update(
        status=Mail.Status.CANCELLED, body=text, next_attempt_at=None
    )
    erased = mails.exclude(body=text).update(body=text)
    return erased + cancelled, cancelled


@transaction.atomic
def mail_retry(mail: Mail, *, actor) -> Mail:
    """The beheerder sends a failed mail again (Beheer → E-mails): four more attempts."""
    mail = Mail.objects.select_for_update().get(pk=mail.pk)
    if not mail.can_retry:
        return mail
    mail.status = Mail.Status.QUEUED
    mail.attempts = 0
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record("mail.retry", actor=actor, obj=mail)
    transaction.on_commit(lambda: enqueue_mail(mail.pk))
    return mail


def mails_send_due(*, enqueue: bool = False, now: datetime.datetime | None = None) -> int:
    """What the outbox still has to send (queued, a retry whose time came, stuck while
    sending): sent here, or with `enqueue` put on the worker's queue. Returns how many."""
    now = now or timezone.now()
    ids = list(
        Mail.objects.filter(delivery.due_q(now)).order_by("created_at").values_list("pk", flat=True)
    )
    for mail_id in ids:
        if enqueue:
            enqueue_mail(mail_id)
        else:
            delivery.deliver(mail_id)
    return len(ids)


@transaction.atomic
def background_task_retry(result, *, actor) -> None:
    """The beheerder runs a failed background task again (Beheer → E-mails en
    achtergrondtaken): queued anew with the same arguments; the failure leaves the list."""
    task = result.task
    args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
    audit.record(
        "task.retry", actor=actor, details={"task": result.task_path, "failed": str(result.pk)}
    )
    result.delete()
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
