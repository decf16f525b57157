"""Only who may see the dossier reaches its guiding questions: everyone else gets a 404 on every
URL, and read-only roles see the answers but cannot fill or refer."""

import pytest
from django.urls import reverse

from bereik.checklists import actions
from bereik.checklists.models import Reply
from bereik.checklists.tests.factories import question, starting_list
from bereik.followup.tests.factories import reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


@pytest.fixture
def filled(dossier, mw):
    water = starting_list("Water")
    return actions.checklist_fill(
        dossier, water, {question(water, "Is de waterfactuur"): Reply.YES}, actor=mw
    )


def urls(dossier, filled):
    water = starting_list("Water")
    return {
        "get": [
            reverse("checklists:choose", args=[dossier.pk]),
            reverse("checklists:fill", args=[dossier.pk, water.pk]),
            reverse("checklists:filled", args=[filled.pk]),
        ],
        "post": [
            reverse("checklists:fill", args=[dossier.pk, water.pk]),
            reverse("checklists:refer", args=[filled.suggestions[0].pk]),
        ],
    }


@pytest.mark.parametrize("persona", ["mw_other", "ervaringsdeskundige", "beheerder"])
def test_a_user_outside_the_dossier_gets_404_everywhere(request, dossier, filled, persona, login):
    client = login(request.getfixturevalue(persona))
    paths = urls(dossier, filled)

    for path in paths["get"]:
        assert client.get(path).status_code == 404, path
    for path in paths["post"]:
        assert client.post(path, {}).status_code == 404, path
    answer = filled.suggestions[0]
    answer.refresh_from_db()
    assert answer.referred_at is None
    assert dossier.filled_checklists.count() == 1
    assert not dossier.water_scans.exists()


def test_the_diensthoofd_reads_the_answers_but_cannot_fill_or_refer(
    dossier, filled, diensthoofd, login
):
    client = login(diensthoofd)
    paths = urls(dossier, filled)

    page = client.get(reverse("checklists:filled", args=[filled.pk]))
    assert page.status_code == 200
    assert "Waterscan aanvragen" not in page.content.decode()
    assert client.get(paths["get"][0]).status_code == 404
    assert client.post(paths["post"][1]).status_code == 404
    assert not dossier.water_scans.exists()


def test_a_team_member_and_the_preventiewerker_may_fill(dossier, preventiewerker, login, team):
    water = starting_list("Water")
    url = reverse("checklists:fill", args=[dossier.pk, water.pk])
    assert login(preventiewerker).get(url).status_code == 200


def test_the_dossier_section_lists_no_filled_checklists_of_other_dossiers(
    dossier, filled, mw, team, login
):
    other = reached_dossier(mw, team["sociale_dienst"])

    response = login(mw).get(other.get_absolute_url())

    assert reverse("checklists:filled", args=[filled.pk]) not in response.content.decode()
