"""Background work of the accounts: sending the outbox's mails (django-tasks: the worker,
`manage.py db_worker`, in production and in the demo; immediate in tests and development)."""

import logging

from django_tasks import default_task_backend, task

from bereik.accounts import delivery

logger = logging.getLogger(__name__)


@task()
def send_mail_task(mail_id: int) -> str:
    """Send one mail of the outbox. After a failure the next attempt is queued for later, when
    the backend can wait (the database backend can); otherwise `manage.py send_queued_mail`
    (cron) takes it."""
    next_at = delivery.deliver(mail_id)
    if next_at is not None and default_task_backend.supports_defer:
        enqueue_mail(mail_id, run_after=next_at)
    return "retry" if next_at else "done"


def enqueue_mail(mail_id: int, *, run_after=None) -> bool:
    """Put the mail on the worker's queue. When even that fails the mail stays in the outbox,
    where `send_queued_mail` finds it: never an error for whoever caused the mail."""
    try:
        queued = send_mail_task.using(run_after=run_after) if run_after else send_mail_task
        queued.enqueue(mail_id)
    except Exception:  # the outbox keeps the mail; the next sweep sends it
        logger.exception("Mail %s could not be queued", mail_id)
        return False
    return True
