import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.triage.actions import decisions, matching
from bereik.triage.models import MatchCandidate, Triage

INSZ = "79102614033"
OTHER_INSZ = "60122008577"


@pytest.fixture
def register(db):
    return {
        "insz": ClientFactory(
            last_name="Peeters",
            first_name="Jan",
            insz=INSZ,
            street="Kerkstraat",
            house_number="1",
        ),
        "address": ClientFactory(
            last_name="Van den Broeck",
            first_name="Sarah",
            street="Groenstraat",
            house_number="173",
            postcode="3806",
        ),
        "elsewhere": ClientFactory(
            last_name="Claes", first_name="Mehmet", street="Kerkstraat", house_number="51 bus 2"
        ),
    }


def test_a_valid_insz_on_both_sides_links_for_certain(register, preventiewerker):
    dossier = DossierFactory(last_name="Anders", first_name="Iemand", insz=INSZ)

    summary = matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert summary.linked_insz == 1
    assert dossier.client == register["insz"]
    assert dossier.triage.method == Triage.Method.BY_INSZ
    # How it was linked follows the client number (no parentheses inside parentheses).
    assert dossier.events.get(kind="client").summary == (
        f"Gekoppeld aan cliënt {register['insz'].client_number} · INSZ"
    )


def test_name_and_address_link_automatically_with_the_score(register, preventiewerker):
    dossier = DossierFactory(
        last_name="VANDENBROECK", first_name="sarah", street="Groenstraat", house_number="173",
        postcode="3806",
    )  # fmt: skip

    matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert dossier.client == register["address"]
    assert dossier.triage.method == Triage.Method.AUTOMATIC
    assert dossier.triage.score >= 90
    assert dossier.triage.decided_by is None
    event = AuditEvent.objects.get(action="dossiers.match")
    assert event.actor == preventiewerker
    assert event.details["links"] == [[dossier.pk, register["address"].pk, "automatisch"]]


def test_a_namesake_elsewhere_goes_to_the_confirmation_queue(register, preventiewerker):
    dossier = DossierFactory(
        last_name="Claes", first_name="Mehmet", street="Molenstraat", house_number="166"
    )

    summary = matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert summary.to_confirm == 1
    assert dossier.client is None
    assert dossier.route == ""
    assert dossier.triage.match_status == Triage.MatchStatus.TO_CONFIRM
    assert list(dossier.triage.candidates.values_list("client", flat=True)) == [
        register["elsewhere"].pk
    ]


def test_an_unknown_household_is_new_and_goes_to_route_c(register, preventiewerker):
    dossier = DossierFactory(last_name="Onbekend", first_name="Nieuw", street="Veldstraat")

    matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert dossier.triage.match_status == Triage.MatchStatus.NEW
    assert dossier.route == Dossier.Route.C
    assert dossier.assigned_to == preventiewerker


def test_a_different_insz_is_never_linked(preventiewerker):
    ClientFactory(
        last_name="De Smet", first_name="Mohamed", insz=OTHER_INSZ, street="Tiensesteenweg",
        house_number="18",
    )  # fmt: skip
    dossier = DossierFactory(
        last_name="De Smet", first_name="Mohamed", insz=INSZ, street="Tiensesteenweg",
        house_number="18",
    )  # fmt: skip

    matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert dossier.client is None
    assert dossier.triage.match_status == Triage.MatchStatus.NEW


def test_confirming_a_candidate_links_it_and_records_who(register, preventiewerker):
    dossier = DossierFactory(
        last_name="Claes", first_name="Mehmet", street="Molenstraat", house_number="166"
    )
    matching.match_dossiers([dossier.pk], preventiewerker)

    decisions.match_confirm(dossier, register["elsewhere"], actor=preventiewerker)

    dossier.refresh_from_db()
    assert dossier.client == register["elsewhere"]
    assert dossier.triage.method == Triage.Method.CONFIRMED
    assert dossier.triage.decided_by == preventiewerker
    assert dossier.route == Dossier.Route.C
    event = dossier.events.filter(kind="client").last()
    assert event.summary == (
        f"Gekoppeld aan cliënt {register['elsewhere'].client_number} · bevestigd, door "
        f"{preventiewerker.get_full_name()}"
    )


def test_rejecting_the_last_candidate_makes_the_household_new(register, preventiewerker):
    dossier = DossierFactory(
        last_name="Claes", first_name="Mehmet", street="Molenstraat", house_number="166"
    )
    matching.match_dossiers([dossier.pk], preventiewerker)

    decisions.match_reject(dossier, register["elsewhere"], actor=preventiewerker)

    dossier.refresh_from_db()
    assert dossier.triage.match_status == Triage.MatchStatus.NEW
    assert dossier.route == Dossier.Route.C
    # Matching again does not bring the rejected client back.
    matching.match_dossiers([dossier.pk], preventiewerker)
    dossier.refresh_from_db()
    assert dossier.triage.match_status == Triage.MatchStatus.NEW
    assert MatchCandidate.objects.get(triage=dossier.triage).rejected_by == preventiewerker


