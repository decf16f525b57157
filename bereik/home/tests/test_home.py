import pytest
from django.urls import reverse

from bereik.accounts.models import Role

PERSONAS = [
    ("onthaal", "Onthaal / administratief medewerker"),
    ("preventiewerker", "Preventiewerker"),
    ("mw", "Maatschappelijk werker"),
    ("mw_other", "Maatschappelijk werker"),
    ("voorzitter", "LAC-voorzitter"),
    ("cel", "Medewerker Energie- en Watercel"),
    ("ervaringsdeskundige", "Ervaringsdeskundige / brugfiguur"),
    ("diensthoofd", "Diensthoofd / beleidsmedewerker"),
    ("beheerder", "Functioneel beheerder"),
]


@pytest.mark.parametrize("persona,role_label", PERSONAS)
def test_each_role_lands_on_a_home_page_with_its_role(request, login, persona, role_label):
    user = request.getfixturevalue(persona)
    response = login(user).get(reverse("home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert f"Welkom, {user.first_name}" in text
    assert role_label in text
    assert 'aria-label="Hoofdnavigatie"' in text


def test_signing_in_leads_to_the_home_page(client, mw):
    response = client.post(reverse("login"), {"username": "mia", "password": "test-pass-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_gets_a_clear_dutch_message(client, mw):
    response = client.post(reverse("login"), {"username": "mia", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_the_beheerder_gets_a_panel_with_shortcuts(login, beheerder):
    response = login(beheerder).get(reverse("home"))
    panel = next(p for p in response.context["panels"] if p["title"] == "Beheer")
    urls = {link["url"] for link in panel["links"]}
    assert {
        reverse("accounts:user_list"),
        reverse("organisation:settings"),
        reverse("audit:list"),
    } <= urls
    text = response.content.decode()
    assert f'href="{reverse("accounts:user_list")}"' in text
    assert f'href="{reverse("accounts:admin_home")}"' in text  # the Beheer menu entry


@pytest.mark.parametrize("persona", ["mw", "diensthoofd", "onthaal"])
def test_other_roles_get_no_beheer_panel_or_menu(request, login, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("home"))
    assert all(p["title"] != "Beheer" for p in response.context["panels"])
    assert f'href="{reverse("accounts:admin_home")}"' not in response.content.decode()


def test_a_user_without_a_role_is_told_whom_to_ask(login, db):
    from bereik.conftest import make_user

    user = make_user("nora", [])
    text = login(user).get(reverse("home")).content.decode()
    assert "Vraag de functioneel beheerder" in text
    assert not user.has_role(*[code for code, _label in Role.Code.choices])
