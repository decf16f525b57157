import pytest
from django.core.exceptions import ValidationError

from bereik.accounts import actions as account_actions
from bereik.accounts.models import Notification, Role
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.conftest import make_user
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.organisation.models import Organisation
from bereik.triage.actions import assignment
from bereik.triage.actions.routes import dossiers_triage


def triaged(*dossiers, actor):
    dossiers_triage(list(dossiers), actor=actor)
    for dossier in dossiers:
        dossier.refresh_from_db()


def in_guidance(worker):
    return DossierFactory(
        client=ClientFactory(guidance_status=Client.Guidance.ACTIVE, social_worker=worker)
    )


def not_in_guidance(worker=None, intensive=False):
    return DossierFactory(
        client=ClientFactory(
            guidance_status=Client.Guidance.CLOSED,
            intensive_guidance=intensive,
            social_worker=worker,
        )
    )


@pytest.fixture
def org(db):
    return Organisation.get()


def use_model(org, model, **fields):
    org.assignment_model = model
    for name, value in fields.items():
        setattr(org, name, value)
    org.save()
    return org


# --- preventiewerker (Sint-Truiden) ---------------------------------------------------------


def test_preventiewerker_model_sends_an_absent_workers_client_to_the_preventiewerker(
    org, mw, preventiewerker
):
    account_actions.user_set_absent(mw, True, actor=None)
    dossier = in_guidance(mw)

    triaged(dossier, actor=preventiewerker)

    assert dossier.route == Dossier.Route.A
    assert dossier.assigned_to == preventiewerker
    assert dossier.events.filter(kind="assignment", text__contains="afwezig").exists()


def test_preventiewerker_model_spreads_over_several_preventiewerkers(org, preventiewerker):
    second = make_user("petra", [Role.Code.PREVENTIEWERKER], ["onthaalteam"])
    dossiers = [not_in_guidance() for _ in range(4)]

    triaged(*dossiers, actor=None)

    owners = [d.assigned_to for d in dossiers]
    assert owners.count(preventiewerker) == 2 and owners.count(second) == 2


def test_without_a_preventiewerker_the_dossier_stays_unassigned(org, mw):
    dossier = not_in_guidance()

    triaged(dossier, actor=None)

    assert dossier.assigned_to is None
    assert dossier.events.filter(summary="Niet automatisch toegewezen").exists()


# --- verdelen (Kontich) ---------------------------------------------------------------------


def test_verdelen_gives_own_clients_to_their_worker_and_spreads_the_rest(
    org, mw, mw_other, preventiewerker
):
    absent = make_user(
        "abe", [Role.Code.MAATSCHAPPELIJK_WERKER], ["sociale_dienst"], is_absent=True
    )
    use_model(org, Organisation.AssignmentModel.VERDELEN)
    org.distribution_pool.set([mw, mw_other, absent])
    DossierFactory(assigned_to=mw)  # mw already has one open dossier
    own = in_guidance(mw_other)
    others = [not_in_guidance(intensive=True), not_in_guidance(), not_in_guidance()]

    triaged(own, *others, actor=preventiewerker)

    assert own.assigned_to == mw_other
    owners = [d.assigned_to for d in others]
    assert absent not in owners
    # Workload after: mw 1 + x, mw_other 1 + y; the spread keeps them even.
    assert sorted([owners.count(mw) + 1, owners.count(mw_other) + 1]) == [2, 3]
    assert not others[0].consultations.exists()  # no overleg outside the preventiewerker model


def test_verdelen_with_an_empty_pool_leaves_dossiers_unassigned(org, preventiewerker):
    use_model(org, Organisation.AssignmentModel.VERDELEN)
    dossier = not_in_guidance()

    triaged(dossier, actor=preventiewerker)

    assert dossier.assigned_to is None


# --- specialist (Dendermonde) ---------------------------------------------------------------


