"""What the secretary sees while recording, and what the decision letters and pages say."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from bereik.accounts.actions import user_update
from bereik.audit.models import AuditEvent
from bereik.lac import actions
from bereik.lac.forms import AdviceForm
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lac.tests.factories import AgendaItemFactory, LacPersonFactory, SessionFactory
from bereik.lib.documents import DOCX_CONTENT_TYPE, docx_text
from bereik.organisation.models import Company
from bereik.outreach.models import Letter
from bereik.outreach.tests import libreoffice
from bereik.outreach.tests.libreoffice import needs_libreoffice

pytestmark = pytest.mark.django_db

REPRESENTED_NOT_UNANIMOUS = {
    "attendance": AgendaItem.Attendance.REPRESENTED,
    "representative_kind": AgendaItem.Representative.FAMILY,
    "representative_name": "Karim Peeters",
    "advice": AgendaItem.Advice.LIMITER,
    "unanimous": False,
}


@pytest.fixture
def item(onthaal):
    representative = LacPersonFactory(name="An Lemmens", function=LacPerson.Function.COMPANY)
    session = SessionFactory(
        date=datetime.date(2026, 11, 26), company_representative=representative
    )
    item = AgendaItemFactory(
        session=session,
        dossier__first_name="Ahmed",
        dossier__last_name="Peeters",
        dossier__amount_due=Decimal("1253.97"),
    )
    return actions.agenda_item_record(item, actor=onthaal, **REPRESENTED_NOT_UNANIMOUS)


def test_the_record_page_says_the_company_may_not_cut_off_without_unanimity(item, onthaal, login):
    page = login(onthaal).get(f"/lac/zitting/{item.session.pk}/notuleren/").content.decode()
    assert "Niet unaniem: zonder unanimiteit mag de maatschappij niet afsluiten." in page


def test_the_client_letter_names_the_representative_in_a_plain_sentence(item, onthaal):
    data = actions.decision_letters_create([item], "klant", actor=onthaal)
    text = docx_text(data)
    assert "U liet zich vertegenwoordigen door Karim Peeters, familielid." in text
    assert "Zonder unanimiteit mag De Watergroep uw levering niet afsluiten." in text


def test_the_company_letter_is_addressed_to_its_representative(item, onthaal):
    text = docx_text(actions.decision_letters_create([item], "maatschappij", actor=onthaal))
    assert "t.a.v. An Lemmens" in text
    assert "Geachte mevrouw, geachte heer," in text
    assert "De klant was vertegenwoordigd door Karim Peeters, familielid." in text


def test_without_a_representative_the_company_letter_has_no_empty_line(onthaal):
    session = SessionFactory(date=datetime.date(2026, 11, 26))
    item = AgendaItemFactory(session=session)
    item = actions.agenda_item_record(
        item,
        actor=onthaal,
        attendance=AgendaItem.Attendance.ABSENT,
        advice=AgendaItem.Advice.NO_CUTOFF,
    )
    text = docx_text(actions.decision_letters_create([item], "maatschappij", actor=onthaal))
    assert "t.a.v." not in text


def test_a_representative_without_a_name_reads_well(onthaal):
    item = AgendaItemFactory(session=SessionFactory(date=datetime.date(2026, 11, 26)))
    item = actions.agenda_item_record(
        item,
        actor=onthaal,
        attendance=AgendaItem.Attendance.REPRESENTED,
        representative_kind=AgendaItem.Representative.LAWYER,
        advice=AgendaItem.Advice.POSTPONE,
    )
    text = docx_text(actions.decision_letters_create([item], "klant", actor=onthaal))
    assert "U liet zich vertegenwoordigen door een advocaat." in text


def test_a_phone_number_with_an_area_code_in_brackets_reads_well(onthaal, mw):
    user_update(mw, actor=onthaal, phone="(011) 70 13 25")
    item = AgendaItemFactory(
        session=SessionFactory(date=datetime.date(2026, 11, 26)), dossier__assigned_to=mw
    )
    item = actions.agenda_item_record(
        item,
        actor=onthaal,
        attendance=AgendaItem.Attendance.PRESENT,
        advice=AgendaItem.Advice.NO_CUTOFF,
    )
    text = docx_text(actions.decision_letters_create([item], "klant", actor=onthaal))
    assert "contact op met Mia Test, telefoon (011) 70 13 25." in text
    assert "((" not in text


@pytest.fixture
def late_item(onthaal):
    """Advised on 26/11, after the legal deadline of 22/11."""
    item = AgendaItemFactory(
        session=SessionFactory(date=datetime.date(2026, 11, 26)),
        legal_deadline=datetime.date(2026, 11, 22),
        request_type=AgendaItem.Request.CUTOFF,
    )
    return actions.agenda_item_record(
        item,
        actor=onthaal,
        attendance=AgendaItem.Attendance.ABSENT,
        advice=AgendaItem.Advice.NO_CUTOFF,
    )


def test_the_minutes_say_when_the_advice_came_after_the_legal_deadline(late_item, onthaal, login):
    response = login(onthaal).get(f"/lac/zitting/{late_item.session.pk}/verslag.pdf")
    assert response.status_code == 200
    html = render_to_string(
        "lac/pdf/minutes.html", {"session": late_item.session, "items": [late_item]}
    )
    assert "Na de wettelijke termijn (22/11/2026)." in html
    assert late_item.lapse_consequence in html


LATE = "Dit advies kwam na de wettelijke termijn, die op 22 november 2026 afliep."


@pytest.mark.parametrize("recipient", ["klant", "maatschappij"])
def test_the_decision_letters_say_when_the_advice_came_after_the_legal_deadline(
    late_item, onthaal, recipient
):
    text = docx_text(actions.decision_letters_create([late_item], recipient, actor=onthaal))
    assert LATE in text


@pytest.mark.parametrize("recipient", ["klant", "maatschappij"])
def test_an_advice_in_time_says_nothing_about_the_deadline(item, onthaal, recipient):
    item.legal_deadline = item.session.date
    item.save(update_fields=["legal_deadline"])
    text = docx_text(actions.decision_letters_create([item], recipient, actor=onthaal))
    assert "wettelijke termijn" not in text


def test_a_decision_letter_file_name_holds_no_name(item, onthaal, login):
    response = login(onthaal).post(f"/lac/punt/{item.pk}/brief/klant/")
    disposition = response["Content-Disposition"]
    assert item.dossier.number in disposition
    assert "peeters" not in disposition.lower()


@pytest.mark.parametrize(
    "path", ["/lac/punt/{item}/brief/klant/", "/lac/zitting/{session}/brieven/maatschappij/"]
)
def test_decision_letters_are_made_by_a_button_never_by_a_get(item, onthaal, login, path):
    """A GET (a link, a browser's prefetch) must not create letters and audit events."""
    path = path.format(item=item.pk, session=item.session.pk)
    client = login(onthaal)
    letters_before, events_before = Letter.objects.count(), AuditEvent.objects.count()

    assert client.get(path).status_code == 405
    assert (Letter.objects.count(), AuditEvent.objects.count()) == (letters_before, events_before)

    response = client.post(path)
    assert response["Content-Type"].startswith(DOCX_CONTENT_TYPE)
    assert Letter.objects.count() == letters_before + 1
    page = client.get(f"/lac/zitting/{item.session.pk}/").content.decode()
    assert f'<form method="post" action="/lac/zitting/{item.session.pk}/brieven/klant/"' in page


def test_the_session_page_shows_amounts_the_belgian_way(item, onthaal, login):
    page = login(onthaal).get(f"/lac/zitting/{item.session.pk}/").content.decode()
    assert "€\u00a01.253,97" in page


def test_the_advice_offered_fits_the_kind_of_session(db):
    water = AgendaItemFactory(session=SessionFactory(kind=Session.Kind.WATER))
    fluvius = Company.objects.get(name="Fluvius")
    energy = AgendaItemFactory(session=SessionFactory(kind=Session.Kind.ENERGIE, company=fluvius))

    water_choices = dict(AdviceForm(instance=water).fields["advice"].choices)
    energy_choices = dict(AdviceForm(instance=energy).fields["advice"].choices)

    assert AgendaItem.Advice.LIMITER in water_choices
    assert AgendaItem.Advice.METER not in water_choices
    assert AgendaItem.Advice.METER in energy_choices
    assert AgendaItem.Advice.LIMITER not in energy_choices


def test_an_advice_recorded_before_keeps_its_choice(item):
    # A water limiter recorded on an item stays selectable even if the list of choices changes.
    assert AgendaItem.Advice.LIMITER in dict(AdviceForm(instance=item).fields["advice"].choices)


@needs_libreoffice
def test_libreoffice_prints_each_decision_letter_on_one_page(item, onthaal, tmp_path):
    pdfs = libreoffice.to_pdf(
        tmp_path,
        {
            recipient: actions.decision_letters_create([item], recipient, actor=onthaal)
            for recipient in ("klant", "maatschappij")
        },
    )
    for recipient, pdf in pdfs.items():
        assert libreoffice.page_count(pdf) == 1, recipient
