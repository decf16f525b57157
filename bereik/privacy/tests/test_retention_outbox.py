"""Retention and the outbox: a mail about an erased dossier that was not sent yet (queued, waiting
for a new attempt, failed, stuck while sending) is cancelled: the worker, the sweeper and the
beheerder's "Opnieuw versturen" never send it, and the outbox shows it as cancelled, in Dutch. A
mail that was sent keeps its date, status and addressee and loses its text. Under frozen time."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from bereik.accounts import actions as accounts_actions
from bereik.accounts import delivery
from bereik.accounts.models import Mail, Notification
from bereik.accounts.tasks import send_mail_task
from bereik.dossiers.personal import MAIL_ERASED
from bereik.privacy.actions import retention_apply
from bereik.privacy.tests.test_retention import CLOSED, _closed_dossier, closed  # noqa: F401

AFTER = CLOSED + datetime.timedelta(days=5 * 365 + 2)


@pytest.fixture
def dossier(closed):  # noqa: F811
    """A closed dossier that retention erases at AFTER."""
    return closed


def _mail_about(dossier, user, status: str) -> Mail:
    with time_machine.travel(CLOSED - datetime.timedelta(days=10), tick=False):
        notification = accounts_actions.notify(
            user, f"Termijn {dossier.number}", kind=Notification.Kind.ASSIGNED, dossier=dossier
        )
    Mail.objects.filter(pk=notification.mail_id).update(status=status)
    return Mail.objects.get(pk=notification.mail_id)


def test_a_mail_not_sent_yet_is_cancelled_and_never_sent(dossier, mw, mailoutbox):
    waiting = {
        status: _mail_about(dossier, mw, status)
        for status in (
            Mail.Status.QUEUED,
            Mail.Status.RETRY,
            Mail.Status.SENDING,
            Mail.Status.FAILED,
        )
    }
    sent = _mail_about(dossier, mw, Mail.Status.SENT)
    unrelated = Mail.objects.create(user=mw, to=mw.email, subject="Bereik", body="Iets anders")

    with time_machine.travel(AFTER, tick=False):
        result = retention_apply()

    for mail in waiting.values():
        mail.refresh_from_db()
        assert mail.status == Mail.Status.CANCELLED and mail.body == MAIL_ERASED
        assert mail.next_attempt_at is None and mail.sent_at is None
    sent.refresh_from_db()
    assert sent.status == Mail.Status.SENT and sent.body == MAIL_ERASED
    unrelated.refresh_from_db()
    assert unrelated.status == Mail.Status.QUEUED and unrelated.body == "Iets anders"
    assert result.counts["mails"] == 5 and result.counts["mails_cancelled"] == 4

    # The worker and the cron sweeper skip them; only the unrelated mail leaves.
    with time_machine.travel(AFTER + datetime.timedelta(days=1), tick=False):
        for mail in waiting.values():
            send_mail_task.enqueue(mail.pk)
            assert delivery.deliver(mail.pk) is None
        call_command("send_queued_mail")
    assert [message.body for message in mailoutbox] == ["Iets anders"]
    assert set(
        Mail.objects.filter(pk__in=[m.pk for m in waiting.values()]).values_list(
            "status", flat=True
        )
    ) == {Mail.Status.CANCELLED}


def test_a_mail_cancelled_while_a_worker_had_claimed_it_is_not_sent(
    dossier,
    mw,
    mailoutbox,
    monkeypatch,
):
    mail = _mail_about(dossier, mw, Mail.Status.QUEUED)
    claim = delivery._claim

    def claim_then_retention(mail_id, now):
        claimed = claim(mail_id, now)
        retention_apply()  # between the worker's claim and its read of the mail
        return claimed

    monkeypatch.setattr(delivery, "_claim", claim_then_retention)
    with time_machine.travel(AFTER, tick=False):
        assert delivery.deliver(mail.pk) is None
    assert not mailoutbox
    mail.refresh_from_db()
    assert mail.status == Mail.Status.CANCELLED


def test_the_outbox_shows_the_cancelled_mail_in_dutch_and_offers_no_retry(
    dossier,
    mw,
    login,
    beheerder,
):
    mail = _mail_about(dossier, mw, Mail.Status.FAILED)
    with time_machine.travel(AFTER, tick=False):
        retention_apply()
    browser = login(beheerder)

    listing = browser.get(reverse("accounts:outbox")).content.decode()
    assert "Geannuleerd" in listing
    filtered = browser.get(reverse("accounts:outbox") + f"?status={Mail.Status.CANCELLED}")
    assert reverse("accounts:outbox_mail", args=[mail.pk]) in filtered.content.decode()
    problems = browser.get(reverse("accounts:outbox") + "?status=problemen").content.decode()
    assert reverse("accounts:outbox_mail", args=[mail.pk]) not in problems
    page = browser.get(reverse("accounts:outbox_mail", args=[mail.pk])).content.decode()
    assert "Geannuleerd" in page and "bewaartermijn" in page
    assert reverse("accounts:outbox_retry", args=[mail.pk]) not in page

    browser.post(reverse("accounts:outbox_retry", args=[mail.pk]))
    mail.refresh_from_db()
    assert mail.status == Mail.Status.CANCELLED