def test_a_link_can_be_undone_with_a_reason_and_is_not_made_again(register, preventiewerker):
    dossier = DossierFactory(
        last_name="Van den Broeck", first_name="Sarah", street="Groenstraat", house_number="173",
        postcode="3806",
    )  # fmt: skip
    matching.match_dossiers([dossier.pk], preventiewerker)
    dossier.refresh_from_db()

    with pytest.raises(ValidationError):
        decisions.match_unlink(dossier, reason="", actor=preventiewerker)
    decisions.match_unlink(dossier, reason="Andere Sarah", actor=preventiewerker)

    dossier.refresh_from_db()
    assert dossier.client is None
    assert dossier.events.filter(text="Andere Sarah", summary__contains="ongedaan").exists()
    matching.match_dossiers([dossier.pk], preventiewerker)
    dossier.refresh_from_db()
    assert dossier.client is None


def test_a_new_client_can_be_made_from_the_dossier(preventiewerker):
    dossier = DossierFactory(last_name="Nieuw", first_name="Gezin", insz=INSZ, phone="0470")

    client = decisions.client_create_from_dossier(dossier, actor=preventiewerker)

    dossier.refresh_from_db()
    assert dossier.client == client
    assert client.client_number.startswith("B")
    assert client.insz == INSZ and client.source == Client.Source.DOSSIER
    assert dossier.triage.method == Triage.Method.CREATED
    assert dossier.route == Dossier.Route.C


def test_matching_skips_linked_and_closed_dossiers(register, preventiewerker):
    linked = DossierFactory(client=register["address"])
    closed = DossierFactory(insz=INSZ, status=Dossier.Status.CLOSED)

    summary = matching.match_dossiers([linked.pk, closed.pk], preventiewerker)

    closed.refresh_from_db()
    assert summary.skipped == 2
    assert closed.client is None


def test_matching_costs_the_same_queries_for_3_or_30_dossiers(register, preventiewerker):
    def run(count):
        # House numbers of their own: the factory's running number could put one of them at a
        # register client's address, and then the count depends on the tests run before.
        dossiers = [
            DossierFactory(last_name=f"Onbekend{i}", first_name="X", house_number=str(100 + i))
            for i in range(count)
        ]
        dossiers += [
            DossierFactory(insz=INSZ, house_number="98"),
            DossierFactory(last_name="Claes", first_name="Mehmet", house_number="99"),
        ]
        with CaptureQueriesContext(connection) as queries:
            matching.match_dossiers([d.pk for d in dossiers], preventiewerker)
        return len(queries.captured_queries)

    Organisation.get()  # made on first use: not part of the count
    assert run(3) == run(30)
    assert DossierEvent.objects.filter(kind="client").count() == (3 + 2) + (30 + 2)


def test_a_person_must_confirm_a_link(register):
    dossier = DossierFactory(last_name="Claes", first_name="Mehmet", street="Molenstraat")
    with pytest.raises(ValidationError):
        decisions.match_confirm(dossier, register["elsewhere"], actor=None)


def test_the_arrived_event_works_out_the_volgende_stap_once(preventiewerker, monkeypatch):
    """The triage leaves the volgende stap to the event's last subscriber: a new dossier's step
    is worked out once, not by the triage and again by the flow."""
    from bereik.dossiers import flow
    from bereik.dossiers import next_step as steps
    from bereik.triage.actions import arrival

    dossier = DossierFactory(last_name="Nieuwe", first_name="Klant")
    refreshed = []
    real = steps.refresh

    def counting(dossiers, **kwargs):
        dossiers = list(dossiers)
        refreshed.extend(d.pk for d in dossiers)
        return real(dossiers, **kwargs)

    monkeypatch.setattr(steps, "refresh", counting)

    arrival.match_arrived([dossier.pk], actor=preventiewerker)
    dossier.refresh_from_db()
    assert dossier.route == Dossier.Route.C and dossier.assigned_to == preventiewerker
    assert dossier.next_step == "" and refreshed == []

    results, problems = flow.arrived.send_guarded([dossier.pk], actor=preventiewerker)
    dossier.refresh_from_db()
    assert problems == []
    assert dossier.next_step == "Onaangekondigd huisbezoek"
    assert refreshed == [dossier.pk]


def test_matching_on_its_own_gives_a_new_dossier_its_volgende_stap(preventiewerker):
    dossier = DossierFactory(last_name="Nieuwe", first_name="Klant")

    matching.match_dossiers([dossier.pk], preventiewerker)

    dossier.refresh_from_db()
    assert dossier.next_step == "Onaangekondigd huisbezoek"
