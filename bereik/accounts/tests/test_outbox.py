"""The outbox: every notification mail is stored, then sent by the task worker after the action
that caused it; a failing mail server never breaks that action, and the mail is tried again
with backoff, then shown to the beheerder as failed."""

import datetime
import smtplib

import pytest
from django.core import mail as django_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bereik.accounts import actions, delivery
from bereik.accounts.models import Mail, Notification
from bereik.dossiers.tests.factories import DossierFactory

Kind = Notification.Kind
FAILING = "bereik.accounts.tests.test_outbox.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_waits_in_the_outbox_until_the_action_is_committed(
    mw, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = actions.notify(mw, "Dossier X toegewezen", kind=Kind.ASSIGNED)
    queued = Mail.objects.get()
    assert queued.status == Mail.Status.QUEUED and queued.to == mw.email
    assert notification.mail == queued and not mailoutbox

    for callback in callbacks:
        callback()  # the worker (immediate in tests)

    queued.refresh_from_db()
    assert queued.status == Mail.Status.SENT and queued.sent_at and queued.attempts == 1
    (message,) = mailoutbox
    assert message.to == [mw.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/accounts/meldingen/afmelden/" in message.extra_headers["List-Unsubscribe"]


def test_a_failing_mail_server_leaves_the_assignment_done_and_the_mail_retried(
    login, onthaal, mw, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    dossier = DossierFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(onthaal).post(
            reverse("triage:assign", args=[dossier.pk]),
            {"assign-worker": mw.pk, "assign-reason": "Vaste cliënt"},
        )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.assigned_to == mw
    queued = Mail.objects.get(user=mw)
    assert queued.status == Mail.Status.RETRY
    assert queued.attempts == 1
    assert "SMTPServerDisconnected" in queued.last_error
    assert queued.next_attempt_at > timezone.now()


def test_retries_back_off_and_then_give_up(mw, settings):
    settings.EMAIL_BACKEND = FAILING
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    queued = Mail.objects.get()
    now = timezone.now()
    waits = []
    for _attempt in range(delivery.MAX_ATTEMPTS):
        next_at = delivery.deliver(queued.pk)
        queued.refresh_from_db()
        if next_at:
            waits.append(round((next_at - timezone.now()).total_seconds() / 60))
            Mail.objects.filter(pk=queued.pk).update(next_attempt_at=now)  # time passes
    assert waits == [1, 5, 30, 120]
    assert queued.status == Mail.Status.FAILED and queued.attempts == delivery.MAX_ATTEMPTS


def test_a_retry_is_not_sent_before_its_time(mw, settings, mailoutbox):
    settings.EMAIL_BACKEND = FAILING
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    queued = Mail.objects.get()
    delivery.deliver(queued.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert actions.mails_send_due() == 0  # not yet
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert actions.mails_send_due(now=later) == 1
    queued.refresh_from_db()
    assert queued.status == Mail.Status.RETRY  # deliver() checks the real clock


def test_the_sweeper_sends_what_the_worker_left(mw, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)

    call_command("send_queued_mail")
    assert Mail.objects.get().status == Mail.Status.SENT
    assert len(mailoutbox) == 1
    call_command("send_queued_mail")
    assert len(mailoutbox) == 1  # nothing twice


def test_a_mail_to_a_user_who_left_is_not_sent(mw, mailoutbox):
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    mw.is_active = False
    mw.save()
    delivery.deliver(Mail.objects.get().pk)
    assert Mail.objects.get().status == Mail.Status.FAILED and not mailoutbox


def test_queue_only_keeps_mails_for_later(mw, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), actions.queue_only():
        actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    assert Mail.objects.get().status == Mail.Status.QUEUED and not mailoutbox


@pytest.fixture
def failed_mail(mw, settings):
    settings.EMAIL_BACKEND = FAILING
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    queued = Mail.objects.get()
    Mail.objects.filter(pk=queued.pk).update(attempts=delivery.MAX_ATTEMPTS - 1)
    delivery.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.status == Mail.Status.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return queued


def test_the_beheerder_sees_failed_mails_and_sends_them_again(
    login, beheerder, failed_mail, django_capture_on_commit_callbacks
):
    client = login(beheerder)
    home = client.get(reverse("home")).content.decode()
    assert "1 e-mail is niet vertrokken" in home
    listing = client.get(reverse("accounts:outbox") + "?status=problemen").content.decode()
    assert failed_mail.subject in listing and "Mislukt" in listing
    page = client.get(reverse("accounts:outbox_mail", args=[failed_mail.pk])).content.decode()
    assert failed_mail.body.splitlines()[0] in page and "SMTPServerDisconnected" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:outbox_retry", args=[failed_mail.pk]))

    failed_mail.refresh_from_db()
    assert failed_mail.status == Mail.Status.SENT
    assert len(django_mail.outbox) == 1


def test_the_outbox_pages_are_for_the_beheerder_only(login, mw, failed_mail):
    client = login(mw)
    for url in (
        reverse("accounts:outbox"),
        reverse("accounts:outbox_mail", args=[failed_mail.pk]),
        reverse("accounts:notification_defaults"),
        reverse("accounts:background_tasks"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("accounts:outbox_retry", args=[failed_mail.pk])).status_code == 403


def test_the_outbox_list_runs_a_fixed_number_of_queries(
    login, beheerder, mw, mw_other, django_assert_max_num_queries
):
    for user in (mw, mw_other) * 10:
        actions.notify(user, "Toegewezen", kind=Kind.ASSIGNED)
    client = login(beheerder)
    client.get(reverse("accounts:outbox"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("accounts:outbox")).status_code == 200


def test_the_demo_says_that_no_mail_leaves_the_machine(login, beheerder, mw, settings):
    settings.DEMO = True
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    text = login(beheerder).get(reverse("accounts:outbox")).content.decode()
    assert "e-mails verlaten deze computer niet" in text
