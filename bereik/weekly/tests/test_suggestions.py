"""Waterscan te bekijken: the rules (protected customer, 150% of the average, proposed by the LAC,
a CAW or debt mediation), the decisions (ask with a letter, not useful with a reason, later), the
timeline, not coming back unless something changes, and the figures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.followup.models import WaterScan
from bereik.weekly import actions, rules
from bereik.weekly.models import ScanSuggestion, WaterUsage

pytestmark = pytest.mark.django_db

PROTECTED = ("500", "Martens An", "Brouwersstraat 13, 3800 Brustem", "Herinnering", "18/11/2026",
             "Ja", "297,67")  # fmt: skip


@pytest.mark.parametrize(
    ("m3", "people", "high"),
    [
        (Decimal(48), 1, True),  # 150% of 32
        (Decimal("47.9"), 1, False),
        (Decimal(90), 2, True),
        (Decimal(89), 2, False),
        (Decimal("187.5"), 7, True),  # 5 and more: the last average
        (Decimal(100), None, False),
        (None, 3, False),
    ],
)
def test_the_150_percent_rule(m3, people, high):
    assert rules.is_high_usage(m3, people) is high


def test_a_protected_customer_of_the_report_is_suggested(import_report):
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    assert suggestion.customer_number == "500"
    assert suggestion.reasons == [ScanSuggestion.Reason.PROTECTED]
    assert suggestion.status == ScanSuggestion.Status.OPEN
    assert [c.customer_number for c in rules.week_suggestions(rules.current_week())] == ["500"]


def test_a_household_not_protected_is_not_suggested(import_report):
    import_report(("501", "Peeters Jan", "Kerkstraat 1, 3800 Sint-Truiden", "Herinnering",
                   "18/11/2026", "Nee", "1,00"))  # fmt: skip
    assert not ScanSuggestion.objects.exists()


@pytest.mark.parametrize(
    ("usage", "reason"),
    [
        ({"m3_per_year": Decimal(100), "people": 2}, ScanSuggestion.Reason.HIGH_USAGE),
        ({"proposed_by": WaterUsage.ProposedBy.LAC}, ScanSuggestion.Reason.PROPOSED),
        ({"proposed_by": WaterUsage.ProposedBy.CAW}, ScanSuggestion.Reason.PROPOSED),
        ({"proposed_by": WaterUsage.ProposedBy.DEBT}, ScanSuggestion.Reason.PROPOSED),
    ],
)
def test_high_use_or_a_proposal_is_suggested(mw, usage, reason):
    dossier = DossierFactory(assigned_to=mw)
    actions.water_usage_record(dossier, **usage, actor=mw)
    suggestion = ScanSuggestion.objects.get()
    assert suggestion.reasons == [reason]
    assert suggestion.dossier == dossier
    assert DossierEvent.objects.filter(dossier=dossier, kind="waterscan").exists()


def test_normal_use_is_not_suggested(mw):
    actions.water_usage_record(DossierFactory(), m3_per_year=Decimal(50), people=2, actor=mw)
    assert not ScanSuggestion.objects.exists()


def test_not_useful_needs_a_reason_and_the_suggestion_stays_away(import_report, mw):
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    with pytest.raises(ValidationError):
        actions.suggestion_decide(suggestion, ScanSuggestion.Status.NOT_USEFUL, actor=mw)
    actions.suggestion_decide(
        suggestion, ScanSuggestion.Status.NOT_USEFUL, reason="Scan vorig jaar gedaan", actor=mw
    )
    # Another week, the same protected customer: nothing new, it does not come back.
    import_report(PROTECTED[:4] + ("25/11/2026",) + PROTECTED[5:])
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.NOT_USEFUL
    assert rules.week_suggestions(rules.current_week()) == []


def test_it_comes_back_when_something_changes(import_report, mw):
    import_report(
        PROTECTED[:3] + ("Afsluiting",) + PROTECTED[4:]
    )  # opens a dossier for the household
    suggestion = ScanSuggestion.objects.get()
    actions.suggestion_decide(suggestion, ScanSuggestion.Status.NOT_USEFUL, reason="nee", actor=mw)
    dossier = Dossier.objects.get(customer_number="500")
    actions.water_usage_record(dossier, m3_per_year=Decimal(200), people=2, actor=mw)
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.OPEN
    assert set(suggestion.reasons) == {"beschermd", "verbruik"}
    assert dossier.events.filter(summary__startswith="Waterscan opnieuw te bekijken").exists()


def test_later_comes_back_from_its_date(import_report, mw):
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    later = timezone.localdate() + datetime.timedelta(days=10)
    actions.suggestion_decide(suggestion, ScanSuggestion.Status.LATER, later_on=later, actor=mw)
    actions.suggestions_refresh()
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.LATER
    actions.suggestions_refresh(today=later)
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.OPEN


def test_asking_a_scan_makes_the_request_and_the_letter_on_the_dossier(import_report, mw):
    import_report(PROTECTED)  # no dossier: asking opens one for the request and the letter
    suggestion = ScanSuggestion.objects.get()
    letter = actions.suggestion_decide(suggestion, ScanSuggestion.Status.ASKED, actor=mw)
    dossier = Dossier.objects.get(customer_number="500")
    assert letter.dossier == dossier and letter.letter_type == "waterscan_aanvraag"
    assert WaterScan.objects.get(dossier=dossier).status == WaterScan.Status.REQUESTED
    summaries = list(dossier.events.values_list("summary", flat=True))
    assert any("scan aangevraagd met een brief" in s for s in summaries)
    assert dossier.events.filter(kind="waterscan", data__signal__isnull=False).exists()
    with pytest.raises(ValidationError):  # decided: not twice
        actions.suggestion_decide(suggestion, ScanSuggestion.Status.ASKED, actor=mw)


def test_the_letter_is_addressed_to_the_company(import_report, mw):
    from bereik.lib.documents import docx_text

    import_report(PROTECTED)
    letter = actions.suggestion_decide(
        ScanSuggestion.objects.get(), ScanSuggestion.Status.ASKED, actor=mw
    )
    text = docx_text(letter.file.read())
    assert "aanvraag van een gratis waterscan" in text
    assert "De Watergroep" in text and "500" in text and "beschermde klant" in text


def test_the_scans_asked_and_done_count_in_the_figures(import_report, mw, diensthoofd):
    from bereik.reports import periods
    from bereik.reports.figures import compute
    from bereik.reports.scope import scope_for

    import_report(PROTECTED)
    actions.suggestion_decide(ScanSuggestion.objects.get(), ScanSuggestion.Status.ASKED, actor=mw)
    tables = compute(scope_for(diensthoofd), periods.this_year()).tables
    values = {row.label: row.cells[0].current for row in tables["hulp"].rows}
    assert values["Waterscans aangevraagd"] == 1 and values["– aangevraagd"] == 1


def test_the_list_page_and_a_decision_through_it(import_report, login, mw):
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    browser = login(mw)
    page = browser.get(reverse("weekly:suggestions"))
    assert page.status_code == 200 and "Martens An" in page.content.decode()
    answer = browser.post(
        reverse("weekly:decide", args=[suggestion.pk]),
        {f"s{suggestion.pk}-decision": "later", f"s{suggestion.pk}-later_on": "01/01/2030"},
    )
    assert answer.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "later" and suggestion.later_on == datetime.date(2030, 1, 1)
    assert "Martens An" not in browser.get(reverse("weekly:suggestions")).content.decode()


def test_the_diensthoofd_reads_but_does_not_decide(import_report, login, diensthoofd):
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    browser = login(diensthoofd)
    assert browser.get(reverse("weekly:suggestions")).status_code == 200
    answer = browser.post(
        reverse("weekly:decide", args=[suggestion.pk]), {f"s{suggestion.pk}-decision": "later"}
    )
    assert answer.status_code == 403


def test_water_use_is_recorded_from_the_dossier_page(login, mw):
    dossier = DossierFactory(assigned_to=mw)
    browser = login(mw)
    page = browser.get(dossier.get_absolute_url()).content.decode()
    assert "Waterverbruik" in page
    browser.post(
        reverse("weekly:water_usage", args=[dossier.pk]),
        {"verbruik-m3_per_year": "120", "verbruik-people": "2", "verbruik-proposed_by": ""},
    )
    assert WaterUsage.objects.get().m3_per_year == Decimal(120)


def test_someone_outside_the_dossier_records_nothing(login, mw_other):
    dossier = DossierFactory()
    answer = login(mw_other).post(
        reverse("weekly:water_usage", args=[dossier.pk]), {"verbruik-m3_per_year": "120"}
    )
    assert answer.status_code == 404
    assert not WaterUsage.objects.exists()


def test_the_dossier_opened_for_a_scan_is_linked_and_triaged(import_report, mw):
    from bereik.clients.models import Client
    from bereik.clients.tests.factories import ClientFactory

    client = ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="13",
        postcode="3800", guidance_status=Client.Guidance.ACTIVE, social_worker=mw,
    )  # fmt: skip
    import_report(PROTECTED)
    suggestion = ScanSuggestion.objects.get()
    assert suggestion.client == client
    actions.suggestion_decide(suggestion, ScanSuggestion.Status.ASKED, actor=mw)
    dossier = Dossier.objects.get(customer_number="500")
    assert dossier.client == client
    assert dossier.route == "A"
    assert dossier.protected_customer is True
    assert dossier.next_step


def test_the_letter_does_not_name_the_company_twice():
    from types import SimpleNamespace

    from bereik.weekly.letters import _context

    company = SimpleNamespace(
        name="De Watergroep", address="De Watergroep\nStropstraat 1\n9000 Gent"
    )
    dossier = SimpleNamespace(company_id=1, company=company, protected_customer=True)
    context = _context(dossier, grounds="beschermde klant")
    assert context["maatschappij_adres"].text == "Stropstraat 1\n9000 Gent"
    assert context["beschermde_klant"] == "ja"


def test_someone_outside_the_dossier_neither_sees_nor_decides_its_suggestion(login, mw, mw_other):
    dossier = DossierFactory(assigned_to=mw, last_name="Dewinter", first_name="Greet")
    actions.water_usage_record(dossier, m3_per_year=Decimal(200), people=2, actor=mw)
    suggestion = ScanSuggestion.objects.get(dossier=dossier)
    outsider = login(mw_other)

    page = outsider.get(reverse("weekly:suggestions"))
    answer = outsider.post(
        reverse("weekly:decide", args=[suggestion.pk]),
        {f"s{suggestion.pk}-decision": "later", f"s{suggestion.pk}-later_on": "01/01/2030"},
    )

    assert page.status_code == 200 and "Dewinter" not in page.content.decode()
    assert answer.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.OPEN and suggestion.decided_by is None
    # Its own worker sees and decides it.
    assert "Dewinter" in login(mw).get(reverse("weekly:suggestions")).content.decode()
    answer = login(mw).post(
        reverse("weekly:decide", args=[suggestion.pk]),
        {f"s{suggestion.pk}-decision": "later", f"s{suggestion.pk}-later_on": "01/01/2030"},
    )
    assert answer.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.LATER


def test_a_suggestion_known_by_its_client_asks_no_scan_in_a_dossier_the_person_may_not_change(
    import_report, mw, mw_other
):
    from bereik.clients.models import Client
    from bereik.clients.tests.factories import ClientFactory

    client = ClientFactory(
        last_name="Martens", first_name="An", street="Brouwersstraat", house_number="13",
        postcode="3800", guidance_status=Client.Guidance.ACTIVE, social_worker=mw,
    )  # fmt: skip
    import_report(PROTECTED)
    ScanSuggestion.objects.update(dossier=None)  # known by its client only
    suggestion = ScanSuggestion.objects.get(client=client)
    theirs = DossierFactory(client=client, kind=Dossier.Kind.WATER, assigned_to=mw)

    with pytest.raises(ValidationError):
        actions.suggestion_decide(suggestion, ScanSuggestion.Status.ASKED, actor=mw_other)
    assert not WaterScan.objects.filter(dossier=theirs).exists()
    suggestion.refresh_from_db()
    assert suggestion.status == ScanSuggestion.Status.OPEN

    actions.suggestion_decide(suggestion, ScanSuggestion.Status.ASKED, actor=mw)
    assert WaterScan.objects.filter(dossier=theirs).exists()
