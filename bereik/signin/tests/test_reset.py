"""The beheerder resets a user's second factor (lost or new phone); recorded in the audit trail."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from bereik.audit.models import AuditEvent
from bereik.signin.tests.conftest import enrol, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled_mia(client, mw, mfa_on):
    sign_in(client, "mia")
    enrol(client)
    client.post(reverse("logout"))
    return mw


def test_the_beheerder_sees_who_set_an_app_up(login_verified, beheerder, enrolled_mia, onthaal):
    page = login_verified(beheerder).get(reverse("signin:admin"))
    text = page.content.decode()
    assert "ingesteld op" in text and "niet ingesteld" in text
    assert reverse("signin:admin_reset", args=[enrolled_mia.pk]) in text
    assert reverse("signin:admin_reset", args=[onthaal.pk]) not in text


def test_the_beheerder_resets_it_after_a_confirmation(
    client, login_verified, beheerder, enrolled_mia
):
    admin = login_verified(beheerder)
    url = reverse("signin:admin_reset", args=[enrolled_mia.pk])
    confirm = admin.get(url)
    assert confirm.status_code == 200
    assert "werken daarna niet meer" in confirm.content.decode()
    assert TOTPDevice.objects.filter(user=enrolled_mia).exists()

    done = admin.post(url, follow=True)
    assert "is gereset" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=enrolled_mia).exists()
    assert not StaticDevice.objects.filter(user=enrolled_mia).exists()
    event = AuditEvent.objects.get(action="mfa.reset")
    assert event.actor == beheerder and event.object_id == str(enrolled_mia.pk)
    assert event.details == {"had_app": True}

    # At the next sign-in Mia sets a new app up.
    admin.post(reverse("logout"))
    sign_in(client, "mia")
    follow = client.get(reverse("home"), follow=True)
    assert follow.redirect_chain[-1][0].startswith(reverse("signin:enrol"))


@pytest.mark.parametrize("persona", ["mw_other", "onthaal", "diensthoofd", "ervaringsdeskundige"])
def test_only_the_beheerder_may_reset(request, login_verified, persona, enrolled_mia):
    user = request.getfixturevalue(persona)
    browser = login_verified(user)
    url = reverse("signin:admin_reset", args=[enrolled_mia.pk])
    assert browser.get(url).status_code == 403
    assert browser.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=enrolled_mia).exists()
    assert not AuditEvent.objects.filter(action="mfa.reset").exists()


def test_a_reset_page_for_no_user_is_not_found(login_verified, beheerder):
    assert (
        login_verified(beheerder).get(reverse("signin:admin_reset", args=[9999])).status_code == 404
    )


def test_the_page_is_listed_under_beheer(login_verified, beheerder):
    page = login_verified(beheerder).get(reverse("accounts:admin_home"))
    assert reverse("signin:admin") in page.content.decode()
