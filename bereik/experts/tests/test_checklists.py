"""The guiding questions on the expert's own pages: he goes through a list with a household he
follows, sees the suggestions and turns one into a referral in one step; nothing of another
household, nor of a worker's lists, and every page is an audited read."""

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.checklists import actions as checklist_actions
from bereik.checklists.models import Answer, FilledChecklist, Reply
from bereik.checklists.tests.factories import question, starting_list
from bereik.dossiers.tests.factories import DossierFactory
from bereik.experts import actions, impact
from bereik.followup.models import WaterScan
from bereik.reports import periods


@pytest.fixture
def water():
    return starting_list("Water")


def _fill(proposal, water, expert):
    return checklist_actions.checklist_fill(
        proposal.dossier,
        water,
        {question(water, "Is de waterfactuur"): Reply.YES},
        note="Factuur verdubbeld.",
        actor=expert,
    )


def test_the_household_page_links_to_the_guiding_questions(accepted, ervaringsdeskundige, login):
    page = login(ervaringsdeskundige).get(reverse("experts:household", args=[accepted.pk]))
    assert reverse("experts:checklist_choose", args=[accepted.pk]) in page.content.decode()


def test_he_fills_a_list_and_refers_the_suggestion_in_one_step(
    accepted, water, ervaringsdeskundige, login
):
    client = login(ervaringsdeskundige)
    page = client.get(reverse("experts:checklist_choose", args=[accepted.pk])).content.decode()
    fill_url = reverse("experts:checklist_fill", args=[accepted.pk, water.pk])
    assert fill_url in page
    assert client.get(fill_url).status_code == 200
    field = f"vraag_{question(water, 'Is de waterfactuur').pk}"

    response = client.post(fill_url, {field: Reply.YES, "note": "Factuur verdubbeld."})

    filled = FilledChecklist.objects.get(dossier=accepted.dossier)
    assert filled.filled_by == ervaringsdeskundige
    assert response.url == reverse("experts:checklist_filled", args=[filled.pk])
    page = client.get(response.url).content.decode()
    answer = filled.answers.get(question__text__startswith="Is de waterfactuur")
    refer_url = reverse("experts:checklist_refer", args=[answer.pk])
    assert refer_url in page and "Waterscan aanvragen" in page

    response = client.post(refer_url, follow=True)

    scan = accepted.dossier.water_scans.get()
    assert scan.status == WaterScan.Status.REQUESTED and scan.requested_by == ervaringsdeskundige
    answer.refresh_from_db()
    assert answer.referred_by == ervaringsdeskundige
    assert "Waterscan aangevraagd." in response.content.decode()
    # The dossier's workers see it on the timeline.
    assert accepted.dossier.events.filter(kind="richtvragen").exists()
    assert accepted.dossier.events.filter(kind="waterscan").exists()


def test_the_filled_page_shows_only_the_questions_answers_and_suggestions(
    accepted, water, ervaringsdeskundige, login
):
    filled = _fill(accepted, water, ervaringsdeskundige)
    page = login(ervaringsdeskundige).get(reverse("experts:checklist_filled", args=[filled.pk]))
    content = page.content.decode()
    assert "Is de waterfactuur" in content and "Factuur verdubbeld." in content
    dossier = accepted.dossier
    for secret in ("85073003328", "1234", dossier.number, dossier.get_absolute_url()):
        assert secret not in content, secret


def test_other_households_and_other_peoples_lists_answer_404(
    accepted, water, ervaringsdeskundige, other_expert, mw, login
):
    other = actions.proposal_accept(
        actions.proposal_create(
            DossierFactory(assigned_to=mw), expert=other_expert, help_asked="x", note="y", actor=mw
        ),
        actor=other_expert,
    )
    of_other = _fill(other, water, other_expert)
    of_worker = _fill(accepted, water, mw)
    client = login(ervaringsdeskundige)
    answer_of = lambda filled: filled.answers.get().pk  # noqa: E731
    urls = [
        reverse("experts:checklist_choose", args=[other.pk]),
        reverse("experts:checklist_fill", args=[other.pk, water.pk]),
        reverse("experts:checklist_filled", args=[of_other.pk]),
        reverse("experts:checklist_filled", args=[of_worker.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    for filled in (of_other, of_worker):
        url = reverse("experts:checklist_refer", args=[answer_of(filled)])
        assert client.post(url).status_code == 404, url
    assert not WaterScan.objects.exists()
    assert FilledChecklist.objects.filter(filled_by=ervaringsdeskundige).count() == 0


def test_an_ended_proposal_closes_his_lists(accepted, water, ervaringsdeskundige, mw, login):
    filled = _fill(accepted, water, ervaringsdeskundige)
    actions.proposal_end(accepted, reason="klaar", actor=mw)
    client = login(ervaringsdeskundige)
    assert client.get(reverse("experts:checklist_filled", args=[filled.pk])).status_code == 404
    answer = filled.answers.get()
    url = reverse("experts:checklist_refer", args=[answer.pk])
    assert client.post(url).status_code == 404


def test_a_user_without_an_accepted_proposal_gets_nothing(
    accepted, water, ervaringsdeskundige, other_expert, mw, login
):
    filled = _fill(accepted, water, ervaringsdeskundige)
    answer = filled.answers.get()
    for user in (other_expert, mw):
        client = login(user)
        for url in (
            reverse("experts:checklist_choose", args=[accepted.pk]),
            reverse("experts:checklist_fill", args=[accepted.pk, water.pk]),
            reverse("experts:checklist_filled", args=[filled.pk]),
        ):
            assert client.get(url).status_code in (403, 404), (user, url)
        url = reverse("experts:checklist_refer", args=[answer.pk])
        assert client.post(url).status_code in (403, 404), (user, url)
    assert Answer.objects.filter(referred_at__isnull=False).count() == 0


def test_every_page_is_an_audited_read_with_his_role_as_purpose(
    accepted, water, ervaringsdeskundige, login
):
    filled = _fill(accepted, water, ervaringsdeskundige)
    client = login(ervaringsdeskundige)
    for url in (
        reverse("experts:checklist_choose", args=[accepted.pk]),
        reverse("experts:checklist_fill", args=[accepted.pk, water.pk]),
        reverse("experts:checklist_filled", args=[filled.pk]),
    ):
        before = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).count()
        assert client.get(url).status_code == 200
        reads = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).order_by("-pk")
        assert reads.count() == before + 1, url
        read = reads.first()
        assert read.actor == ervaringsdeskundige
        assert read.purpose.startswith("Ervaringsdeskundige"), read.purpose


def test_the_impact_counts_suggestions_and_referrals_of_his_lists(
    accepted, water, ervaringsdeskundige, mw
):
    filled = _fill(accepted, water, ervaringsdeskundige)
    _fill(accepted, water, mw)  # a worker's list is not the expert's impact
    checklist_actions.suggestion_refer(filled.suggestions[0], actor=ervaringsdeskundige)
    period = periods.this_year()
    mine = impact.counts({"now": period}, expert=ervaringsdeskundige)["now"]
    assert mine[ervaringsdeskundige.pk].values["suggested"] == 1
    assert mine[ervaringsdeskundige.pk].values["referred"] == 1
    everyone = impact.total(impact.counts({"now": period})["now"])
    assert everyone.values["suggested"] == 1 and everyone.values["referred"] == 1
