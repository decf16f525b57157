import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bereik.audit.models import AuditEvent
from bereik.dossiers.columns import COLUMNS
from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory


def test_it_writes_csv_to_standard_output(db):
    DossierFactory(last_name="=cmd|' /C calc'!A0", deadline=datetime.date(2026, 12, 8))
    out = io.StringIO()

    call_command("export_dossiers", stdout=out)

    lines = out.getvalue().lstrip("\ufeff").splitlines()
    assert lines[0].split(";") == [c.header for c in COLUMNS]
    assert "'=cmd" in lines[1] and "08/12/2026" in lines[1]
    assert AuditEvent.objects.get(action="dossiers.export").details["rows"] == 1


def test_it_writes_xlsx_to_a_file(db, tmp_path):
    DossierFactory(customer_number="-5")
    path = tmp_path / "dossiers.xlsx"

    call_command("export_dossiers", "--format", "xlsx", "--output", str(path), stderr=io.StringIO())

    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert sheet.cell(row=2, column=4).value == "'-5"


def test_it_exports_only_what_a_user_may_see(mw, mw_other):
    DossierFactory(assigned_to=mw, last_name="Eigen")
    DossierFactory(assigned_to=mw_other, last_name="Vreemd")
    out = io.StringIO()

    call_command("export_dossiers", "--user", mw.username, stdout=out)

    assert "Eigen" in out.getvalue() and "Vreemd" not in out.getvalue()


def test_it_can_leave_closed_dossiers_out(db):
    DossierFactory(status=Dossier.Status.CLOSED, last_name="Dicht")
    out = io.StringIO()
    call_command("export_dossiers", "--open", stdout=out)
    assert "Dicht" not in out.getvalue()


def test_xlsx_needs_a_file(db):
    with pytest.raises(CommandError):
        call_command("export_dossiers", "--format", "xlsx")
