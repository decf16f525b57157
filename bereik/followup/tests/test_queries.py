"""The read interface for the LAC app: bulk, no query per dossier."""

from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup import actions, queries
from bereik.followup.models import RightCheck, RightItem
from bereik.followup.tests.factories import ProposalFactory


def test_feedback_for_returns_the_latest_proposal_per_dossier(mw, django_assert_num_queries):
    first, second, empty = DossierFactory(), DossierFactory(), DossierFactory()
    ProposalFactory(dossier=first, author=mw, feedback="oud")
    latest = ProposalFactory(dossier=first, author=mw, feedback="nieuw")
    other = ProposalFactory(dossier=second, author=mw, feedback="ander")

    with django_assert_num_queries(2):
        result = queries.feedback_for([first, second, empty.pk])
        assert result[first.pk].author == mw

    assert result == {first.pk: latest, second.pk: other}


def test_reports_for_returns_the_current_version(mw, django_assert_num_queries):
    first, second = DossierFactory(), DossierFactory()
    actions.report_save(first, text="v1", actor=mw)
    actions.report_save(first, text="v2", actor=mw)
    actions.report_save(second, text="ander v1", actor=mw)

    with django_assert_num_queries(2):
        result = queries.reports_for([first.pk, second.pk])

    assert {pk: report.text for pk, report in result.items()} == {
        first.pk: "v2",
        second.pk: "ander v1",
    }


def test_rights_counts_for_many_dossiers(mw, django_assert_num_queries):
    first, second = DossierFactory(), DossierFactory()
    items = list(RightItem.objects.all()[:3])
    actions.rights_update(
        first,
        {
            items[0].pk: (RightCheck.Status.APPLIED, ""),
            items[1].pk: (RightCheck.Status.TO_CHECK, ""),
        },
        actor=mw,
    )

    with django_assert_num_queries(1):
        result = queries.rights_counts_for([first, second])

    assert result == {first.pk: {RightCheck.Status.APPLIED: 1, RightCheck.Status.TO_CHECK: 1}}


def test_empty_summaries_are_falsy():
    assert not queries.RightsSummary()
    assert queries.feedback_for([]) == {}


def test_outcome_labels_map_codes_to_labels(db):
    assert queries.outcome_labels()["afsluiting_vermeden"] == "Afsluiting vermeden"
