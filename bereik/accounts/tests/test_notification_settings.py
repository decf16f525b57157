"""Each user chooses per kind how notifications reach them; the beheerder sets the default per
role."""

from django.urls import reverse

from bereik.accounts import actions
from bereik.accounts.models import Notification, NotificationDefault, NotificationSetting, Role
from bereik.audit.models import AuditEvent

Kind = Notification.Kind
Delivery = Notification.Delivery


def test_a_social_worker_sees_the_kinds_of_their_role_with_who_and_why(login, mw):
    text = login(mw).get(reverse("accounts:notification_settings")).content.decode()
    assert "Dossier aan jou toegewezen" in text
    assert "Termijn nadert, nog niet bereikt" in text
    assert "Die volgt het gezin op" in text  # why
    assert "Standaard: Meteen per e-mail" in text
    assert "LAC-zitting na de wettelijke termijn" not in text  # not for this role
    assert mw.email in text


def test_a_user_chooses_per_kind(login, mw):
    client = login(mw)
    page = client.get(reverse("accounts:notification_settings"))
    data = {name: field.initial for name, field in page.context["form"].fields.items()}
    data[Kind.ASSIGNED] = Delivery.DIGEST

    response = client.post(reverse("accounts:notification_settings"), data)

    assert response.status_code == 302
    assert NotificationSetting.objects.get(user=mw).kind == Kind.ASSIGNED
    assert actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED).delivery == Delivery.DIGEST
    assert AuditEvent.objects.filter(action="notification.settings").exists()
    # Back to the default (from the page as it is now): nothing is kept, so the beheerder's
    # later change reaches them.
    page = client.get(reverse("accounts:notification_settings"))
    data["version"] = page.context["form"].fields["version"].initial
    data[Kind.ASSIGNED] = Delivery.MAIL
    client.post(reverse("accounts:notification_settings"), data)
    assert not NotificationSetting.objects.exists()


def test_without_an_email_address_the_page_says_so(login, mw):
    mw.email = ""
    mw.save()
    text = login(mw).get(reverse("accounts:notification_settings")).content.decode()
    assert "geen e-mailadres" in text


def test_the_beheerder_sets_the_default_of_a_role(login, beheerder, mw):
    client = login(beheerder)
    url = reverse("accounts:notification_defaults") + "?role=maatschappelijk_werker"
    page = client.get(url)
    assert "Dossier aan jou toegewezen" in page.content.decode()
    data = {name: field.initial for name, field in page.context["form"].fields.items()}
    data[Kind.ASSIGNED] = Delivery.APP

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == url
    stored = NotificationDefault.objects.get()
    assert (stored.role, stored.kind, stored.delivery) == (
        Role.Code.MAATSCHAPPELIJK_WERKER,
        Kind.ASSIGNED,
        Delivery.APP,
    )
    assert actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED).delivery == Delivery.APP
    assert AuditEvent.objects.filter(action="notification.defaults").exists()


def test_a_users_own_choice_wins_over_the_default(beheerder, mw):
    actions.notification_settings_save(mw, {Kind.ASSIGNED: Delivery.DIGEST}, actor=mw)
    actions.notification_defaults_save(
        Role.Code.MAATSCHAPPELIJK_WERKER, {Kind.ASSIGNED: Delivery.APP}, actor=beheerder
    )
    assert actions.notify(mw, "Toegewezen", kind=Kind.ASSIGNED).delivery == Delivery.DIGEST


def test_the_beheer_page_lists_the_notification_pages(login, beheerder):
    text = login(beheerder).get(reverse("accounts:admin_home")).content.decode()
    assert reverse("accounts:notification_defaults") in text
    assert reverse("accounts:outbox") in text
