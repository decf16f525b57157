"""The kinds of notification are one list in code (`Notification.Kind` with its
`notifications.KINDS`) and in the docs (docs/notifications.md), and what a mail says of each is
its own sentence: never the notification's text, so never a name, INSZ, amount or note."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from bereik.accounts import actions, notifications
from bereik.accounts.models import Mail, Notification, NotificationDefault, Role

Kind = Notification.Kind
Delivery = Notification.Delivery
DOCS = Path(settings.BASE_DIR) / "docs" / "notifications.md"

# What the in-app text of a notification may hold and a mail never may.
PERSONAL = ("Janssens", "93051822361", "93.05.18-223.61", "1.234,56", "€", "schulden bij de OCMW")
TEXT = (
    "Dossier 2026-000123 (Janssens Jan, INSZ 93051822361, 93.05.18-223.61): € 1.234,56 — "
    "notitie: schulden bij de OCMW"
)


class FakeDossier:
    pk = 123
    number = "2026-000123"

    def get_absolute_url(self):
        return "/dossiers/123/"


def test_every_kind_says_who_gets_it_and_why():
    assert set(notifications.KINDS) == set(Kind.values)
    for info in notifications.KINDS.values():
        assert info.who and info.why and info.roles, info.kind
        assert info.default in Delivery.values


def test_the_docs_list_every_kind_with_its_code():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.MULTILINE))
    assert documented == set(Kind.values)


@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize("count,dossier", [(1, FakeDossier()), (3, None)])
def test_no_mail_of_any_kind_holds_personal_data(
    kind, count, dossier, mw, django_capture_on_commit_callbacks, mailoutbox
):
    NotificationSetting = mw.notification_settings.model
    NotificationSetting.objects.create(user=mw, kind=kind, delivery=Delivery.MAIL)
    with django_capture_on_commit_callbacks(execute=True):
        notification = actions.notify(mw, TEXT, kind=kind, dossier=dossier, count=count)

    sent = Mail.objects.get(notifications=notification)
    assert sent.status == Mail.Status.SENT
    (message,) = mailoutbox
    whole = message.subject + message.body + str(message.extra_headers)
    for word in PERSONAL:
        assert word not in whole, (kind, word)
    assert notification.mail_text in message.body
    if dossier is not None:
        assert "2026-000123" in message.body
    # The link goes through Bereik's login to the notification, never to data in the URL.
    assert f"/accounts/meldingen/{notification.pk}/" in message.body


def test_a_user_with_several_roles_gets_the_soonest_default(db, beheerder):
    kind = Kind.LAC_FEEDBACK  # default: the daily overview
    roles = [Role.Code.LAC_VOORZITTER, Role.Code.MAATSCHAPPELIJK_WERKER]
    assert notifications.default_for(roles, kind) == Delivery.DIGEST
    actions.notification_defaults_save(
        Role.Code.LAC_VOORZITTER, {kind: Delivery.MAIL}, actor=beheerder
    )
    assert notifications.default_for(roles, kind) == Delivery.MAIL
    assert NotificationDefault.objects.get(role=Role.Code.LAC_VOORZITTER, kind=kind)


def test_a_user_without_an_email_address_gets_it_in_the_app(mw):
    mw.email = ""
    mw.save()
    notification = actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED)
    assert notification.delivery == Delivery.APP
    assert not Mail.objects.exists()


def test_an_inactive_user_is_not_notified(mw):
    mw.is_active = False
    mw.save()
    assert actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED) is None


def test_a_reference_makes_a_notification_once_per_user(mw, mw_other):
    assert actions.notify(mw, "Termijn", kind=Kind.DEADLINE_NEAR, ref="termijn:1:2027-01-01")
    assert (
        actions.notify(mw, "Termijn", kind=Kind.DEADLINE_NEAR, ref="termijn:1:2027-01-01") is None
    )
    assert actions.notify(mw_other, "Termijn", kind=Kind.DEADLINE_NEAR, ref="termijn:1:2027-01-01")
    assert Notification.objects.count() == 2
