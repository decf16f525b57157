import datetime

from bereik.accounts.models import Notification
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.dossiers.tests.factories import DossierFactory, SignalFactory
from bereik.lac import actions, deadlines
from bereik.lac.models import AgendaItem, LacPerson
from bereik.lac.tests.factories import LacPersonFactory, SessionFactory
from bereik.organisation.models import Company, Organisation

D = datetime.date


def energy_signal(*, requested, session_date, reason="Geen toegang tot meter", **extra):
    fluvius = Company.objects.get(name="Fluvius")
    dossier = DossierFactory(kind=Dossier.Kind.ENERGIE, company=fluvius)
    return SignalFactory(
        dossier=dossier,
        kind=Signal.Kind.LAC_ENERGIE,
        session_date=session_date,
        extra={"Reden aanvraag": reason, "Datum aanvraag": requested.strftime("%d/%m/%Y"), **extra},
    )


def test_it_reads_the_request_date_and_type_of_an_energy_list(db):
    signal = energy_signal(requested=D(2026, 11, 18), session_date=D(2026, 12, 17))
    assert deadlines.request_of(signal) == (deadlines.REQUEST_CUTOFF, D(2026, 11, 18))


def test_it_recognises_a_reconnection_request(db):
    signal = energy_signal(
        requested=D(2026, 11, 18), session_date=D(2026, 12, 17), reason="Vraag tot heraansluiting"
    )
    assert deadlines.request_of(signal)[0] == deadlines.REQUEST_RECONNECTION


def test_a_water_list_asks_a_limiter_unless_it_says_cut_off(db):
    limiter = SignalFactory(kind=Signal.Kind.LAC_WATER, session_date=D(2026, 12, 10))
    cutoff = SignalFactory(
        kind=Signal.Kind.LAC_WATER, measure="Afsluiting", session_date=D(2026, 12, 10)
    )
    assert deadlines.request_of(limiter)[0] == deadlines.REQUEST_LIMITER
    assert deadlines.request_of(cutoff)[0] == deadlines.REQUEST_CUTOFF


def test_the_intake_request_date_counts(db):
    fluvius = Company.objects.get(name="Fluvius")
    signal = SignalFactory(
        kind=Signal.Kind.LAC_ENERGIE,
        dossier=DossierFactory(kind=Dossier.Kind.ENERGIE, company=fluvius),
        reference_date=D(2026, 11, 20),
        session_date=D(2026, 12, 17),
        extra={"reason": "Afbetalingsplan niet nageleefd", "request_date": "2026-11-18"},
    )
    assert deadlines.request_of(signal) == (deadlines.REQUEST_CUTOFF, D(2026, 11, 18))


def test_a_water_list_counts_from_the_day_it_came_in(db):
    # The intake stores a water list's session date as its reference date: not a request date.
    signal = SignalFactory(
        kind=Signal.Kind.LAC_WATER,
        reference_date=D(2026, 12, 10),
        session_date=D(2026, 12, 10),
        received_at=datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC),
    )
    assert deadlines.request_of(signal)[1] == D(2026, 11, 2)


def test_a_session_after_the_energy_deadline_is_flagged_with_the_legal_consequence(db):
    signal = energy_signal(requested=D(2026, 11, 1), session_date=D(2026, 12, 17))

    result = actions.agenda_place_imported([signal.dossier_id], actor=None)

    (item,) = result.placed
    assert item.legal_deadline == D(2026, 12, 1)
    assert item.is_late
    assert result.late == [item]
    event = DossierEvent.objects.get(dossier=signal.dossier, kind="lac.deadline")
    assert "01/12/2026" in event.summary
    assert "geldt als geweigerd" in event.text


def test_a_late_reconnection_request_counts_as_granted(db):
    signal = energy_signal(
        requested=D(2026, 11, 1), session_date=D(2026, 12, 17), reason="Heraansluiting gevraagd"
    )
    (item,) = actions.agenda_place_imported([signal.dossier_id], actor=None).placed
    assert item.is_late
    assert "geldt als toegestaan" in item.lapse_consequence


def test_a_session_within_the_deadline_is_not_flagged(db):
    signal = energy_signal(requested=D(2026, 11, 18), session_date=D(2026, 12, 17))
    (item,) = actions.agenda_place_imported([signal.dossier_id], actor=None).placed
    assert not item.is_late
    assert not DossierEvent.objects.filter(kind="lac.deadline").exists()


def test_the_deadline_follows_the_organisation_setting_per_kind(db):
    organisation = Organisation.get()
    organisation.lac_deadline_days_water = 20
    organisation.save()
    signal = SignalFactory(
        kind=Signal.Kind.LAC_WATER,
        received_at=datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC),
        session_date=D(2026, 12, 3),
    )
    (item,) = actions.agenda_place_imported([signal.dossier_id], actor=None).placed
    assert item.legal_deadline == D(2026, 11, 30)
    assert item.is_late


def test_moving_a_dossier_past_its_deadline_flags_it(db, onthaal):
    signal = energy_signal(requested=D(2026, 11, 18), session_date=D(2026, 12, 17))
    (item,) = actions.agenda_place_imported([signal.dossier_id], actor=None).placed
    later = SessionFactory(kind=item.session.kind, company=item.session.company, date=D(2027, 1, 7))

    actions.agenda_item_move(item, later, reason="Te veel dossiers", actor=onthaal)

    item = AgendaItem.objects.get(pk=item.pk)
    assert item.is_late
    assert DossierEvent.objects.filter(dossier=item.dossier, kind="lac.deadline").exists()


def test_the_chair_and_secretary_hear_of_a_late_session_from_an_import(db, voorzitter, onthaal, mw):
    SessionFactory(
        kind=Dossier.Kind.ENERGIE,
        company=Company.objects.get(name="Fluvius"),
        date=D(2026, 12, 17),
        chair=LacPersonFactory(function=LacPerson.Function.CHAIR, user=voorzitter),
        secretary=LacPersonFactory(function=LacPerson.Function.SECRETARY, user=onthaal),
    )
    late = energy_signal(requested=D(2026, 11, 1), session_date=D(2026, 12, 17))
    on_time = energy_signal(requested=D(2026, 11, 18), session_date=D(2026, 12, 17))

    actions.agenda_place_imported([late.dossier_id, on_time.dossier_id], actor=mw)

    for user in (voorzitter, onthaal):
        (note,) = Notification.objects.filter(user=user)
        assert "na de wettelijke termijn" in note.text
        assert late.dossier.household_name in note.text
        assert on_time.dossier.household_name not in note.text


def test_the_session_page_offers_to_move_a_late_dossier_only_while_it_can_help(db, onthaal, login):
    still_time = energy_signal(requested=D(2026, 11, 20), session_date=D(2027, 1, 14))
    too_late = energy_signal(requested=D(2026, 10, 1), session_date=D(2027, 1, 14))
    placed = actions.agenda_place_imported(
        [still_time.dossier_id, too_late.dossier_id], actor=onthaal
    ).placed
    items = {item.dossier_id: item for item in placed}
    page = login(onthaal).get(f"/lac/zitting/{placed[0].session_id}/").content.decode()

    assert f"/lac/punt/{items[still_time.dossier_id].pk}/verplaatsen/" in page
    # Its deadline (31/10) is already past: an earlier session cannot help any more.
    alert = page[page.index(too_late.dossier.household_name) :]
    alert = alert[: alert.index("</div>")]
    assert "verplaatsen" not in alert
