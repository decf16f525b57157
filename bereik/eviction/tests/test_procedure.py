"""Eviction to its end: from the summons to the hearing (postponed), the judgment, its service,
the bailiff's date and how it ended, with the deadlines the worklists show at each stage."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bereik.dossiers.models import Dossier, DossierEvent
from bereik.dossiers.tests.factories import DossierFactory
from bereik.eviction import actions, rules
from bereik.eviction.models import Hearing, Judgment, OcmwAction
from bereik.followup.models import Closure, OutcomeCode
from bereik.intake import actions as intake_actions
from bereik.intake.demo import tiny_pdf
from bereik.lib.documents import docx_text
from bereik.outreach import actions as outreach_actions

TODAY = datetime.date(2026, 11, 27)
HEARING = datetime.date(2026, 12, 10)


@pytest.fixture(autouse=True)
def today(time_machine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    moment = datetime.datetime(2026, 11, 27, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    time_machine.move_to(moment, tick=False)
    return TODAY


def move_to(time_machine, day):
    time_machine.move_to(
        datetime.datetime.combine(day, datetime.time(10), zoneinfo.ZoneInfo("Europe/Brussels")),
        tick=False,
    )


@pytest.fixture
def summoned(db, onthaal):
    """A woonst dossier from a registered summons: introductory hearing on 10/12/2026."""
    signal = intake_actions.eviction_register(
        document=tiny_pdf(["Dagvaarding"]),
        file_name="dagvaarding.pdf",
        document_type="dagvaarding",
        tenants="Vermeulen, Sofie",
        street="Tiensesteenweg",
        house_number="64",
        postcode="3800",
        city="Sint-Truiden",
        landlord="Immo Haspengouw bv",
        court="Vredegerecht Sint-Truiden",
        hearing_date=HEARING,
        received_on=TODAY,
        reference="25A1187",
        actor=onthaal,
    )
    return signal.dossier


def test_the_earliest_eviction_is_a_month_after_service_or_the_judgments_own_date():
    served = rules.JudgmentFacts(
        datetime.date(2027, 1, 5), True, served_on=datetime.date(2027, 1, 31)
    )
    assert rules.earliest_eviction(served) == datetime.date(2027, 2, 28)
    later = rules.JudgmentFacts(
        datetime.date(2027, 1, 5),
        True,
        allowed_from=datetime.date(2027, 4, 1),
        served_on=datetime.date(2027, 1, 31),
    )
    assert rules.earliest_eviction(later) == datetime.date(2027, 4, 1)
    unserved = rules.JudgmentFacts(datetime.date(2027, 1, 5), True)
    assert rules.earliest_eviction(unserved) is None


def test_the_wait_after_service_is_a_setting(settings):
    settings.BEREIK_EVICTION_WAIT_MONTHS = 2
    served = rules.JudgmentFacts(
        datetime.date(2027, 1, 5), True, served_on=datetime.date(2027, 1, 6)
    )
    assert rules.earliest_eviction(served) == datetime.date(2027, 3, 6)


def test_from_summons_to_hearing_postponed_judgment_service_date_and_outcome(
    summoned, onthaal, login, time_machine
):
    client = login(onthaal)
    dossier = summoned
    assert (dossier.deadline, dossier.deadline_kind) == (HEARING, Dossier.DeadlineKind.HEARING)

    # The hearing is postponed to 14/01: that becomes the deadline, as the next hearing.
    move_to(time_machine, datetime.date(2026, 12, 11))
    client = login(onthaal)  # a sign-in lasts hours, the story weeks
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Afloop van de zitting van 10/12/2026 noteren" in page
    response = client.post(
        reverse("eviction:hearing", args=[dossier.pk]),
        {"date": "10/12/2026", "outcome": "uitgesteld", "postponed_to": "14/01/2027"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.deadline, dossier.deadline_kind) == (
        datetime.date(2027, 1, 14),
        Dossier.DeadlineKind.NEXT_HEARING,
    )
    assert DossierEvent.objects.filter(
        dossier=dossier, summary="Zitting van 10/12/2026 uitgesteld naar 14/01/2027"
    ).exists()

    # At the next hearing the judgment: the form for it follows.
    move_to(time_machine, datetime.date(2027, 1, 14))
    client = login(onthaal)
    response = client.post(
        reverse("eviction:hearing", args=[dossier.pk]),
        {"date": "14/01/2027", "outcome": "vonnis"},
    )
    assert response["Location"].startswith(reverse("eviction:judgment", args=[dossier.pk]))
    client.post(
        reverse("eviction:judgment", args=[dossier.pk]),
        {"date": "14/01/2027", "decision": "uithuiszetting"},
    )
    dossier.refresh_from_db()
    assert dossier.deadline is None
    assert dossier.next_step == "Betekening van het vonnis opvolgen"

    # Served on 20/01: no eviction before 20/02.
    move_to(time_machine, datetime.date(2027, 1, 21))
    client = login(onthaal)
    client.post(
        reverse("eviction:judgment", args=[dossier.pk]),
        {"date": "14/01/2027", "decision": "uithuiszetting", "served_on": "20/01/2027"},
    )
    dossier.refresh_from_db()
    assert (dossier.deadline, dossier.deadline_kind) == (
        datetime.date(2027, 2, 20),
        Dossier.DeadlineKind.SERVICE,
    )
    assert "vóór 20/02/2027" in dossier.next_step

    # The bailiff cannot set a date before that; the date he sets is the deadline.
    response = client.post(
        reverse("eviction:eviction_date", args=[dossier.pk]), {"eviction_date": "15/02/2027"}
    )
    assert "mag er niet uitgezet worden" in response.content.decode()
    client.post(
        reverse("eviction:eviction_date", args=[dossier.pk]), {"eviction_date": "03/03/2027"}
    )
    dossier.refresh_from_db()
    assert (dossier.deadline, dossier.deadline_kind) == (
        datetime.date(2027, 3, 3),
        Dossier.DeadlineKind.EVICTION,
    )

    # The worklist shows it like any deadline, and filters on it.
    page = client.get(
        reverse("dossiers:worklist", args=["alle"]), {"uithuiszetting": "uithuiszetting"}
    )
    assert [row.dossier for row in page.context["rows"]] == [dossier]
    assert "03/03/2027 (datum uithuiszetting)" in page.content.decode()

    # How it ended: the eviction outcomes are offered for a woonst dossier.
    close = client.get(reverse("followup:dossier_close", args=[dossier.pk]))
    offered = {code.code for code in close.context["form"].fields["outcome"].queryset}
    assert {"uitgezet", "herhuisvest", "vrijwillig_vertrokken"} <= offered
    client.post(
        reverse("followup:dossier_close", args=[dossier.pk]),
        {"outcome": OutcomeCode.objects.get(code="herhuisvest").pk},
    )
    assert Closure.objects.get(dossier=dossier).outcome.code == "herhuisvest"
    section = client.get(dossier.get_absolute_url()).content.decode()
    assert "Herhuisvest" in section


def test_the_eviction_outcomes_are_not_offered_for_water(login, onthaal):
    dossier = DossierFactory(kind=Dossier.Kind.WATER)
    close = login(onthaal).get(reverse("followup:dossier_close", args=[dossier.pk]))
    offered = {code.code for code in close.context["form"].fields["outcome"].queryset}
    assert "uitgezet" not in offered and "niet_bereikt" in offered


def test_settling_ends_the_procedure_without_deadline(summoned, onthaal, time_machine):
    move_to(time_machine, HEARING)
    actions.hearing_record(summoned, date=HEARING, outcome="minnelijk", actor=onthaal)
    summoned.refresh_from_db()
    assert (summoned.deadline, summoned.deadline_kind) == (None, "")


def test_a_postponement_needs_a_later_date_and_an_outcome_waits_for_the_hearing(
    summoned, onthaal, time_machine
):
    with pytest.raises(ValidationError, match="na de zitting"):
        actions.hearing_record(summoned, date=HEARING, outcome="vonnis", actor=onthaal)
    move_to(time_machine, HEARING)
    with pytest.raises(ValidationError, match="Naar welke datum"):
        actions.hearing_record(summoned, date=HEARING, outcome="uitgesteld", actor=onthaal)
    with pytest.raises(ValidationError, match="valt na deze zitting"):
        actions.hearing_record(
            summoned, date=HEARING, outcome="uitgesteld", postponed_to=HEARING, actor=onthaal
        )
    assert not Hearing.objects.exists()


def test_information_to_the_justice_of_the_peace_needs_the_tenants_consent(
    summoned, onthaal, login
):
    client = login(onthaal)
    url = reverse("eviction:action_create", args=[summoned.pk])
    response = client.post(url, {"kind": "info_vrederechter", "date": "27/11/2026"})
    assert "toestemming van de huurder" in response.content.decode()
    client.post(url, {"kind": "info_vrederechter", "date": "27/11/2026", "consent": "on"})
    client.post(url, {"kind": "caw", "date": "27/11/2026", "note": "Afspraak op het CAW"})
    assert list(OcmwAction.objects.values_list("kind", flat=True)) == ["info_vrederechter", "caw"]
    assert DossierEvent.objects.filter(dossier=summoned, kind="uithuiszetting.actie").count() == 2


def test_a_new_eviction_dossier_starts_with_the_letter_before_the_hearing(summoned, onthaal, login):
    summoned.refresh_from_db()
    assert summoned.next_step == "Brief aan de huurder vóór de zitting van 10/12/2026"
    client = login(onthaal)
    page = client.get(summoned.get_absolute_url()).content.decode()
    letter_url = reverse("outreach:letter_create", args=[summoned.pk, "brief_voor_zitting"])
    assert letter_url in page


def test_the_letter_before_the_hearing_names_the_hearing_the_court_and_the_landlord(
    summoned, onthaal
):
    letter = outreach_actions.letter_generate(summoned, "brief_voor_zitting", actor=onthaal)
    text = docx_text(letter.content())
    assert "donderdag 10 december 2026" in text
    assert "Vredegerecht Sint-Truiden" in text
    assert "Immo Haspengouw bv" in text
    assert "Vermeulen" in text
    summoned.refresh_from_db()
    assert summoned.next_step != "Brief aan de huurder vóór de zitting van 10/12/2026"


def test_who_may_not_change_the_dossier_gets_nothing(summoned, mw_other, login):
    client = login(mw_other)
    for name in ("eviction:hearing", "eviction:judgment", "eviction:eviction_date"):
        assert client.get(reverse(name, args=[summoned.pk])).status_code == 404
    assert (
        client.post(
            reverse("eviction:action_create", args=[summoned.pk]), {"kind": "caw"}
        ).status_code
        == 404
    )
    assert not OcmwAction.objects.exists()


def test_the_forms_are_for_woonst_dossiers_only(onthaal, login):
    water = DossierFactory(kind=Dossier.Kind.WATER)
    assert login(onthaal).get(reverse("eviction:hearing", args=[water.pk])).status_code == 404
    with pytest.raises(ValidationError):
        actions.judgment_record(
            water, date=TODAY, decision=Judgment.Decision.EVICTION, actor=onthaal
        )


def test_the_service_is_followed_up_on_a_working_day(summoned, onthaal, time_machine):
    """A week after a judgment of Friday 18/12 is Christmas: the follow-up falls on the next
    working day, not on a day the court and the OCMW are closed."""
    move_to(time_machine, datetime.date(2026, 12, 18))
    actions.hearing_record(
        summoned, date=HEARING, outcome=Hearing.Outcome.POSTPONED,
        postponed_to=datetime.date(2026, 12, 18), actor=onthaal,
    )  # fmt: skip
    actions.judgment_record(
        summoned, date=datetime.date(2026, 12, 18), decision="uithuiszetting", actor=onthaal
    )
    summoned.refresh_from_db()
    assert summoned.next_step == "Betekening van het vonnis opvolgen"
    assert summoned.next_step_date == datetime.date(2026, 12, 28)
