"""The dossier page header shows the volgende stap of the contact section with the moment it is
for: the part of the day of a planned or announced visit, and the new appointment the
not-at-home letter will propose (shown in the contact section's own box before)."""

import datetime

from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.tests.factories import DossierFactory
from bereik.outreach import actions, next_step
from bereik.outreach.models import ContactAttempt, PartOfDay

D = datetime.date


def _header(client, dossier) -> str:
    page = client.get(dossier.get_absolute_url()).content.decode()
    start = page.index('class="card dossier-header')
    return " ".join(page[start : page.index("</header>", start)].split())


def _not_at_home(dossier, worker, day):
    actions.attempt_record(
        dossier,
        kind=ContactAttempt.Kind.UNANNOUNCED_VISIT,
        date=day,
        part_of_day=PartOfDay.AFTERNOON,
        result=ContactAttempt.Result.NOT_HOME,
        performed_by=worker,
        actor=worker,
    )


def _letter_left(dossier, worker, *, plan_visit):
    """The not-at-home letter left on 26/11, proposing Friday 4/12 in the morning."""
    actions.letter_generate(
        dossier,
        next_step.NOT_AT_HOME,
        actor=worker,
        on=D(2026, 11, 26),
        sent_on=D(2026, 11, 26),
        visit_date=D(2026, 11, 26),
        appointment_date=D(2026, 12, 4),
        appointment_part=PartOfDay.MORNING,
        plan_visit=plan_visit,
    )


def test_the_header_shows_the_appointment_the_not_at_home_letter_proposes(
    frozen_today, route_c_dossier, preventiewerker, login
):
    _not_at_home(route_c_dossier, preventiewerker, D(2026, 11, 26))

    header = _header(login(preventiewerker), route_c_dossier)

    assert "Niet-thuisbrief met een nieuwe afspraak achterlaten" in header
    # A week after the visit, a working day, the same part of the day.
    assert "voorstel nieuwe afspraak: donderdag 03/12/2026, namiddag" in header
    assert "Niet-thuisbrief maken" in header


def test_the_header_shows_the_announced_visit_on_its_day_and_part_of_day(
    frozen_today, route_c_dossier, preventiewerker, login
):
    _not_at_home(route_c_dossier, preventiewerker, D(2026, 11, 26))
    _letter_left(route_c_dossier, preventiewerker, plan_visit=True)

    header = _header(login(preventiewerker), route_c_dossier)

    assert "Aangekondigd huisbezoek (afspraak uit de niet-thuisbrief)" in header
    assert "op vrijdag 04/12/2026, voormiddag" in header
    assert "tegen vrijdag 04/12/2026" not in header
    # The visit is in the planning already: no button to plan it again.
    assert "Resultaat van het bezoek registreren" in header
    assert "Huisbezoek inplannen" not in header


def test_a_visit_still_to_plan_offers_the_planning(
    frozen_today, route_c_dossier, preventiewerker, login
):
    _not_at_home(route_c_dossier, preventiewerker, D(2026, 11, 26))
    _letter_left(route_c_dossier, preventiewerker, plan_visit=False)

    header = _header(login(preventiewerker), route_c_dossier)

    assert "Aangekondigd huisbezoek (afspraak uit de niet-thuisbrief)" in header
    assert "Huisbezoek inplannen" in header


def test_a_step_without_a_set_moment_keeps_its_due_date(
    frozen_today, route_c_dossier, preventiewerker, login
):
    header = _header(login(preventiewerker), route_c_dossier)

    assert "Uitnodiging voor de LAC versturen" in header
    assert " · tegen " in header
    assert "voorstel nieuwe afspraak" not in header


def test_the_header_shows_the_households_phone_as_the_attempt_form_and_route_sheet_do(
    preventiewerker, login, db
):
    """One rule for the household's phone (`Dossier.contact_phone`): the dossier's own number,
    else the linked client's from the register. The header showed "—" where the attempt form and
    the route sheet offered the register's number."""
    dossier = DossierFactory(phone="", client=ClientFactory(phone="0495 24 71 55"))

    header = _header(login(preventiewerker), dossier)

    assert '<a href="tel:0495 24 71 55">0495 24 71 55</a>' in header
    assert dossier.contact_phone == "0495 24 71 55"


def test_the_dossiers_own_phone_comes_before_the_registers(db):
    own = DossierFactory(phone="011 22 33 44", client=ClientFactory(phone="0495 24 71 55"))
    neither = DossierFactory(phone="", client=None)
    client_without = DossierFactory(phone="", client=ClientFactory(phone=""))

    assert own.contact_phone == "011 22 33 44"
    assert neither.contact_phone == ""
    assert client_without.contact_phone == ""
