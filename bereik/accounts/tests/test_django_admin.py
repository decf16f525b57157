import pytest
from django.urls import reverse

from bereik.accounts.models import Role, User
from bereik.conftest import make_user
from bereik.organisation.models import Company, Organisation


@pytest.fixture
def superuser(db):
    user = make_user("root", [Role.Code.BEHEERDER])
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_the_django_admin_shows_users_without_their_password_hash(login, superuser, mw):
    client = login(superuser)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[mw.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "mia" in text
    assert mw.password not in text
    assert 'name="_save"' not in text


@pytest.mark.parametrize(
    "url_name",
    ["admin:accounts_user_add", "admin:accounts_team_add", "admin:organisation_company_add"],
)
def test_the_django_admin_cannot_add(login, superuser, url_name):
    assert login(superuser).get(reverse(url_name)).status_code == 403


def test_the_django_admin_cannot_change_users_or_settings(login, superuser, mw):
    client = login(superuser)
    client.post(
        reverse("admin:accounts_user_change", args=[mw.pk]),
        {"username": "hacked", "is_superuser": "on"},
    )
    assert User.objects.get(pk=mw.pk).username == "mia"
    organisation = Organisation.get()
    page = client.get(reverse("admin:organisation_organisation_change", args=[organisation.pk]))
    assert page.status_code == 200
    farys = Company.objects.get(name="Farys")
    delete = client.post(
        reverse("admin:organisation_company_delete", args=[farys.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Company.objects.filter(pk=farys.pk).exists()
