"""Contact, help and the LAC on hand-made dossiers."""

import datetime

import time_machine

from bereik.dossiers.tests.factories import SignalFactory
from bereik.followup.models import InternalReferral, Proposal, RightCheck, WaterScan
from bereik.followup.tests.factories import ProposalFactory, organisation
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.organisation.models import Company
from bereik.outreach import actions as outreach
from bereik.outreach.models import ContactAttempt
from bereik.reports import definitions, periods
from bereik.reports.figures import compute
from bereik.reports.scope import scope_for
from bereik.reports.tests.conftest import dossier, moment

D = datetime.date
K, R = ContactAttempt.Kind, ContactAttempt.Result


def tables(user, **kwargs):
    return compute(scope_for(user), periods.this_year(), **kwargs).tables


def values(table, column=0):
    return {row.label: row.cells[column].current for row in table.rows}


def test_attempts_by_kind_and_result_count_current_attempts_only(diensthoofd, preventiewerker):
    d = dossier(D(2026, 3, 2))

    def attempt(kind, day, result):
        return outreach.attempt_record(
            d, kind=kind, date=day, part_of_day="voormiddag", result=result,
            performed_by=preventiewerker, actor=preventiewerker,
        )  # fmt: skip

    attempt(K.UNANNOUNCED_VISIT, D(2026, 3, 3), R.NOT_HOME)
    wrong = attempt(K.PHONE, D(2026, 3, 4), R.NO_RESPONSE)
    outreach.attempt_correct(wrong, reason="Was een sms", kind=K.SMS, actor=preventiewerker)
    struck = attempt(K.PHONE, D(2026, 3, 5), R.NO_RESPONSE)
    outreach.attempt_withdraw(struck, reason="Verkeerd dossier", actor=preventiewerker)
    attempt(K.ANNOUNCED_VISIT, D(2026, 3, 10), R.REACHED)
    dossier(D(2025, 3, 2))

    table = tables(diensthoofd)["pogingen"]
    rows = {row.key: [cell.current for cell in row.cells] for row in table.rows}
    headers = ["Totaal", *[str(label) for _code, label in R.choices]]
    assert table.headers == headers
    assert rows["*"][:4] == [3, 1, 1, 1]  # all: total, reached, not at home, no response
    assert rows["bezoek"][:3] == [2, 1, 1]  # both kinds of home visit
    assert rows[K.SMS][0] == 1 and K.PHONE not in rows
    assert table.rows[0].cells[0].links[0]["cijfer"] == "poging:*:*"


def test_payment_plans_kept_after_3_6_and_12_months(diensthoofd, preventiewerker):
    def plan(opened, start, signal=None, agrees=Proposal.Agreement.AGREES):
        d = dossier(opened)
        ProposalFactory(dossier=d, start_date=start, client_agrees=agrees, author=preventiewerker)
        if signal is not None:
            SignalFactory(dossier=d, received_at=moment(signal))
        return d

    plan(D(2026, 1, 5), D(2026, 2, 1))  # 9 months ago, no new signal: kept at 3 and 6
    plan(D(2026, 1, 5), D(2026, 2, 1), signal=D(2026, 6, 15))  # signal after 4.5 months
    plan(D(2026, 1, 5), D(2026, 2, 1), signal=D(2026, 2, 1))  # the day of the first payment
    plan(D(2026, 6, 5), D(2026, 7, 1))  # not 6 months yet
    plan(D(2026, 6, 5), D(2026, 7, 1), agrees=Proposal.Agreement.PENDING)  # no plan
    plan(D(2025, 1, 5), D(2025, 2, 1))  # the year earlier: 22 months, kept

    figures = compute(scope_for(diensthoofd), periods.this_year())
    table = figures.tables["plannen"]
    rows = {row.key: [cell.values() for cell in row.cells] for row in table.rows}
    assert rows["3"] == [(4, 1), (4, 1), (100.0, 100.0)]
    assert rows["6"] == [(3, 1), (2, 1), (200 / 3, 100.0)]
    assert rows["12"] == [(0, 1), (0, 1), (None, 100.0)]
    assert values(figures.tables["hulp"])["Dossiers met een afbetalingsplan"] == 4


def test_help_records_count_once_each(diensthoofd, preventiewerker, team):
    d = dossier(D(2026, 3, 2))
    ProposalFactory(dossier=d, author=preventiewerker, arrangement=Proposal.Arrangement.NONE)
    ProposalFactory(dossier=d, author=preventiewerker, arrangement=Proposal.Arrangement.NONE)
    for number, status in enumerate(
        [RightCheck.Status.APPLIED, RightCheck.Status.APPLIED, RightCheck.Status.USED]
    ):
        RightCheck.objects.create(
            dossier=d, item_id=number + 1, status=status, updated_by=preventiewerker
        )
    d.support_requests.create(
        amount=100, purpose="x", decision="toegekend", created_by=preventiewerker
    )
    d.support_requests.create(amount=100, purpose="y", created_by=preventiewerker)
    d.internal_referrals.create(
        to_team=team["trajectbegeleiding"], referred_by=preventiewerker, help_kind="andere",
        reason="r", status=InternalReferral.Status.ACCEPTED,
    )  # fmt: skip
    d.external_referrals.create(
        organisation=organisation(), contact_person="An", referred_by=preventiewerker,
        status="bevestigd",
    )  # fmt: skip
    d.water_scans.create(requested_by=preventiewerker, status=WaterScan.Status.DONE)

    help_values = values(tables(diensthoofd)["hulp"])
    assert help_values["Dossiers met een gesprek en voorstel"] == 1
    assert help_values["Dossiers met een afbetalingsplan"] == 0
    assert help_values["Dossiers met een rechtenonderzoek"] == 1
    assert help_values["Rechten aangevraagd"] == 2
    assert help_values["Steunaanvragen"] == 2 and help_values["– toegekend"] == 1
    assert help_values["Interne doorverwijzingen"] == 1 and help_values["– aanvaard"] == 1
    assert help_values["Warme overdrachten (extern)"] == 1
    assert help_values["– opgenomen door de dienst"] == 1
    assert help_values["Waterscans aangevraagd"] == 1 and help_values["– uitgevoerd"] == 1


