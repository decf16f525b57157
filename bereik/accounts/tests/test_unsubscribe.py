"""One click from a mail: the signed link switches that kind to "in the app only", without a
login; a forged or broken link changes nothing."""

from django.urls import reverse

from bereik.accounts import actions, mail
from bereik.accounts.models import Mail, Notification, NotificationSetting

Kind = Notification.Kind
Delivery = Notification.Delivery


def _link(user, kind):
    return reverse("accounts:unsubscribe", args=[mail.unsubscribe_token(user.pk, kind)])


def test_the_link_of_a_mail_unsubscribes_from_that_kind(client, mw):
    actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    url = Mail.objects.get().headers["List-Unsubscribe"].strip("<>")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert mail.read_unsubscribe_token(token) == (mw.pk, Kind.ASSIGNED)

    page = client.get(_link(mw, Kind.ASSIGNED))
    assert page.status_code == 200
    assert "Dossier aan jou toegewezen" in page.content.decode()
    assert not NotificationSetting.objects.exists()  # opening it changes nothing

    done = client.post(_link(mw, Kind.ASSIGNED))
    assert "je krijgt geen e-mail meer" in done.content.decode()
    setting = NotificationSetting.objects.get(user=mw, kind=Kind.ASSIGNED)
    assert setting.delivery == Delivery.APP
    later = actions.notify(mw, "Nog een", kind=Kind.ASSIGNED)
    assert later.delivery == Delivery.APP and Mail.objects.count() == 1


def test_a_mail_program_can_unsubscribe_in_one_click_without_csrf(mw):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(_link(mw, Kind.REFERRAL_RECEIVED), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationSetting.objects.get(user=mw).kind == Kind.REFERRAL_RECEIVED


def test_the_overviews_own_link_stops_the_whole_overview(client, mw):
    pending = actions.notify(mw, "Termijn", kind=Kind.DEADLINE_NEAR)  # digest by default
    client.post(_link(mw, mail.ALL_DIGEST))
    pending.refresh_from_db()
    assert pending.delivery == Delivery.APP
    assert actions.digests_send() == 0
    assert NotificationSetting.objects.filter(user=mw, delivery=Delivery.APP).count() >= 5


def test_a_forged_link_changes_nothing(client, mw):
    token = mail.unsubscribe_token(mw.pk, Kind.ASSIGNED)
    for bad in (token[:-2] + "xx", "niets", mail.unsubscribe_token(mw.pk, "onbestaand")):
        response = client.post(reverse("accounts:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "niet (meer) geldig" in response.content.decode()
    assert not NotificationSetting.objects.exists()
