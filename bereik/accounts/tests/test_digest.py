"""The daily overview: one mail per user with the unread notifications of the kinds they get
that way; running it twice sends nothing twice."""

import datetime

from django.core.management import call_command

from bereik.accounts import actions
from bereik.accounts.models import Mail, Notification, NotificationSetting

Kind = Notification.Kind
Delivery = Notification.Delivery


def _digest(user, kind):
    NotificationSetting.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": Delivery.DIGEST}
    )


def test_the_overview_gathers_a_users_unread_notifications_in_one_mail(
    mw, mw_other, mailoutbox, django_capture_on_commit_callbacks
):
    _digest(mw, Kind.ASSIGNED)
    first = actions.notify(mw, "Dossier A toegewezen", kind=Kind.ASSIGNED)
    second = actions.notify(mw, "Termijn van B nadert", kind=Kind.DEADLINE_NEAR)  # digest default
    read = actions.notify(mw, "Al gelezen", kind=Kind.DEADLINE_NEAR)
    actions.notification_mark_read(read, actor=mw)
    app_only = actions.notify(mw, "Bezoek geannuleerd", kind=Kind.VISIT_CANCELLED)
    NotificationSetting.objects.create(user=mw, kind=Kind.VISIT_CANCELLED, delivery=Delivery.APP)
    actions.notify(mw_other, "Termijn van C", kind=Kind.DEADLINE_NEAR)
    assert not Mail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.digests_send() == 2

    overview = Mail.objects.get(user=mw)
    assert overview.digest_on == datetime.date.today() and overview.status == Mail.Status.SENT
    assert set(overview.notifications.all()) == {first, second}
    assert "Dossier aan jou toegewezen (1)" in overview.body
    assert "Termijn nadert, nog niet bereikt (1)" in overview.body
    assert f"/accounts/meldingen/{first.pk}/" in overview.body
    assert "Al gelezen" not in overview.body and app_only.mail is None
    assert len(mailoutbox) == 2


def test_running_it_twice_sends_nothing_twice(mw, mailoutbox, django_capture_on_commit_callbacks):
    actions.notify(mw, "Termijn nadert", kind=Kind.DEADLINE_NEAR)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_digest")
        call_command("notifications_digest")
    assert Mail.objects.count() == 1 and len(mailoutbox) == 1
    # Something new the same day waits for tomorrow's overview.
    actions.notify(mw, "Nog een termijn", kind=Kind.DEADLINE_NEAR)
    assert actions.digests_send() == 0
    assert actions.digests_send(day=datetime.date.today() + datetime.timedelta(days=1)) == 1


def test_a_kind_switched_to_the_app_leaves_the_overview(mw):
    actions.notify(mw, "Termijn nadert", kind=Kind.DEADLINE_NEAR)
    actions.notification_settings_save(mw, {Kind.DEADLINE_NEAR: Delivery.APP}, actor=mw)
    assert actions.digests_send() == 0
    assert not Mail.objects.exists()


def test_a_user_without_email_or_inactive_gets_no_overview(mw, mw_other):
    actions.notify(mw, "Termijn nadert", kind=Kind.DEADLINE_NEAR)
    actions.notify(mw_other, "Termijn nadert", kind=Kind.DEADLINE_NEAR)
    mw.is_active = False
    mw.save()
    mw_other.email = ""
    mw_other.save()
    assert actions.digests_send() == 0
