"""Going through a checklist with a household: the answers are kept with the dossier (timeline,
section, their own page), and the answers that a question names suggest its referral."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.checklists import actions
from bereik.checklists.dossier_sections import checklist_section
from bereik.checklists.forms import ChecklistForm
from bereik.checklists.models import Reply, Target
from bereik.checklists.tests.factories import question, starting_list
from bereik.followup.tests.factories import reached_dossier


@pytest.fixture
def dossier(mw, team):
    return reached_dossier(mw, team["sociale_dienst"])


@pytest.fixture
def water(db):
    return starting_list("Water")


def test_the_starting_lists_hold_beerses_guiding_questions(db):
    names = ["Water", "Energie", "Woningkwaliteit", "Geld"]
    for name in names:
        assert starting_list(name).questions.filter(active=True).count() >= 4
    high_bill = question(starting_list("Water"), "Is de waterfactuur veel hoger")
    assert (high_bill.suggest_on, high_bill.target) == (Reply.YES, Target.WATER_SCAN)
    cold = question(starting_list("Energie"), "Is het koud in huis")
    assert cold.target == Target.TEAM and cold.team.code == "energiecel"
    ashamed = question(starting_list("Geld"), "Vindt het gezin het moeilijk")
    assert ashamed.target == Target.ORGANISATION and ashamed.organisation.name == "Mytrusto"


def test_only_the_answer_a_question_names_suggests_its_referral(dossier, water, mw):
    high_bill = question(water, "Is de waterfactuur")
    leak = question(water, "Lekt er")
    protected = question(water, "Is het gezin beschermde klant")

    filled = actions.checklist_fill(
        dossier,
        water,
        {high_bill: Reply.YES, leak: Reply.NO, protected.pk: Reply.UNKNOWN},
        actor=mw,
    )

    assert [answer.question_id for answer in filled.suggestions] == [high_bill.pk]
    suggestion = filled.suggestions[0]
    assert suggestion.target == Target.WATER_SCAN
    assert suggestion.suggestion == high_bill.suggestion
    assert filled.answers.count() == 3


def test_a_question_that_suggests_on_no(dossier, mw):
    energy = starting_list("Energie")
    scan = question(energy, "Had het gezin al een energiescan")

    yes = actions.checklist_fill(dossier, energy, {scan: Reply.YES}, actor=mw)
    no = actions.checklist_fill(dossier, energy, {scan: Reply.NO}, actor=mw)

    assert yes.suggestions == []
    assert [a.question_id for a in no.suggestions] == [scan.pk]


def test_the_answers_keep_the_question_as_it_was_asked(dossier, water, mw, beheerder):
    high_bill = question(water, "Is de waterfactuur")
    filled = actions.checklist_fill(dossier, water, {high_bill: Reply.YES}, actor=mw)

    high_bill.text, high_bill.suggestion = "Andere vraag?", "Iets anders"
    actions.question_save(high_bill, actor=beheerder)

    answer = filled.answers.get()
    assert answer.question_text == "Is de waterfactuur veel hoger dan vroeger?"
    assert answer.suggestion.startswith("Gratis waterscan")


def test_filling_needs_an_answer_and_refuses_questions_of_another_list(dossier, water, mw):
    with pytest.raises(ValidationError):
        actions.checklist_fill(dossier, water, {}, actor=mw)
    other = question(starting_list("Geld"), "Blijven er rekeningen")
    with pytest.raises(ValidationError):
        actions.checklist_fill(dossier, water, {other: Reply.YES}, actor=mw)
    retired = question(water, "Lekt er")
    retired.active = False
    retired.save()
    with pytest.raises(ValidationError):
        actions.checklist_fill(dossier, water, {retired: Reply.YES}, actor=mw)


def test_filling_on_a_phone_keeps_the_answers_on_the_timeline_and_shows_the_suggestions(
    dossier, water, mw, login
):
    client = login(mw)
    high_bill = question(water, "Is de waterfactuur")
    leak = question(water, "Lekt er")
    url = reverse("checklists:fill", args=[dossier.pk, water.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert high_bill.text in page.content.decode()

    response = client.post(
        url,
        {
            ChecklistForm.field_name(high_bill): Reply.YES,
            ChecklistForm.field_name(leak): Reply.NO,
            "note": "Verbruik verdubbeld sinds de winter.",
        },
        follow=True,
    )

    filled = dossier.filled_checklists.get()
    assert response.redirect_chain[-1][0] == reverse("checklists:filled", args=[filled.pk])
    content = response.content.decode()
    assert "Er is 1 voorstel" in content
    assert "Waterscan aanvragen" in content  # the one-step button
    event = dossier.events.get(kind="richtvragen")
    assert "Richtvragen Water overlopen: 1 voorstel" in event.summary
    assert "Verbruik verdubbeld" in event.text
    assert filled.note == "Verbruik verdubbeld sinds de winter."
    write = AuditEvent.objects.get(action="checklists.fill")
    assert write.details["suggestions"] == 1
    assert write.subject_label  # about the household

    dossier_page = client.get(dossier.get_absolute_url()).content.decode()
    assert 'id="sectie-richtvragen"' in dossier_page
    assert reverse("checklists:filled", args=[filled.pk]) in dossier_page
    assert reverse("checklists:choose", args=[dossier.pk]) in dossier_page


def test_a_form_without_any_answer_is_refused_in_dutch(dossier, water, mw, login):
    response = login(mw).post(reverse("checklists:fill", args=[dossier.pk, water.pk]), {})

    assert response.status_code == 200
    assert "Beantwoord minstens één vraag." in response.content.decode()
    assert not dossier.filled_checklists.exists()


def test_every_view_of_the_answers_is_an_audited_read(dossier, water, mw, login):
    filled = actions.checklist_fill(
        dossier, water, {question(water, "Lekt er"): Reply.YES}, actor=mw
    )

    login(mw).get(reverse("checklists:filled", args=[filled.pk]))
    login(mw).get(reverse("checklists:filled", args=[filled.pk]))

    reads = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, purpose="richtvragen")
    assert reads.count() == 2
    assert reads.first().object_id == str(filled.pk)


def test_the_choice_offers_the_active_lists_with_questions(dossier, mw, login, beheerder):
    money = starting_list("Geld")
    money.active = False
    actions.checklist_save(money, actor=beheerder)

    response = login(mw).get(reverse("checklists:choose", args=[dossier.pk]))

    names = [checklist.name for checklist in response.context["checklists"]]
    assert names == ["Water", "Energie", "Woningkwaliteit"]
    assert login(mw).get(reverse("checklists:fill", args=[dossier.pk, money.pk])).status_code == 404


def test_the_dossier_section_and_the_answers_page_run_a_fixed_number_of_queries(
    dossier, water, mw, rf, login, django_assert_num_queries
):
    request = rf.get("/")
    request.user = mw
    for _ in range(3):
        filled = actions.checklist_fill(
            dossier,
            water,
            dict.fromkeys(water.questions.all(), Reply.YES),
            actor=mw,
        )
    with django_assert_num_queries(1):
        section = checklist_section(request, dossier, {"can_change": True})
    assert len(section["filled"]) == 3 and not section["collapsed"]
    client = login(mw)
    client.get(reverse("checklists:filled", args=[filled.pk]))  # warm the session and caches
    # (The logged read is three: the audit chain's head, the event, the head moved on; the
    # organisation's name is kept a minute.)
    with django_assert_num_queries(9):
        client.get(reverse("checklists:filled", args=[filled.pk]))
