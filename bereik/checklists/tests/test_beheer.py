"""The beheerder edits the lists: a new question with where it refers, a changed answer, a retired
question no longer asked; the pages are the beheerder's alone."""

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.checklists.forms import ChecklistForm
from bereik.checklists.models import Checklist, Question, Reply, Target
from bereik.checklists.tests.factories import question, starting_list
from bereik.followup.tests.factories import organisation


def test_the_beheer_link_and_pages_are_for_the_beheerder_only(beheerder, mw, login):
    home = login(beheerder).get(reverse("accounts:admin_home")).content.decode()
    assert reverse("checklists:config_index") in home
    page = login(beheerder).get(reverse("checklists:config_index"))
    assert page.status_code == 200
    assert "Is de waterfactuur veel hoger dan vroeger?" in page.content.decode()

    water = starting_list("Water")
    for url in [
        reverse("checklists:config_index"),
        reverse("checklists:checklist_create"),
        reverse("checklists:checklist_edit", args=[water.pk]),
        reverse("checklists:question_create", args=[water.pk]),
    ]:
        assert login(mw).get(url).status_code == 403
        assert login(mw).post(url, {"name": "x", "text": "x"}).status_code == 403


def test_the_beheerder_adds_a_question_that_hands_over_to_caw(beheerder, login):
    water = starting_list("Water")
    caw = organisation("CAW")

    response = login(beheerder).post(
        reverse("checklists:question_create", args=[water.pk]),
        {
            "text": "Heeft het gezin schrik van de waterfactuur?",
            "suggest_on": Reply.YES,
            "suggestion": "CAW",
            "target": Target.ORGANISATION,
            "organisation": caw.pk,
            "order": 99,
            "active": "on",
        },
    )

    assert response.status_code == 302
    new = Question.objects.get(text="Heeft het gezin schrik van de waterfactuur?")
    assert (new.checklist, new.organisation, new.team) == (water, caw, None)
    assert AuditEvent.objects.filter(action="checklists.question.create").exists()
    assert new in ChecklistForm(checklist=water).questions


def test_a_team_referral_needs_its_team_and_help_kind(beheerder, login):
    water = starting_list("Water")

    response = login(beheerder).post(
        reverse("checklists:question_create", args=[water.pk]),
        {"text": "Vraag?", "suggest_on": Reply.YES, "suggestion": "Team", "target": Target.TEAM},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies het team waarnaar doorverwezen wordt." in content
    assert "Kies de soort hulp die gevraagd wordt." in content
    assert not Question.objects.filter(text="Vraag?").exists()


def test_changing_the_answer_that_suggests_and_retiring_a_question(beheerder, mw, team, login):
    water = starting_list("Water")
    leak = question(water, "Lekt er")
    client = login(beheerder)

    client.post(
        reverse("checklists:question_edit", args=[water.pk, leak.pk]),
        {
            "text": leak.text,
            "suggest_on": Reply.UNKNOWN,
            "suggestion": leak.suggestion,
            "target": Target.WATER_SCAN,
            "team": team["energiecel"].pk,  # ignored: a water scan refers to no team
            "order": leak.order,
            "active": "on",
        },
    )
    leak.refresh_from_db()
    assert leak.suggest_on == Reply.UNKNOWN and leak.team is None

    client.post(
        reverse("checklists:question_edit", args=[water.pk, leak.pk]),
        {
            "text": leak.text,
            "suggest_on": Reply.UNKNOWN,
            "suggestion": leak.suggestion,
            "target": Target.WATER_SCAN,
            "order": leak.order,
        },
    )
    leak.refresh_from_db()
    assert not leak.active
    assert leak not in ChecklistForm(checklist=water).questions


def test_the_beheerder_adds_a_list(beheerder, login):
    response = login(beheerder).post(
        reverse("checklists:checklist_create"),
        {"name": "Gezondheid", "intro": "", "order": 50, "active": "on"},
    )

    assert response.status_code == 302
    assert Checklist.objects.filter(name="Gezondheid", active=True).exists()
    assert AuditEvent.objects.filter(action="checklists.checklist.create").exists()


@pytest.mark.parametrize("persona", ["mw", "ervaringsdeskundige", "diensthoofd"])
def test_others_cannot_edit_a_question(request, db, persona, login):
    water = starting_list("Water")
    leak = question(water, "Lekt er")
    url = reverse("checklists:question_edit", args=[water.pk, leak.pk])

    assert login(request.getfixturevalue(persona)).get(url).status_code == 403
