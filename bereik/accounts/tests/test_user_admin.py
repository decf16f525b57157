import pytest
from django.core import mail
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.accounts.models import Role, User
from bereik.audit.models import AuditEvent
from bereik.conftest import make_user


def _form_data(**overrides):
    data = {
        "first_name": "Jan",
        "last_name": "Janssens",
        "username": "jan",
        "email": "jan@example.org",
        "phone": "011 11 11 11",
        "job_title": "Maatschappelijk werker",
        "roles": [Role.Code.MAATSCHAPPELIJK_WERKER],
        "teams": [],
        "is_active": "on",
        "password_method": "mail",
        "temporary_password": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    "url_name,args",
    [
        ("accounts:admin_home", []),
        ("accounts:user_list", []),
        ("accounts:user_create", []),
        ("accounts:team_list", []),
        ("accounts:team_create", []),
    ],
)
def test_it_refuses_everyone_but_the_beheerder(login, mw, diensthoofd, url_name, args):
    for persona in (mw, diensthoofd):
        assert login(persona).get(reverse(url_name, args=args)).status_code == 403


def test_it_refuses_editing_a_user_to_others(login, mw, mw_other):
    client = login(mw)
    url = reverse("accounts:user_edit", args=[mw_other.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(username="marc")).status_code == 403
    assert client.post(reverse("accounts:user_reset_mail", args=[mw_other.pk])).status_code == 403


def test_the_list_shows_users_with_roles_and_teams(login, beheerder, mw, mw_other):
    response = login(beheerder).get(reverse("accounts:user_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mia Test" in text and "Marc Test" in text
    assert "Maatschappelijk werker" in text
    assert "Sociale Dienst" in text and "Trajectbegeleiding" in text


def test_the_list_filters_by_team_role_and_text(login, beheerder, mw, mw_other, team):
    client = login(beheerder)
    by_team = client.get(reverse("accounts:user_list"), {"team": team["trajectbegeleiding"].pk})
    assert list(by_team.context["page"]) == [mw_other]
    by_role = client.get(reverse("accounts:user_list"), {"role": Role.Code.BEHEERDER})
    assert list(by_role.context["page"]) == [beheerder]
    by_text = client.get(reverse("accounts:user_list"), {"q": "mia"})
    assert list(by_text.context["page"]) == [mw]


def test_the_list_hides_inactive_users_unless_asked(login, beheerder, mw):
    User.objects.filter(pk=mw.pk).update(is_active=False)
    client = login(beheerder)
    assert mw not in client.get(reverse("accounts:user_list")).context["page"]
    inactive = client.get(reverse("accounts:user_list"), {"status": "inactive"})
    assert list(inactive.context["page"]) == [mw]


def test_the_list_runs_the_same_queries_for_3_or_30_users(login, beheerder, team):
    client = login(beheerder)
    url = reverse("accounts:user_list")
    client.get(url)  # warm up the session
    make_user("u0", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(1, 30):
        make_user(f"u{i}", [Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.ENERGIECEL], ["energiecel"])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert len(many) <= 12


def test_it_creates_a_user_and_mails_a_link_to_choose_a_password(login, beheerder, team):
    client = login(beheerder)
    response = client.post(
        reverse("accounts:user_create"),
        _form_data(teams=[team["sociale_dienst"].pk], roles=[Role.Code.MAATSCHAPPELIJK_WERKER]),
    )
    user = User.objects.get(username="jan")
    assert response.status_code == 302
    assert user.has_role(Role.Code.MAATSCHAPPELIJK_WERKER)
    assert user.team_ids == {team["sociale_dienst"].pk}
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jan@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/nieuw/" in line)
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()
    assert AuditEvent.objects.filter(action="user.password_reset_mail", actor=beheerder).exists()

    # The link works: Jan chooses a password and can sign in with it.
    client.logout()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Kiezelsteen-2026", "new_password2": "Kiezelsteen-2026"},
    )
    assert done.status_code == 302
    # django-axes watches every sign-in, so it needs the request.
    assert client.login(request=HttpRequest(), username="jan", password="Kiezelsteen-2026")
    assert AuditEvent.objects.filter(action="user.password_change", actor=user).exists()


def test_it_creates_a_user_with_several_roles_and_a_temporary_password(login, beheerder):
    client = login(beheerder)
    client.post(
        reverse("accounts:user_create"),
        _form_data(
            roles=[Role.Code.LAC_VOORZITTER, Role.Code.MAATSCHAPPELIJK_WERKER],
            password_method="temporary",
            temporary_password="Tijdelijk-2026!",
            email="",
        ),
    )
    user = User.objects.get(username="jan")
    assert user.role_codes == {Role.Code.LAC_VOORZITTER, Role.Code.MAATSCHAPPELIJK_WERKER}
    assert user.check_password("Tijdelijk-2026!")
    assert user.must_change_password
    assert mail.outbox == []


def test_it_asks_an_email_address_to_mail_the_link(login, beheerder):
    response = login(beheerder).post(reverse("accounts:user_create"), _form_data(email=""))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="jan").exists()


def test_it_refuses_a_weak_temporary_password_next_to_the_field(login, beheerder):
    response = login(beheerder).post(
        reverse("accounts:user_create"),
        _form_data(password_method="temporary", temporary_password="12345678"),
    )
    assert response.status_code == 200
    assert "temporary_password" in response.context["form"].errors
    assert 'id="id_temporary_password_error"' in response.content.decode()
    assert not User.objects.filter(username="jan").exists()


def test_it_refuses_a_username_or_email_already_in_use(login, beheerder, mw):
    response = login(beheerder).post(
        reverse("accounts:user_create"), _form_data(username="mia", email="MIA@example.org")
    )
    errors = response.context["form"].errors
    assert "username" in errors and "email" in errors


def test_it_updates_roles_teams_and_absence_with_an_audit_event(login, beheerder, mw, team):
    client = login(beheerder)
    data = _form_data(
        first_name="Mia",
        last_name="Test",
        username="mia",
        email="mia@example.org",
        roles=[Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.ENERGIECEL],
        teams=[team["sociale_dienst"].pk, team["energiecel"].pk],
        is_absent="on",
    )
    response = client.post(reverse("accounts:user_edit", args=[mw.pk]), data)
    assert response.status_code == 302
    mw = User.objects.get(pk=mw.pk)
    assert mw.role_codes == {Role.Code.MAATSCHAPPELIJK_WERKER, Role.Code.ENERGIECEL}
    assert mw.team_ids == {team["sociale_dienst"].pk, team["energiecel"].pk}
    assert mw.is_absent
    event = AuditEvent.objects.filter(action="user.update", actor=beheerder).get()
    assert set(event.details["fields"]) >= {"roles", "teams", "is_absent", "phone", "job_title"}


def test_a_deactivated_user_can_no_longer_sign_in(login, beheerder, mw, client):
    data = _form_data(first_name="Mia", last_name="Test", username="mia", email="", is_active=None)
    login(beheerder).post(reverse("accounts:user_edit", args=[mw.pk]), data)
    client.logout()
    assert not User.objects.get(pk=mw.pk).is_active
    assert not client.login(request=HttpRequest(), username="mia", password="test-pass-123")


def test_the_beheerder_cannot_lock_themselves_out(login, beheerder):
    data = _form_data(
        first_name="Bea", last_name="Test", username="bea", email="", roles=[], is_active=None
    )
    response = login(beheerder).post(reverse("accounts:user_edit", args=[beheerder.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "roles" in errors and "is_active" in errors
    beheerder = User.objects.get(pk=beheerder.pk)
    assert beheerder.is_active and beheerder.has_role(Role.Code.BEHEERDER)


def test_the_beheerder_sets_a_temporary_password(login, beheerder, mw):
    client = login(beheerder)
    response = client.post(
        reverse("accounts:user_password", args=[mw.pk]), {"password": "Nieuw-wachtwoord-7"}
    )
    assert response.status_code == 302
    mw = User.objects.get(pk=mw.pk)
    assert mw.check_password("Nieuw-wachtwoord-7") and mw.must_change_password
    event = AuditEvent.objects.get(action="user.password_set")
    assert event.details == {"temporary": True}
    assert "Nieuw-wachtwoord-7" not in str(event.details) + event.object_repr


def test_the_beheerder_sends_a_reset_mail(login, beheerder, mw):
    response = login(beheerder).post(reverse("accounts:user_reset_mail", args=[mw.pk]))
    assert response.status_code == 302
    assert mail.outbox[0].to == ["mia@example.org"]
    assert "Bereik" in mail.outbox[0].subject


def test_the_reset_mail_needs_an_address(login, beheerder, mw):
    User.objects.filter(pk=mw.pk).update(email="")
    login(beheerder).post(reverse("accounts:user_reset_mail", args=[mw.pk]))
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="user.password_reset_mail").exists()


def test_the_user_form_groups_roles_in_a_fieldset_with_labels(login, beheerder, mw):
    text = login(beheerder).get(reverse("accounts:user_edit", args=[mw.pk])).content.decode()
    assert "<legend" in text and "Rollen" in text
    assert 'for="id_roles_0"' in text and 'id="id_roles_0"' in text
