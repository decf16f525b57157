"""A second factor for every role that sees personal data: enrolment at the first sign-in, the
app's code or a recovery code at every sign-in after it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bereik.accounts import roles
from bereik.accounts.models import Role
from bereik.audit.models import AuditEvent
from bereik.conftest import PASSWORD, make_user
from bereik.organisation.models import Organisation
from bereik.signin import codes, session
from bereik.signin.tests.conftest import app_code, enrol, sign_in

pytestmark = pytest.mark.django_db

PERSONAS = [
    "onthaal",
    "preventiewerker",
    "mw",
    "voorzitter",
    "cel",
    "ervaringsdeskundige",
    "diensthoofd",
    "beheerder",
]


def test_every_role_sees_personal_data_so_every_role_needs_the_second_factor():
    assert set(roles.PERSONAL_DATA) == set(Role.Code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_is_sent_to_the_second_factor_before_any_page(request, client, persona, mfa_on):
    user = request.getfixturevalue(persona)
    response = sign_in(client, user.username)
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("signin:verify"))
    # Not enrolled yet: the code page leads to the enrolment.
    page = client.get(home["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("signin:enrol"))
    assert "Tweestapsverificatie instellen" in page.content.decode()


def test_a_session_made_elsewhere_is_asked_too(login, mw, mfa_on):
    response = login(mw).get("/dossiers/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:verify"))


def test_a_user_without_a_role_sees_nothing_and_is_not_asked(client, mfa_on):
    make_user("nobody", [])
    sign_in(client, "nobody")
    assert client.get(reverse("home")).status_code == 200


def test_the_enrolment_shows_a_qr_code_and_the_key_as_text(client, mw, mfa_on):
    Organisation.get()
    sign_in(client, "mia")
    page = client.get(reverse("signin:enrol"))
    text = page.content.decode()
    key = client.session[session.NEW_KEY]
    assert "<svg" in text and "<path" in text
    assert codes.key_as_text(key) in text
    assert "„Bereik (OCMW)”" in text  # the name the app shows, with the organisation
    assert "<script" not in text.split("<main", 1)[1].split("</main>", 1)[0]
    # The secret stays the same while the page is reloaded.
    client.get(reverse("signin:enrol"))
    assert client.session[session.NEW_KEY] == key


def test_enrolment_at_the_first_sign_in(client, mw, mfa_on):
    sign_in(client, "mia", next_url="/dossiers/")
    client.get(reverse("home"))
    wrong = client.post(reverse("signin:enrol"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=mw).exists()

    key = client.session[session.NEW_KEY]
    done = client.post(reverse("signin:enrol") + "?next=/dossiers/", {"code": app_code(key)})
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("signin:recovery_codes"))
    device = TOTPDevice.objects.get(user=mw)
    assert device.confirmed and device.key == key

    page = client.get(done["Location"])
    shown = page.context["codes"]
    assert len(shown) == 10 and len(set(shown)) == 10
    assert all(code in page.content.decode() for code in shown)
    assert StaticToken.objects.filter(device__user=mw).count() == 10
    # Shown once.
    assert client.get(reverse("signin:recovery_codes")).status_code == 302
    assert client.get(reverse("home")).status_code == 200

    event = AuditEvent.objects.get(action="mfa.enrol")
    assert event.actor == mw and event.details == {"recovery_codes": 10}
    assert AuditEvent.objects.get(action="mfa.failed").details == {"step": "enrol"}


def test_the_code_is_asked_at_every_sign_in_after_that(client, mw, mfa_on):
    sign_in(client, "mia")
    key = enrol(client)
    client.post(reverse("logout"))

    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)
    with time_machine.travel(later) as clock:
        sign_in(client, "mia", next_url="/dossiers/")
        asked = client.get("/dossiers/")
        assert asked["Location"] == reverse("signin:verify") + "?next=/dossiers/"
        wrong = client.post(asked["Location"], {"code": "123456"})
        assert "Deze code klopt niet" in wrong.content.decode()
        clock.shift(2)  # after a wrong code the next try waits a second
        right = client.post(asked["Location"], {"code": app_code(key)})
        assert right.status_code == 302 and right["Location"] == "/dossiers/"
        assert client.get(reverse("home")).status_code == 200
        used = app_code(key)

        # The same code cannot be used twice.
        client.post(reverse("logout"))
        sign_in(client, "mia")
        again = client.post(reverse("signin:verify"), {"code": used})
        assert "Deze code klopt niet" in again.content.decode()

    login = AuditEvent.objects.filter(action="signin.login", actor=mw).first()
    assert login.details["second_factor"] is True
    assert AuditEvent.objects.filter(action="mfa.verify", actor=mw).count() == 1
    assert AuditEvent.objects.filter(action="mfa.failed", actor=mw).count() == 2


def test_wrong_codes_make_the_next_try_wait(client, mw, mfa_on):
    sign_in(client, "mia")
    key = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "mia")
    client.post(reverse("signin:verify"), {"code": "111111"})
    waited = client.post(reverse("signin:verify"), {"code": app_code(key, offset=60)})
    assert "Te veel foute codes na elkaar" in waited.content.decode()
    event = AuditEvent.objects.filter(action="mfa.failed").first()
    assert event.details["reason"] == "throttled"


def test_a_recovery_code_works_once(client, mw, mfa_on):
    sign_in(client, "mia")
    enrol(client)
    recovery = client.get(reverse("signin:recovery_codes")).context["codes"]
    client.post(reverse("logout"))

    sign_in(client, "mia")
    used = client.post(reverse("signin:verify"), {"code": recovery[0].upper()}, follow=True)
    assert used.redirect_chain[-1][0] == reverse("home")
    assert "Je hebt er nog 9" in used.content.decode()
    event = AuditEvent.objects.get(action="mfa.recovery_code")
    assert event.actor == mw and event.details["codes_left"] == 9
    client.post(reverse("logout"))

    sign_in(client, "mia")
    again = client.post(reverse("signin:verify"), {"code": recovery[0]})
    assert again.status_code == 200
    assert "Deze code klopt niet" in again.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, mw, mfa_on):
    sign_in(client, "mia")
    enrol(client)
    old = client.get(reverse("signin:recovery_codes")).context["codes"]
    page = client.get(reverse("signin:security"))
    assert "Je hebt nog 10 herstelcodes" in page.content.decode()
    response = client.post(reverse("signin:renew_recovery_codes"), follow=True)
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    stored = set(StaticToken.objects.filter(device__user=mw).values_list("token", flat=True))
    assert stored == {codes.normalize(code) for code in new}
    assert AuditEvent.objects.get(action="mfa.recovery_codes").actor == mw


def test_no_code_or_secret_is_in_the_audit_trail(client, mw, mfa_on):
    sign_in(client, "mia")
    key = enrol(client)
    recovery = client.get(reverse("signin:recovery_codes")).context["codes"]
    client.post(reverse("logout"))
    sign_in(client, "mia")
    client.post(reverse("signin:verify"), {"code": recovery[1]})
    dumped = " ".join(f"{e.object_repr} {e.details}" for e in AuditEvent.objects.all())
    assert key not in dumped and codes.key_as_text(key).replace(" ", "") not in dumped
    for code in recovery:
        assert code not in dumped and codes.normalize(code) not in dumped
    assert PASSWORD not in dumped


def test_signing_out_stays_possible_while_the_code_is_asked(client, mw, mfa_on):
    sign_in(client, "mia")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_code_page(client, mw, mfa_on):
    sign_in(client, "mia")
    response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("signin:verify")


def test_the_second_factor_comes_before_replacing_a_temporary_password(client, mfa_on):
    make_user("tina", [Role.Code.ONTHAAL], must_change_password=True)
    sign_in(client, "tina")
    assert client.get(reverse("home"))["Location"].startswith(reverse("signin:verify"))
    enrol_page = client.get(reverse("signin:enrol"))
    assert enrol_page.status_code == 200
    enrol(client)
    codes_page = client.get(reverse("signin:recovery_codes"))
    assert codes_page.status_code == 200
    assert client.get(reverse("home"))["Location"] == reverse("password_change")


def test_where_it_is_not_required_nobody_is_asked(client, mw):
    sign_in(client, "mia")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("signin:verify"))["Location"] == reverse("home")


def test_who_set_an_app_up_is_asked_even_where_it_is_not_required(client, mw):
    sign_in(client, "mia")
    page = client.get(reverse("signin:security"))
    assert "App instellen" in page.content.decode()
    key = enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "mia")
    assert client.get(reverse("home"))["Location"].startswith(reverse("signin:verify"))
    client.post(reverse("signin:verify"), {"code": app_code(key, offset=30)})
    assert client.get(reverse("home")).status_code == 200


def test_the_django_admin_shows_no_devices_or_secrets(login_verified, beheerder):
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    index = login_verified(beheerder).get(reverse("admin:index")).content.decode()
    assert "otp_totp" not in index and "otp_static" not in index and "axes" not in index


def test_the_django_admin_waits_for_the_second_factor_too(login, beheerder, mfa_on):
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    response = login(beheerder).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:verify"))


def test_the_django_admin_login_is_the_one_login_page(client):
    response = client.get("/beheer/django/login/?next=/beheer/django/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/beheer/django/"
