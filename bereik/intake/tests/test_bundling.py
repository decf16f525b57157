"""Signals are bundled into dossiers per household (company + customer number) and threat."""

import csv
import datetime
import io

import pytest

from bereik.dossiers import bulk
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory
from bereik.intake import actions
from bereik.intake.importing import ImportRefused, pick_deadline
from bereik.intake.models import ImportRow
from bereik.intake.tests.conftest import company, csv_content

pytestmark = pytest.mark.django_db

WARNING_HEADER = ["Klantnummer", "Naam", "Adres", "Postcode en gemeente", "Openstaand bedrag",
                  "Geplande actie", "Geplande datum", "Datum verwittiging"]  # fmt: skip


def warning_row(number, *, name="Peeters, Jan", measure_date="15/01/2027", letter="20/11/2026",
                amount="100,00", street="Kerkstraat 1"):  # fmt: skip
    return [number, name, street, "3800 Sint-Truiden", amount, "Afsluiting", measure_date, letter]


def import_rows(rows, *, kind="verwittiging", company_name="Farys", header=WARNING_HEADER,
                actor=None, **kwargs):  # fmt: skip
    return actions.import_file(
        csv_content([header, *rows]),
        file_name="lijst.csv",
        kind=kind,
        company=company(company_name),
        actor=actor,
        **kwargs,
    )


def test_a_signal_for_a_household_with_an_open_dossier_is_added_to_it(onthaal):
    dossier = DossierFactory(
        company=company("Farys"),
        customer_number="1001",
        kind=Dossier.Kind.WATER,
        status=Dossier.Status.IN_PROGRESS,
        deadline=datetime.date(2027, 2, 1),
        deadline_kind=Dossier.DeadlineKind.SESSION,
    )
    result = import_rows([warning_row("1001", street="Nieuwstraat 9 bus 2")], actor=onthaal)
    assert Dossier.objects.count() == 1
    assert result.dossiers_updated == [dossier.number]
    dossier.refresh_from_db()
    assert dossier.signals.count() == 1
    assert dossier.status == Dossier.Status.IN_PROGRESS
    # The household as the latest signal says, and the first deadline still ahead.
    assert (dossier.street, dossier.house_number, dossier.box) == ("Nieuwstraat", "9", "2")
    assert dossier.deadline == datetime.date(2027, 1, 15)
    assert dossier.deadline_kind == Dossier.DeadlineKind.MEASURE
    event = DossierEvent.objects.get(dossier=dossier, kind="signaal")
    assert event.kind == "signaal" and event.actor == onthaal
    assert "Verwittiging van Farys" in event.summary
    assert ImportRow.objects.get().outcome == ImportRow.Outcome.ADDED


def test_a_closed_dossier_does_not_take_new_signals():
    DossierFactory(
        company=company("Farys"),
        customer_number="1001",
        kind=Dossier.Kind.WATER,
        status=Dossier.Status.CLOSED,
    )
    import_rows([warning_row("1001")])
    assert Dossier.objects.filter(status=Dossier.Status.NEW, customer_number="1001").count() == 1


def test_an_open_dossier_of_another_threat_or_company_is_not_used():
    DossierFactory(company=company("Farys"), customer_number="1001", kind=Dossier.Kind.ENERGIE)
    DossierFactory(company=company("Pidpa"), customer_number="1002", kind=Dossier.Kind.WATER)
    result = import_rows([warning_row("1001"), warning_row("1002")])
    assert result.plan.counts["dossiers_created"] == 2


def test_a_new_dossier_gets_number_status_and_deadline():
    import_rows([warning_row("1001")])
    dossier = Dossier.objects.get()
    assert dossier.number.startswith(f"{datetime.date.today().year}-")
    assert dossier.status == Dossier.Status.NEW
    assert dossier.kind == Dossier.Kind.WATER
    assert dossier.deadline == datetime.date(2027, 1, 15)
    assert DossierEvent.objects.get(dossier=dossier, kind="signaal").summary.startswith(
        "Dossier geopend"
    )


def test_two_rows_of_one_household_make_one_dossier_with_two_signals():
    result = import_rows(
        [warning_row("1001", letter="20/11/2026"), warning_row("1001", letter="21/11/2026")]
    )
    assert Dossier.objects.count() == 1
    assert Dossier.objects.get().signals.count() == 2
    outcomes = list(result.batch.rows.order_by("number").values_list("outcome", flat=True))
    assert outcomes == [ImportRow.Outcome.NEW_DOSSIER, ImportRow.Outcome.ADDED]


def test_the_same_signal_twice_in_one_file_is_stored_once():
    result = import_rows([warning_row("1001"), warning_row("1001")])
    assert Signal.objects.count() == 1
    row = result.batch.rows.get(number=3)
    assert row.outcome == ImportRow.Outcome.KNOWN
    assert "rij 2" in row.note


