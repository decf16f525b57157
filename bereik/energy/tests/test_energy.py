"""Energy in winter: the winter stop (a setting the minister can extend) on a Fluvius dossier's
deadline, a planned cut-off inside it flagged, minimum supply and the budget meter recorded on
the dossier, counted in the figures and used by the LAC."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.energy import actions, queries
from bereik.energy.models import MinimumSupply, SupplySituation
from bereik.lac.tests.factories import AgendaItemFactory, SessionFactory
from bereik.organisation.models import Company, Organisation
from bereik.organisation.winter import WinterStop, parse_day_month

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def today(time_machine):
    moment = datetime.datetime(2026, 11, 27, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(moment, tick=False)
    return TODAY


def fluvius_dossier(**fields):
    return DossierFactory(
        kind=Dossier.Kind.ENERGIE, company=Company.objects.get(name="Fluvius"), **fields
    )


# --- The winter stop -------------------------------------------------------------------------


def test_the_winter_stop_runs_from_1_december_to_1_march():
    winter = WinterStop()
    assert not winter.applies(datetime.date(2026, 11, 30))
    assert winter.period(datetime.date(2026, 12, 1)) == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 3, 1),
    )
    assert winter.applies(datetime.date(2027, 2, 28))
    assert not winter.applies(datetime.date(2027, 3, 1))
    assert winter.current_or_next(datetime.date(2027, 6, 1))[0] == datetime.date(2027, 12, 1)


def test_the_minister_can_extend_one_winter():
    winter = WinterStop(extended_until=datetime.date(2027, 4, 1))
    assert winter.ends(datetime.date(2027, 3, 15)) == datetime.date(2027, 4, 1)
    assert winter.ends(datetime.date(2027, 12, 15)) == datetime.date(2028, 3, 1)


def test_a_day_and_month_are_checked():
    assert parse_day_month("01/12") == (12, 1)
    for wrong in ("29/02", "31/04", "1-12", ""):
        with pytest.raises(ValueError):
            parse_day_month(wrong)


def test_the_beheerder_sets_and_extends_the_winter_stop(beheerder, login, db):
    data = {
        "name": "OCMW Testgem",
        "assignment_model": Organisation.AssignmentModel.PREVENTIEWERKER,
        "deadline_warning_days": 7,
        "lac_deadline_days_energy": 30,
        "lac_deadline_days_water": 30,
        "handover_confirmation_days": 14,
        "audit_retention_years": 10,
        "winter_stop_start": "01/12",
        "winter_stop_end": "15/03",
        "winter_stop_extended_until": "01/04/2027",
    }
    client = login(beheerder)
    response = client.post(reverse("organisation:settings"), data)
    assert response.status_code == 302
    organisation = Organisation.get()
    assert organisation.winter_stop_end == "15/03"
    assert Organisation.winter_stop().ends(datetime.date(2027, 3, 20)) == datetime.date(2027, 4, 1)
    response = client.post(reverse("organisation:settings"), {**data, "winter_stop_end": "31/02"})
    assert "dd/mm" in " ".join(response.context["form"].errors["winter_stop_end"])


def test_a_fluvius_dossier_shows_the_winter_stop_and_flags_a_cut_off_inside_it(onthaal, login):
    planned = fluvius_dossier(
        deadline=datetime.date(2026, 12, 14), deadline_kind=Dossier.DeadlineKind.MEASURE
    )
    lac = fluvius_dossier(
        deadline=datetime.date(2027, 1, 12), deadline_kind=Dossier.DeadlineKind.SESSION
    )
    autumn = fluvius_dossier(
        deadline=datetime.date(2026, 11, 30), deadline_kind=Dossier.DeadlineKind.MEASURE
    )
    assert planned.cutoff_in_winter_stop and planned.winter_stop_ends == datetime.date(2027, 3, 1)
    assert lac.winter_stop_ends and not lac.cutoff_in_winter_stop
    assert autumn.winter_stop_ends is None and not autumn.cutoff_in_winter_stop
    client = login(onthaal)
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Winterstop: geen afsluiting vóór 01/03/2027" in page
    assert "Afsluiting gepland tijdens de winterstop: mag niet" in page
    worklist = client.get(reverse("dossiers:worklist", args=["alle"])).content.decode()
    assert worklist.count("Afsluiting gepland tijdens de winterstop") == 1


def test_a_water_dossier_knows_no_winter_stop(db):
    dossier = DossierFactory(
        deadline=datetime.date(2026, 12, 14), deadline_kind=Dossier.DeadlineKind.MEASURE
    )
    assert dossier.winter_stop_ends is None and not dossier.cutoff_in_winter_stop


# --- Minimum supply and the budget meter -------------------------------------------------------


def test_a_granted_minimum_supply_is_recorded_on_the_dossier(cel, login):
    dossier = fluvius_dossier(team=cel.teams.first())
    client = login(cel)
    form = client.get(reverse("energy:minimum_supply", args=[dossier.pk]))
    # The coming winter stop is proposed.
    assert form.context["form"]["start"].value() == datetime.date(2026, 12, 1)
    assert form.context["form"]["end"].value() == datetime.date(2027, 2, 28)
    response = client.post(
        reverse("energy:minimum_supply", args=[dossier.pk]),
        {
            "fuel": "elektriciteit",
            "decision": "toegekend",
            "decided_on": "27/11/2026",
            "start": "01/12/2026",
            "end": "28/02/2027",
            "power": "10 A",
            "paid_by": "ocmw",
        },
    )
    assert response.status_code == 302
    supply = MinimumSupply.objects.get()
    assert (supply.code, supply.power, supply.paid_by) == ("MLE", "10 A", "ocmw")
    event = DossierEvent.objects.get(dossier=dossier, kind="energie.minimale_levering")
    assert event.summary == (
        "Minimale levering MLE toegekend van 01/12/2026 tot en met 28/02/2027 (10 A), betaald "
        "door het ocmw"
    )
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "MLE" in page and "betaald door het ocmw" in page


def test_a_granted_minimum_supply_needs_its_period_and_payer(cel):
    dossier = fluvius_dossier()
    with pytest.raises(ValidationError) as error:
        actions.minimum_supply_record(
            dossier, fuel="gas", decision="toegekend", decided_on=TODAY, actor=cel
        )
    assert set(error.value.message_dict) == {"start", "end", "paid_by"}
    refused = actions.minimum_supply_record(
        dossier, fuel="gas", decision="geweigerd", decided_on=TODAY, power="6 A", actor=cel
    )
    assert (refused.start, refused.power) == (None, "")


def test_the_budget_meter_status_is_kept_with_its_history(cel):
    dossier = fluvius_dossier()
    actions.supply_situation_record(
        dossier, meter="budgetmeter", meter_status="actief", social_supplier=True, actor=cel
    )
    actions.supply_situation_record(
        dossier, meter="budgetmeter", meter_status="wegname_gevraagd", social_supplier=True,
        actor=cel,
    )  # fmt: skip
    current = queries.current_situations([dossier.pk])[dossier.pk]
    assert current.meter_status == SupplySituation.MeterStatus.REMOVAL_ASKED
    assert current.summary == "Budgetmeter: wegname gevraagd · Fluvius sociale leverancier"
    assert SupplySituation.objects.count() == 2
    with pytest.raises(ValidationError, match="status"):
        actions.supply_situation_record(dossier, meter="prepaid", actor=cel)


def test_energy_records_are_for_energy_dossiers_only(cel, login):
    water = DossierFactory()
    with pytest.raises(ValidationError, match="geen energiedossier"):
        actions.supply_situation_record(water, meter="geen", actor=cel)
    assert login(cel).get(reverse("energy:supply_situation", args=[water.pk])).status_code == 404


def test_who_may_not_change_the_dossier_gets_nothing(mw_other, login):
    dossier = fluvius_dossier()
    client = login(mw_other)
    for name in ("energy:minimum_supply", "energy:supply_situation"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 404
        assert client.post(reverse(name, args=[dossier.pk]), {"meter": "geen"}).status_code == 404
    assert not SupplySituation.objects.exists()


# --- Figures and the LAC -----------------------------------------------------------------------


def test_the_figures_count_decisions_meters_and_the_winter_stop(cel):
    planned = fluvius_dossier(
        deadline=datetime.date(2026, 12, 14), deadline_kind=Dossier.DeadlineKind.MEASURE
    )
    other = fluvius_dossier(deadline=datetime.date(2027, 5, 1))
    actions.minimum_supply_record(
        planned, fuel="gas", decision="toegekend", decided_on=TODAY,
        start=datetime.date(2026, 12, 1), end=datetime.date(2027, 2, 28), paid_by="samen",
        actor=cel,
    )  # fmt: skip
    actions.minimum_supply_record(
        other, fuel="elektriciteit", decision="geweigerd", decided_on=TODAY, actor=cel
    )
    actions.supply_situation_record(planned, meter="prepaid", meter_status="actief", actor=cel)
    actions.supply_situation_record(other, meter="geen", social_supplier=True, actor=cel)
    figures = queries.figures(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    assert figures == {
        "minimum_supply": {"gas:toegekend": 1, "elektriciteit:geweigerd": 1},
        "minimum_supply_granted_paid_by": {"samen": 1},
        "meters": {"prepaid:actief": 1, "geen:": 1},
        "social_supplier": 1,
        "deadline_in_winter_stop": 1,
        "cutoff_in_winter_stop": 1,
    }


def test_the_lac_energy_advice_sees_the_winter_stop_and_the_minimum_supply(
    cel, onthaal, login, django_assert_max_num_queries
):
    dossier = fluvius_dossier()
    actions.minimum_supply_record(
        dossier, fuel="elektriciteit", decision="toegekend", decided_on=TODAY,
        start=datetime.date(2026, 12, 1), end=datetime.date(2027, 2, 28), power="10 A",
        paid_by="ocmw", actor=cel,
    )  # fmt: skip
    actions.supply_situation_record(dossier, meter="budgetmeter", meter_status="actief", actor=cel)
    session = SessionFactory(
        kind="energie", company=dossier.company, date=datetime.date(2026, 12, 17)
    )
    AgendaItemFactory(session=session, dossier=dossier)
    client = login(onthaal)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Winterstop: geen afsluiting vóór 01/03/2027." in page
    assert "Minimale levering MLE toegekend van 01/12/2026 tot en met 28/02/2027 (10 A)" in page
    assert "Budgetmeter: actief." in page
    record = client.get(reverse("lac:record", args=[session.pk])).content.decode()
    assert "Winterstop: geen afsluiting vóór 01/03/2027." in record
