"""The database refuses a signal it already has (company, kind, customer number, date): the safety
net under the intake's own check, for two imports that race each other."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from bereik.dossiers.models import Signal
from bereik.intake import actions
from bereik.intake.models import ImportRow
from bereik.intake.tests.conftest import company, csv_content
from bereik.intake.tests.test_bundling import WARNING_HEADER, import_rows, warning_row

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


def signal(**fields):
    values = {
        "kind": Signal.Kind.VERWITTIGING,
        "company": company("Farys"),
        "customer_number": "1001",
        "reference_date": DAY,
        "last_name": "Peeters",
    }
    values.update(fields)
    return Signal.objects.create(**values)


def test_the_database_refuses_the_same_signal_twice():
    signal()
    with pytest.raises(IntegrityError), transaction.atomic():
        signal()


@pytest.mark.parametrize(
    "other",
    [
        {"customer_number": "1002"},
        {"reference_date": DAY + datetime.timedelta(days=1)},
        {"kind": Signal.Kind.WEEKRAPPORT},
        {"company_name": "De Watergroep"},
    ],
)
def test_a_signal_that_differs_in_one_part_of_the_key_is_stored(other):
    signal()
    other = dict(other)
    if "company_name" in other:
        other["company"] = company(other.pop("company_name"))
    signal(**other)
    assert Signal.objects.count() == 2


@pytest.mark.parametrize(
    "unknown",
    [{"customer_number": ""}, {"reference_date": None}, {"company": None}],
)
def test_signals_that_cannot_be_recognised_are_not_held_back(unknown):
    signal(**unknown)
    signal(**unknown)
    assert Signal.objects.count() == 2


def test_the_intake_skips_what_it_has_instead_of_tripping_the_constraint(onthaal):
    import_rows([warning_row("1001"), warning_row("1001")], actor=onthaal)
    # Another file: the known signal again, and a new one.
    result = import_rows(
        [warning_row("1001", amount="120,00"), warning_row("1002")],
        actor=onthaal,
        header=WARNING_HEADER,
    )
    outcomes = [row.outcome for row in result.plan.rows]
    assert outcomes == [ImportRow.Outcome.KNOWN, ImportRow.Outcome.NEW_DOSSIER]
    assert Signal.objects.filter(customer_number="1001").count() == 1
    assert Signal.objects.count() == 2


def test_a_file_repeating_a_row_with_other_spacing_is_stored_once(onthaal):
    content = csv_content([WARNING_HEADER, warning_row("1001"), warning_row(" 1001 ")])
    result = actions.import_file(
        content, file_name="lijst.csv", kind="verwittiging", company=company("Farys"), actor=onthaal
    )
    assert [row.outcome for row in result.plan.rows] == [
        ImportRow.Outcome.NEW_DOSSIER,
        ImportRow.Outcome.KNOWN,
    ]
    assert Signal.objects.count() == 1
