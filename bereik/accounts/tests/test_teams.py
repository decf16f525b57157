from django.urls import reverse

from bereik.accounts.models import Team
from bereik.audit.models import AuditEvent


def test_the_team_list_shows_every_team_with_its_members(login, beheerder, mw, mw_other):
    response = login(beheerder).get(reverse("accounts:team_list"))
    text = response.content.decode()
    assert response.status_code == 200
    for name in ("Onthaalteam", "Sociale Dienst", "Trajectbegeleiding", "Energie- en Watercel"):
        assert name in text
    sociale_dienst = next(t for t in response.context["teams"] if t.code == "sociale_dienst")
    assert list(sociale_dienst.members.all()) == [mw]


def test_the_team_list_does_not_query_per_team(login, beheerder, mw, django_assert_max_num_queries):
    client = login(beheerder)
    with django_assert_max_num_queries(10):
        client.get(reverse("accounts:team_list"))


def test_it_creates_a_team_with_members(login, beheerder, mw, mw_other):
    response = login(beheerder).post(
        reverse("accounts:team_create"),
        {"name": "Woonteam", "description": "Uithuiszettingen", "members": [mw.pk, mw_other.pk]},
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Woonteam")
    assert team.code == "woonteam"
    assert set(team.members.all()) == {mw, mw_other}
    assert AuditEvent.objects.filter(action="team.create").exists()
    assert AuditEvent.objects.filter(action="team.members").exists()


def test_it_changes_the_members_of_a_team(login, beheerder, mw, mw_other, team):
    sociale_dienst = team["sociale_dienst"]
    login(beheerder).post(
        reverse("accounts:team_edit", args=[sociale_dienst.pk]),
        {"name": sociale_dienst.name, "description": "", "members": [mw_other.pk]},
    )
    assert list(sociale_dienst.members.all()) == [mw_other]


def test_it_refuses_a_second_team_with_the_same_name(login, beheerder):
    response = login(beheerder).post(
        reverse("accounts:team_create"), {"name": "Sociale Dienst", "description": ""}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
