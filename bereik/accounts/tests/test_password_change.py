from django.urls import reverse

from bereik.accounts import actions
from bereik.accounts.models import User
from bereik.audit.models import AuditEvent


def test_a_temporary_password_must_be_replaced_before_anything_else(login, beheerder, mw):
    actions.user_set_password(mw, "Tijdelijk-wachtwoord-1", actor=beheerder, temporary=True)
    client = login(User.objects.get(pk=mw.pk))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "tijdelijk wachtwoord" in page.content.decode()


def test_choosing_an_own_password_lifts_the_block_and_is_audited(login, beheerder, mw):
    actions.user_set_password(mw, "Tijdelijk-wachtwoord-1", actor=beheerder, temporary=True)
    client = login(User.objects.get(pk=mw.pk))
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "Tijdelijk-wachtwoord-1",
            "new_password1": "Eigen-keuze-2026",
            "new_password2": "Eigen-keuze-2026",
        },
    )
    assert response.status_code == 302
    mw = User.objects.get(pk=mw.pk)
    assert not mw.must_change_password
    assert mw.check_password("Eigen-keuze-2026")
    # Still signed in after the change, and free to go on.
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action="user.password_change", actor=mw).exists()


def test_signing_out_stays_possible_with_a_temporary_password(login, beheerder, mw):
    actions.user_set_password(mw, "Tijdelijk-wachtwoord-1", actor=beheerder, temporary=True)
    client = login(User.objects.get(pk=mw.pk))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
