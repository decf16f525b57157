"""No lost updates on the guiding questions' Beheer forms (bereik.lib.locking): two saves in a
row from the same loaded form: the second is refused, shows both versions, overwrites nothing."""

from django.urls import reverse

from bereik.checklists.models import Checklist, Question
from bereik.checklists.tests.factories import question, starting_list
from bereik.lib.tests.stale import assert_refused, two_saves


def test_a_list(beheerder, login):
    water = starting_list("Water")

    first, second = two_saves(
        login(beheerder),
        reverse("checklists:checklist_edit", args=[water.pk]),
        {"intro": "Inleiding van Bea"},
        {"intro": "Inleiding van Bart"},
    )

    assert first.status_code == 302
    assert_refused(second, "Inleiding van Bea", "Inleiding van Bart")
    assert Checklist.objects.get(pk=water.pk).intro == "Inleiding van Bea"


def test_a_question(beheerder, login):
    water = starting_list("Water")
    asked = question(water, "Is de waterfactuur veel hoger")

    first, second = two_saves(
        login(beheerder),
        reverse("checklists:question_edit", args=[water.pk, asked.pk]),
        {"help_text": "Uitleg van Bea"},
        {"help_text": "Uitleg van Bart"},
    )

    assert first.status_code == 302
    assert_refused(second, "Uitleg van Bea", "Uitleg van Bart")
    assert Question.objects.get(pk=asked.pk).help_text == "Uitleg van Bea"
