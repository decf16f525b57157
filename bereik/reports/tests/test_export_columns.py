"""The dossier export's columns for people's own analysis: opened, first attempt, outcome, closed,
LAC advice; still one query for the rows, however many there are."""

import datetime
import io

import openpyxl
from django.core.management import call_command

from bereik.dossiers import export
from bereik.dossiers.models import Dossier
from bereik.followup import actions as followup
from bereik.followup.tests.factories import outcome
from bereik.lac.tests.factories import AgendaItemFactory
from bereik.outreach import actions as outreach
from bereik.outreach.models import ContactAttempt
from bereik.reports.tests.conftest import dossier

D = datetime.date


def rows(tmp_path) -> dict[str, dict]:
    path = tmp_path / "export.xlsx"
    call_command("export_dossiers", "--format", "xlsx", "--output", str(path), stderr=io.StringIO())
    sheet = openpyxl.load_workbook(path).active
    values = list(sheet.values)
    header = values[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in values[1:]}


def attempt(target, day, actor, result=ContactAttempt.Result.NOT_HOME):
    return outreach.attempt_record(
        target,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        date=day,
        part_of_day="voormiddag",
        result=result,
        performed_by=actor,
        actor=actor,
    )


def test_the_columns_for_own_analysis(preventiewerker, tmp_path):
    closed = dossier(D(2026, 3, 2), status=Dossier.Status.IN_PROGRESS)
    wrong = attempt(closed, D(2026, 3, 3), preventiewerker)
    outreach.attempt_withdraw(wrong, reason="Verkeerd dossier", actor=preventiewerker)
    attempt(closed, D(2026, 3, 5), preventiewerker)
    attempt(closed, D(2026, 3, 9), preventiewerker, ContactAttempt.Result.REACHED)
    closed.refresh_from_db()
    followup.dossier_close(closed, outcome=outcome("afsluiting_vermeden"), actor=preventiewerker)
    AgendaItemFactory(dossier=closed, session__date=D(2026, 2, 1), advice="uitstel")
    AgendaItemFactory(dossier=closed, session__date=D(2026, 3, 20), advice="afbetalingsplan")
    AgendaItemFactory(dossier=closed, session__date=D(2026, 4, 20), advice="")
    plain = dossier(D(2026, 3, 2), at=(0, 30))

    exported = rows(tmp_path)

    row = exported[closed.number]
    assert row["Geopend op"] == datetime.datetime(2026, 3, 2)
    assert row["Eerste poging"] == datetime.datetime(2026, 3, 5)  # the struck one is not counted
    assert row["Bereikt op"] == datetime.datetime(2026, 3, 9)
    assert row["Uitkomst"] == "Afsluiting vermeden"
    assert row["Afgesloten op"] == datetime.datetime(2026, 11, 27)
    assert row["LAC-advies"] == "Afbetalingsplan"  # the latest session with an advice
    row = exported[plain.number]
    assert row["Geopend op"] == datetime.datetime(2026, 3, 2)  # 00:30 in Brussels
    assert [row[key] for key in ("Eerste poging", "Uitkomst", "Afgesloten op", "LAC-advies")] == [
        None,
        None,
        None,
        None,
    ]


def test_the_export_costs_the_same_queries_whatever_its_size(
    preventiewerker, django_assert_num_queries
):
    def make(count):
        for _n in range(count):
            d = dossier(D(2026, 3, 2), status=Dossier.Status.IN_PROGRESS)
            attempt(d, D(2026, 3, 5), preventiewerker)
            AgendaItemFactory(dossier=d, session__date=D(2026, 3, 20), advice="uitstel")

    def run():
        export.xlsx_bytes(Dossier.objects.order_by("number"))

    make(2)
    with django_assert_num_queries(1):
        run()
    make(20)
    with django_assert_num_queries(1):
        run()