def test_specialist_prepares_everything_outside_active_guidance(org, mw, cel, preventiewerker):
    use_model(org, Organisation.AssignmentModel.SPECIALIST, specialist=cel)
    own = in_guidance(mw)
    past = not_in_guidance(mw, intensive=True)
    unknown = DossierFactory()

    triaged(own, past, unknown, actor=preventiewerker)

    assert own.assigned_to == mw
    assert past.assigned_to == cel and unknown.assigned_to == cel
    assert unknown.route == Dossier.Route.C


def test_an_absent_specialist_gets_nothing(org, cel, preventiewerker):
    use_model(org, Organisation.AssignmentModel.SPECIALIST, specialist=cel)
    account_actions.user_set_absent(cel, True, actor=None)
    dossier = not_in_guidance()

    triaged(dossier, actor=preventiewerker)

    assert dossier.assigned_to is None


# --- by hand ----------------------------------------------------------------------------------


def test_reassigning_by_hand_needs_a_reason_and_is_in_the_history(
    org, mw, mw_other, preventiewerker
):
    dossier = DossierFactory(assigned_to=mw)

    with pytest.raises(ValidationError):
        assignment.dossier_assign(dossier, mw_other, reason="", actor=preventiewerker)
    assignment.dossier_assign(dossier, mw_other, reason="Verlof van Mia", actor=preventiewerker)

    dossier.refresh_from_db()
    assert dossier.assigned_to == mw_other
    event = dossier.events.get(kind="assignment")
    assert event.actor == preventiewerker and event.text == "Verlof van Mia"
    assert "was Mia" in event.summary
    assert Notification.objects.filter(user=mw_other).count() == 1
    assert dossier.triage.assigned_by_hand


def test_an_assignment_by_hand_is_kept_when_triage_runs_again(org, mw, mw_other, preventiewerker):
    dossier = in_guidance(mw)
    assignment.dossier_assign(dossier, mw_other, reason="Afspraak", actor=preventiewerker)
    dossier.route = ""  # e.g. after the register changed

    triaged(dossier, actor=preventiewerker)

    assert dossier.route == Dossier.Route.A
    assert dossier.assigned_to == mw_other


def test_bulk_reassignment_notifies_once(org, mw, mw_other, preventiewerker):
    dossiers = [DossierFactory(assigned_to=mw) for _ in range(3)]

    count = assignment.dossiers_assign(
        dossiers, mw_other, reason="Herverdeling", actor=preventiewerker
    )

    assert count == 3
    assert Dossier.objects.filter(assigned_to=mw_other).count() == 3
    assert Notification.objects.filter(user=mw_other).count() == 1
    for dossier in dossiers:
        assert dossier.events.filter(kind="assignment", text="Herverdeling").exists()


def test_a_worker_gets_one_notification_for_a_batch(org, mw, preventiewerker):
    dossiers = [in_guidance(mw) for _ in range(3)]

    triaged(*dossiers, actor=preventiewerker)

    assert Notification.objects.filter(user=mw).count() == 1
    assert "3 dossiers" in Notification.objects.get(user=mw).text


def test_a_worker_gets_one_notification_for_a_long_import_matched_in_steps(
    org, mw, preventiewerker, monkeypatch
):
    """Matching triages and assigns a long import step by step (ADR 0029, fourth round); the
    worker still gets one notification for all of it."""
    from bereik.triage.actions import matching as matching_actions

    monkeypatch.setattr(matching_actions, "LOAD_WHOLE_REGISTER_FROM", 1)  # steps of 4
    numbers = [f"790101{serial:03d}" for serial in range(11, 20)]  # born 1 January 1979
    clients = [
        ClientFactory(
            guidance_status=Client.Guidance.ACTIVE,
            social_worker=mw,
            insz=f"{number}{97 - int(number) % 97:02d}",
        )
        for number in numbers
    ]
    dossiers = [
        DossierFactory(insz=client.insz, last_name=client.last_name, first_name=client.first_name)
        for client in clients
    ]

    summary = matching_actions.match_dossiers([d.pk for d in dossiers], preventiewerker)

    assert summary.linked_insz == 9
    assert Dossier.objects.filter(assigned_to=mw).count() == 9
    assert Notification.objects.filter(user=mw).count() == 1
    assert "9 dossiers" in Notification.objects.get(user=mw).text
