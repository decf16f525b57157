"""`Dossier.to_confirm` is the triage's status "te bevestigen" kept on the dossier, so that the
lists "Te triëren" and "Te bevestigen koppelingen" read one table through an index (issue 11):
every way the status changes keeps it in step, a dossier at a time or a batch at once, and a
save of the dossier afterwards writes the same. The migration marks the dossiers already
waiting."""

import importlib

import pytest
from django.apps import apps

from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.triage.actions import decisions, matching
from bereik.triage.models import Triage
from bereik.triage.queries import to_confirm_q

pytestmark = pytest.mark.django_db


def flagged() -> set[int]:
    return set(Dossier.objects.filter(to_confirm=True).values_list("pk", flat=True))


def waiting() -> set[int]:
    statuses = Triage.objects.filter(match_status=Triage.MatchStatus.TO_CONFIRM)
    return set(statuses.values_list("dossier_id", flat=True))


@pytest.fixture
def namesakes(db):
    """Two clients called Mehmet Claes, neither at the household's address."""
    return [
        ClientFactory(
            last_name="Claes", first_name="Mehmet", street="Kerkstraat", house_number="51"
        ),
        ClientFactory(
            last_name="Claes", first_name="Mehmet", street="Veldstraat", house_number="3"
        ),
    ]


def household():
    return DossierFactory(
        last_name="Claes", first_name="Mehmet", street="Molenstraat", house_number="166"
    )


def test_the_flag_follows_the_status_through_matching_and_every_decision(
    namesakes, preventiewerker
):
    first, second, unknown = household(), household(), DossierFactory(last_name="Onbekend")
    matching.match_dossiers([first.pk, second.pk, unknown.pk], preventiewerker)
    assert flagged() == waiting() == {first.pk, second.pk}
    assert set(Dossier.objects.filter(to_confirm_q()).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }

    first.refresh_from_db()
    decisions.match_confirm(first, namesakes[0], actor=preventiewerker)
    assert flagged() == waiting() == {second.pk}
    # Undone: the client is ruled out, the other namesake waits for a decision again.
    decisions.match_unlink(first, reason="Verkeerde persoon", actor=preventiewerker)
    assert flagged() == waiting() == {first.pk, second.pk}
    # Ruling out the last candidate makes the household new; "none of them" does for the other.
    decisions.match_reject(first, namesakes[1], actor=preventiewerker)
    second.refresh_from_db()
    decisions.match_mark_new(second, actor=preventiewerker)
    assert flagged() == waiting() == set()


def test_a_save_of_the_dossier_after_a_decision_keeps_the_flag(namesakes, preventiewerker):
    dossier = household()
    matching.match_dossiers([dossier.pk], preventiewerker)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.to_confirm
    decisions.match_confirm(dossier, namesakes[1], actor=preventiewerker)
    dossier.save()  # every field, as the dossier was in memory after the decision
    assert flagged() == waiting() == set()


def test_a_batch_writes_each_flag_as_its_triage_says_though_read_before_a_decision(
    namesakes, preventiewerker
):
    """A batch's triages may have been read before a person's decision on one of them was
    committed (on PostgreSQL nothing keeps the two apart): the batch's status is what stands,
    and its flag with it, even where the batch sees no change of its own."""
    dossier = household()
    matching.match_dossiers([dossier.pk], preventiewerker)
    # What a person's decision committed meanwhile left on the dossier.
    Dossier.objects.filter(pk=dossier.pk).update(to_confirm=False)
    matching.match_dossiers([dossier.pk], preventiewerker)  # waiting, as the batch read it
    assert flagged() == waiting() == {dossier.pk}


def test_a_triage_made_waiting_flags_its_dossier_and_one_loaded_without_its_status_too():
    dossier = DossierFactory()
    Triage.objects.create(dossier=dossier, match_status=Triage.MatchStatus.TO_CONFIRM)
    assert flagged() == {dossier.pk}
    triage = Triage.objects.only("id", "dossier").get(dossier=dossier)
    triage.match_status = Triage.MatchStatus.NEW
    triage.save()
    assert flagged() == set()
    # A save of other fields leaves the flag as it is.
    Triage.objects.filter(pk=triage.pk).update(match_status=Triage.MatchStatus.TO_CONFIRM)
    Dossier.objects.filter(pk=dossier.pk).update(to_confirm=True)
    triage.route_by_hand = True
    triage.save(update_fields=["route_by_hand"])
    assert flagged() == {dossier.pk}


def test_the_migration_marks_the_dossiers_already_waiting():
    queued, linked = DossierFactory(), DossierFactory()
    Triage.objects.create(dossier=queued, match_status=Triage.MatchStatus.TO_CONFIRM)
    Triage.objects.create(dossier=linked, match_status=Triage.MatchStatus.LINKED)
    Dossier.objects.update(to_confirm=False)  # as the column is made
    migration = importlib.import_module("bereik.triage.migrations.0004_dossier_to_confirm")
    migration.mark_waiting(apps, None)
    assert flagged() == {queued.pk}