def test_the_lac_sessions_of_the_period(diensthoofd):
    watergroep = Company.objects.get(name="De Watergroep")
    fluvius = Company.objects.get(name="Fluvius")
    session = SessionFactory(date=D(2026, 5, 12), company=watergroep)
    reached = dossier(D(2026, 4, 1), reached=D(2026, 5, 11))
    on_the_day = dossier(D(2026, 4, 1), reached=D(2026, 5, 12))
    AgendaItemFactory(session=session, dossier=reached, attendance="aanwezig",
                      advice="afbetalingsplan", unanimous=True)  # fmt: skip
    AgendaItemFactory(session=session, dossier=on_the_day, attendance="vertegenwoordigd",
                      advice="debietbegrenzer", unanimous=False,
                      legal_deadline=D(2026, 5, 10))  # fmt: skip
    AgendaItemFactory(session=session, attendance="afwezig", advice="")
    energy = SessionFactory(date=D(2026, 6, 2), company=fluvius, kind="energie")
    AgendaItemFactory(session=energy, attendance="afwezig", advice="geen_afsluiting",
                      unanimous=True, legal_deadline=D(2026, 6, 2))  # fmt: skip
    SessionFactory(date=D(2025, 6, 3), company=fluvius, kind="energie")  # a year earlier, empty
    SessionFactory(date=D(2026, 12, 1), company=fluvius, kind="energie")  # to come

    lac = tables(diensthoofd)
    sessions = {
        row.label: [cell.values() for cell in row.cells] for row in lac["lac_zittingen"].rows
    }
    assert sessions["Alle zittingen"] == [(2, 1), (4, 0), (2.0, 0.0), (1, 0), (25.0, None)]
    assert sessions["De Watergroep"][:2] == [(1, 0), (3, 0)]
    assert sessions["Fluvius"][:2] == [(1, 1), (1, 0)]
    assert values(lac["lac_aanwezigheid"]) == {
        "Aanwezig": 1, "Vertegenwoordigd": 1, "Afwezig": 2, "Niet genoteerd": 0
    }  # fmt: skip
    assert values(lac["lac_advies"]) == {
        "Afbetalingsplan": 1, "Debietbegrenzer": 1, "Geen afsluiting": 1, "Nog geen advies": 1
    }  # fmt: skip
    assert values(lac["lac_beslissing"]) == {
        "Unaniem": 2, "Niet unaniem": 1, "Advies na de wettelijke termijn": 1
    }  # fmt: skip


def test_a_plan_is_measured_once_it_has_run_that_long(diensthoofd, preventiewerker):
    d = dossier(D(2026, 1, 5))
    ProposalFactory(dossier=d, start_date=D(2026, 8, 31), author=preventiewerker)

    def three_months():
        return [cell.current for cell in tables(diensthoofd)["plannen"].rows[0].cells[:2]]

    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.UTC)):
        assert three_months() == [0, 0]
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)):
        assert three_months() == [1, 1]  # 31 August + 3 months: 30 November
    check = definitions.PlanCheck(1, moment(D(2026, 1, 5)), D(2026, 8, 31), D(2026, 11, 30))
    assert check.measurable(3, D(2026, 11, 30)) and not check.kept(3, D(2026, 11, 30))


def test_a_plan_is_not_kept_when_the_company_signals_the_customer_again_in_a_new_dossier(
    diensthoofd, preventiewerker
):
    first = dossier(D(2026, 1, 5), customer_number="K-77")
    ProposalFactory(dossier=first, start_date=D(2026, 2, 1), author=preventiewerker)
    later = dossier(D(2026, 6, 10), customer_number="K-77")  # the first one was closed by then
    SignalFactory(dossier=later, received_at=moment(D(2026, 6, 10)))
    elsewhere = dossier(D(2026, 6, 10), customer_number="K-78")  # another customer
    SignalFactory(dossier=elsewhere, received_at=moment(D(2026, 6, 10)))

    rows = {row.key: row.cells for row in tables(diensthoofd)["plannen"].rows}

    assert (rows["3"][0].current, rows["3"][1].current) == (1, 1)  # the signal came after 4 months
    assert (rows["6"][0].current, rows["6"][1].current) == (1, 0)