def test_a_warning_from_the_network_operator_opens_an_energy_dossier():
    import_rows([warning_row("1001")], company_name="Fluvius")
    assert Dossier.objects.get().kind == Dossier.Kind.ENERGIE


def test_a_weekly_report_line_without_open_dossier_opens_none():
    header = ["Klantnummer", "Klant", "Actie", "Datum"]
    result = import_rows(
        [["1001", "Peeters Jan", "Herinnering", "18/11/2026"]],
        kind="weekrapport",
        company_name="De Watergroep",
        header=header,
    )
    assert Dossier.objects.count() == 0
    signal = Signal.objects.get()
    assert signal.dossier is None and signal.measure == "Herinnering"
    assert result.batch.rows.get().outcome == ImportRow.Outcome.UNATTACHED


def test_a_weekly_report_line_does_not_change_the_dossier_it_joins():
    dossier = DossierFactory(company=company("De Watergroep"), customer_number="1001",
                             deadline=datetime.date(2026, 12, 8), street="Markt")  # fmt: skip
    header = ["Klantnummer", "Klant", "Adres", "Actie", "Datum"]
    import_rows(
        [["1001", "Peeters Jan", "Kerkstraat 5", "Herinnering", "18/11/2026"]],
        kind="weekrapport",
        company_name="De Watergroep",
        header=header,
    )
    dossier.refresh_from_db()
    assert dossier.signals.get().kind == Signal.Kind.WEEKRAPPORT
    assert dossier.street == "Markt"
    assert dossier.deadline == datetime.date(2026, 12, 8)


def test_an_invalid_insz_is_a_warning_and_not_used():
    header = ["Klantnummer", "Naam", "Voornaam", "INSZ", "Datum LAC"]
    result = import_rows(
        [
            ["1001", "Peeters", "Jan", "93.05.18-223.62", "08/12/2026"],
            ["1002", "Claes", "Els", "93.05.18-223.61", "08/12/2026"],
        ],
        kind="lac-water",
        company_name="De Watergroep",
        header=header,
    )
    assert result.plan.counts["rows_with_warnings"] == 1
    invalid = Dossier.objects.get(customer_number="1001")
    assert invalid.insz == ""
    assert Signal.objects.get(customer_number="1001").warnings[0]["field"] == "insz"
    assert Dossier.objects.get(customer_number="1002").insz == "93051822361"


def test_text_that_looks_like_a_formula_is_stored_literally():
    formula = '=HYPERLINK("http://example.org")'
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(
        [WARNING_HEADER, warning_row("1001", name=f"{formula}, Jan")]
    )
    actions.import_file(
        buffer.getvalue().encode(),
        file_name="lijst.csv",
        kind="verwittiging",
        company=company("Farys"),
        actor=None,
    )
    signal = Signal.objects.get()
    assert (signal.last_name, signal.first_name) == (formula, "Jan")
    assert signal.raw["Naam"] == f"{formula}, Jan"
    assert Dossier.objects.get().last_name == formula


def test_a_failure_while_storing_leaves_nothing(monkeypatch):
    real_insert = bulk.insert

    def broken(model, rows, **kwargs):
        if model is ImportRow:  # the last write of the import
            raise RuntimeError("disk full")
        return real_insert(model, rows, **kwargs)

    monkeypatch.setattr(bulk, "insert", broken)
    with pytest.raises(RuntimeError):
        import_rows([warning_row("1001"), warning_row("1002")])
    assert (Signal.objects.count(), Dossier.objects.count(), DossierEvent.objects.count()) == (
        0,
        0,
        0,
    )
    from bereik.intake.models import ImportBatch

    assert not ImportBatch.objects.exists()


def test_a_dry_run_stores_nothing():
    result = import_rows([warning_row("1001")], dry_run=True)
    assert result.batch is None
    assert result.plan.counts["dossiers_created"] == 1
    assert not Signal.objects.exists() and not Dossier.objects.exists()


def test_a_lac_list_is_refused_from_a_company_of_the_other_kind():
    with pytest.raises(ImportRefused, match="geen watermaatschappij"):
        import_rows([warning_row("1001")], kind="lac-water", company_name="Fluvius")


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        (None, datetime.date(2026, 12, 10), datetime.date(2026, 12, 10)),
        (datetime.date(2026, 11, 1), datetime.date(2026, 12, 10), datetime.date(2026, 12, 10)),
        (datetime.date(2026, 12, 20), datetime.date(2026, 12, 10), datetime.date(2026, 12, 10)),
        (datetime.date(2026, 12, 5), datetime.date(2026, 12, 10), datetime.date(2026, 12, 5)),
        (datetime.date(2026, 12, 5), None, datetime.date(2026, 12, 5)),
    ],
)
def test_the_dossier_shows_the_first_deadline_still_ahead(current, new, expected):
    today = datetime.date(2026, 11, 27)
    assert pick_deadline(current, "lac", new, "maatregel", today)[0] == expected
