"""A weekly report's lines: matched to the register whether or not a dossier is open, kept with
their client, a dossier only for the actions that call for follow-up, and the queue of lines to
confirm."""

import pytest
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier, Signal
from bereik.intake import actions as intake_actions
from bereik.intake.models import ImportRow
from bereik.triage.actions.lines import match_lines
from bereik.triage.models import LineMatch

pytestmark = pytest.mark.django_db


def _client(**extra):
    return ClientFactory(
        last_name="Martens",
        first_name="An",
        street="Brouwersstraat",
        house_number="13",
        postcode="3800",
        city="Brustem",
        **extra,
    )


LINE = ("7242083", "Martens An", "Brouwersstraat 13, 3800 Brustem", "Herinnering", "18/11/2026")


def test_a_line_without_dossier_is_matched_and_kept_with_its_client(import_report, mw):
    client = _client(guidance_status=Client.Guidance.ACTIVE, social_worker=mw)
    result = import_report((*LINE, "Ja", "297,67"))
    signal = Signal.objects.get(customer_number="7242083")
    assert signal.dossier is None
    assert result.plan.counts["dossiers_created"] == 0
    assert signal.client == client
    assert signal.line_match.status == LineMatch.Status.LINKED
    client.refresh_from_db()
    assert client.protected_customer is True
    assert client.protected_on.isoformat() == "2026-11-18"
    assert client.protected_source == "Weekrapport De Watergroep"


def test_the_clients_page_shows_its_lines(import_report, login, preventiewerker):
    client = _client()
    import_report((*LINE, "Ja", "297,67"))
    page = login(preventiewerker).get(reverse("clients:detail", args=[client.pk]))
    text = page.content.decode()
    assert "Weekrapport van de maatschappij" in text
    assert "Herinnering" in text and "Beschermde klant" in text


def test_a_lookalike_waits_in_the_queue_and_a_person_decides(import_report, login, preventiewerker):
    # Same name, same street, another number: not sure enough to link by itself.
    candidate = ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="15",
        postcode="3800",
    )  # fmt: skip
    import_report((*LINE, "Nee", "10,00"))
    line = LineMatch.objects.get()
    assert line.status == LineMatch.Status.TO_CONFIRM
    assert [c["client"] for c in line.candidates] == [candidate.pk]

    browser = login(preventiewerker)
    page = browser.get(reverse("triage:line_queue"))
    assert page.status_code == 200
    assert "C" in page.content.decode() and candidate.client_number in page.content.decode()
    assert AuditEvent.objects.filter(action="weekly_lines.view", kind="read").exists()

    browser.post(reverse("triage:line_confirm", args=[line.pk, candidate.pk]))
    line.refresh_from_db()
    assert line.status == LineMatch.Status.LINKED
    assert line.signal.client == candidate
    assert AuditEvent.objects.filter(action="line.link_client").exists()
    # Decided by a person: matching again leaves it.
    match_lines([line.signal_id])
    line.refresh_from_db()
    assert line.method == "bevestigd"


def test_none_of_these_is_not_proposed_again(import_report, login, preventiewerker):
    ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="15",
        postcode="3800",
    )  # fmt: skip
    import_report((*LINE, "Nee", "10,00"))
    line = LineMatch.objects.get()
    login(preventiewerker).post(reverse("triage:line_none", args=[line.pk]))
    line.refresh_from_db()
    assert line.status == LineMatch.Status.NEW and line.candidates == []
    assert line.rejected


def test_the_queue_is_for_the_triage_roles(login, mw, ervaringsdeskundige):
    assert login(mw).get(reverse("triage:line_queue")).status_code == 403
    assert login(ervaringsdeskundige).get(reverse("triage:line_queue")).status_code == 403


def test_a_line_in_a_linked_dossier_takes_the_dossiers_client(import_report, mw):
    client = _client()
    import_report(
        ("7242083", "Martens An", "Brouwersstraat 13, 3800 Brustem", "Afsluiting", "18/11/2026",
         "Nee", "1,00"),
    )  # fmt: skip
    dossier = Dossier.objects.get(customer_number="7242083")
    assert dossier.client == client  # the dossier was matched by the triage
    signal = dossier.signals.get()
    assert signal.line_match.status == LineMatch.Status.LINKED
    assert signal.client == client


@pytest.mark.parametrize(
    ("action", "opens"),
    [
        ("Afsluiting", True),
        ("Debietbegrenzer geplaatst", True),
        ("Herinnering", False),
        ("Afbetalingsplan opgesteld", False),
        ("Heraansluiting", False),
    ],
)
def test_only_the_actions_that_call_for_follow_up_open_a_dossier(import_report, action, opens):
    result = import_report(("111", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", action,
                            "18/11/2026", "Nee", "5,00"))  # fmt: skip
    row = result.batch.rows.get()
    assert (row.outcome == ImportRow.Outcome.NEW_DOSSIER) is opens
    assert Dossier.objects.exists() is opens


def test_the_beheerder_chooses_per_action(import_report, login, beheerder):
    # The page offers the actions the reports named (and the defaults).
    import_report(("9", "Peeters Els", "Kerkstraat 9, 3800 Sint-Truiden", "Herinnering",
                   "11/11/2026", "Nee", "5,00"))  # fmt: skip
    browser = login(beheerder)
    page = browser.get(reverse("intake:weekly_actions"))
    assert page.status_code == 200
    # Only Herinnering opens a dossier from now on.
    browser.post(
        reverse("intake:weekly_actions"),
        {"opens": ["Herinnering"]},
    )
    result = import_report(
        ("1", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", "Herinnering", "18/11/2026",
         "Nee", "5,00"),
        ("2", "Peeters Piet", "Kerkstraat 2, 3800 Sint-Truiden", "Afsluiting", "18/11/2026",
         "Nee", "5,00"),
    )  # fmt: skip
    outcomes = dict(result.batch.rows.values_list("customer_number", "outcome"))
    assert outcomes == {"1": ImportRow.Outcome.NEW_DOSSIER, "2": ImportRow.Outcome.UNATTACHED}
    assert AuditEvent.objects.filter(action="weekly_actions.save").exists()


def test_the_action_page_is_for_the_beheerder(login, onthaal):
    assert login(onthaal).get(reverse("intake:weekly_actions")).status_code == 403


def test_two_lines_of_one_household_open_one_dossier(import_report):
    import_report(
        ("1", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", "Afsluiting", "18/11/2026",
         "Nee", "5,00"),
        ("1", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", "Debietbegrenzer geplaatst",
         "19/11/2026", "Nee", "5,00"),
    )  # fmt: skip
    assert Dossier.objects.count() == 1
    assert Dossier.objects.get().signals.count() == 2


def test_matching_a_report_costs_a_constant_number_of_queries(
    django_assert_max_num_queries, watergroep, onthaal
):
    from bereik.weekly.tests.conftest import report

    lines = [
        (str(n), f"Naam{n} Voornaam", f"Kerkstraat {n}, 3800 Sint-Truiden", "Herinnering",
         "18/11/2026", "Nee", "1,00")
        for n in range(1, 41)
    ]  # fmt: skip
    intake_actions.import_file(
        report(*lines[:20]), file_name="a.csv", kind="weekrapport", company=watergroep,
        actor=onthaal,
    )  # fmt: skip
    ids = list(Signal.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(20):
        match_lines(ids)
