import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from docx import Document
from PIL import Image

from bereik.dossiers.models import Dossier
from bereik.dossiers.tests.factories import DossierFactory
from bereik.lib import documents
from bereik.organisation.models import Company, Organisation
from bereik.outreach import actions, default_letters, letters, next_step
from bereik.outreach.models import ContactAttempt, Letter
from bereik.outreach.tests import libreoffice
from bereik.outreach.tests.libreoffice import needs_libreoffice

OUTREACH_TYPES = list(default_letters.BUILDERS)


@pytest.fixture
def organisation(db):
    organisation = Organisation.get()
    organisation.name = "OCMW Sint-Truiden"
    organisation.street = "Kazernestraat 13"
    organisation.postcode = "3800"
    organisation.city = "Sint-Truiden"
    organisation.phone = "011 70 13 00"
    organisation.office_hours = "elke werkdag tussen 8.30 uur en 11.30 uur"
    organisation.save()
    return organisation


def text_of(letter: Letter) -> str:
    data = letter.content()
    Document(io.BytesIO(data))  # opens as a valid DOCX
    return documents.docx_text(data)


@pytest.mark.parametrize("code", OUTREACH_TYPES)
def test_every_default_template_uses_only_its_placeholders(code):
    letter_type = letters.get_letter_type(code)
    documents.validate_docx_template(
        letter_type.default_template.read_bytes(), letter_type.all_placeholders
    )
    used = documents.template_variables(letter_type.default_template.read_bytes())
    assert {"client_naam", "client_straat", "client_gemeente", "contactpersoon_naam"} <= used
    assert {"organisatie_naam", "logo", "datum"} <= used


def test_the_shipped_templates_are_what_the_build_script_writes(tmp_path):
    for path in default_letters.build_all(tmp_path):
        shipped = letters.TEMPLATE_DIR / path.name
        assert documents.docx_text(path.read_bytes()) == documents.docx_text(
            shipped.read_bytes()
        ), f"{path.name}: run manage.py build_default_letters"


def test_a_letter_carries_letterhead_household_date_and_contact_person(
    frozen_today, organisation, route_c_dossier, preventiewerker
):
    letter = actions.letter_generate(
        route_c_dossier,
        "uitnodiging_lac_water",
        actor=preventiewerker,
        session_date=datetime.date(2026, 12, 15),
        session_time="14.00 uur",
        session_place="Kazernestraat 13, 3800 Sint-Truiden (zaal 2)",
    )
    text = text_of(letter)
    for expected in (
        "OCMW Sint-Truiden",
        "Kazernestraat 13, 3800 Sint-Truiden",
        "Openingsuren: elke werkdag tussen 8.30 uur en 11.30 uur",
        "Jan Peeters\nKerkstraat 12 bus 3\n3800 Sint-Truiden",
        "Sint-Truiden, 27 november 2026",
        "Uw contactpersoon: Pieter Test",
        "Beste Jan Peeters,",
        "De Watergroep liet ons weten",
        "Het openstaande bedrag is € 245,80.",
        "Datum: dinsdag 15 december 2026",
        "Plaats: Kazernestraat 13, 3800 Sint-Truiden (zaal 2)",
    ):
        assert expected in text, expected
    assert letter.template_version == "standaard"
    assert letter.sent_on is None
    assert not ContactAttempt.objects.filter(dossier=route_c_dossier).exists()


def test_the_energy_invitation_speaks_of_electricity_and_gas(
    organisation, route_c_dossier, preventiewerker
):
    route_c_dossier.kind = Dossier.Kind.ENERGIE
    route_c_dossier.company = Company.objects.get(name="Fluvius")
    route_c_dossier.save()
    letter = actions.letter_generate(
        route_c_dossier, "uitnodiging_lac_energie", actor=preventiewerker
    )
    text = text_of(letter)
    assert "LAC) elektriciteit en gas" in text
    assert "Fluvius liet ons weten" in text
    assert "Datum: dinsdag 15 december 2026" in text  # the dossier's LAC date by default


def test_a_brugfiguur_on_the_dossier_is_the_contact_person(
    organisation, route_c_dossier, preventiewerker, ervaringsdeskundige
):
    ervaringsdeskundige.phone = "0499 11 22 33"
    ervaringsdeskundige.save()
    route_c_dossier.contact_person = ervaringsdeskundige
    route_c_dossier.save()
    letter = actions.letter_generate(
        route_c_dossier,
        "niet_thuis",
        actor=preventiewerker,
        visit_date=datetime.date(2026, 11, 30),
        appointment_date=datetime.date(2026, 12, 7),
        appointment_part="voormiddag",
    )
    text = text_of(letter)
    assert "Uw contactpersoon: Eddy Test · 0499 11 22 33 · eddy@example.org" in text
    assert "Pieter" not in text


def test_without_a_worker_on_the_dossier_the_author_is_the_contact_person(
    organisation, route_c_dossier, mw
):
    route_c_dossier.assigned_to = None
    route_c_dossier.save()
    text = text_of(actions.letter_generate(route_c_dossier, "laatste_brief", actor=mw))
    assert "Uw contactpersoon: Mia Test" in text
    # No phone of her own: the organisation's number.
    assert "bellen of mailen: 011 70 13 00, mia@example.org." in text


def test_a_household_without_first_name_is_greeted_politely(organisation, preventiewerker):

    dossier = DossierFactory(first_name="", last_name="Vandenbergh")
    text = text_of(actions.letter_generate(dossier, "laatste_brief", actor=preventiewerker))
    assert "Beste mevrouw, meneer," in text


def test_the_logo_is_placed_on_the_letter(organisation, route_c_dossier, preventiewerker):
    image = io.BytesIO()
    Image.new("RGB", (60, 20), "navy").save(image, "PNG")
    organisation.logo.save("logo.png", ContentFile(image.getvalue()))
    letter = actions.letter_generate(route_c_dossier, "laatste_brief", actor=preventiewerker)
    names = zipfile.ZipFile(io.BytesIO(letter.content())).namelist()
    assert any(name.startswith("word/media/") for name in names)


def test_the_free_letter_keeps_the_paragraphs_typed(organisation, route_c_dossier, mw):
    letter = actions.letter_generate(
        route_c_dossier,
        "vrije_brief",
        actor=mw,
        subject="Uw afspraak op de dienst",
        body="Eerste alinea.\n\nTweede alinea met € & <tekens>.",
    )
    paragraphs = [p.text for p in Document(io.BytesIO(letter.content())).paragraphs]
    assert "Betreft: Uw afspraak op de dienst" in paragraphs
    assert "Eerste alinea." in paragraphs
    assert "Tweede alinea met € & <tekens>." in paragraphs


def test_the_letter_file_lives_under_media_root_without_a_name_in_its_path(
    media_root, route_c_dossier, preventiewerker
):
    letter = actions.letter_generate(route_c_dossier, "laatste_brief", actor=preventiewerker)
    path = letter.file.path
    assert path.startswith(str(media_root))
    assert "Peeters" not in path and "Peeters" not in letter.download_name


def test_a_sent_letter_counts_as_a_contact_attempt_of_kind_brief(
    frozen_today, route_c_dossier, preventiewerker
):
    letter = actions.letter_generate(
        route_c_dossier, "vrije_brief", actor=preventiewerker, body="x"
    )
    actions.letter_mark_sent(letter, sent_on=frozen_today, actor=preventiewerker)
    attempt = ContactAttempt.objects.get(dossier=route_c_dossier)
    assert (attempt.kind, attempt.date, attempt.letter) == (
        ContactAttempt.Kind.LETTER,
        frozen_today,
        letter,
    )
    with pytest.raises(ValidationError):
        actions.letter_mark_sent(letter, actor=preventiewerker)


def test_the_not_at_home_letter_plans_the_announced_visit(route_c_dossier, preventiewerker):
    letter = actions.letter_generate(
        route_c_dossier,
        next_step.NOT_AT_HOME,
        actor=preventiewerker,
        visit_date=datetime.date(2026, 11, 30),
        appointment_date=datetime.date(2026, 12, 7),
        appointment_part="namiddag",
        plan_visit=True,
    )
    visit = route_c_dossier.planned_visits.get()
    assert (visit.kind, visit.date, visit.part_of_day, visit.letter) == (
        ContactAttempt.Kind.ANNOUNCED_VISIT,
        datetime.date(2026, 12, 7),
        "namiddag",
        letter,
    )
    assert letter.options["appointment_date"] == "2026-12-07"


class TestRegistry:
    @pytest.fixture
    def decision_type(self):
        letter_type = letters.register_letter_type(
            "test_beslissing",
            "Beslissing (test)",
            default_template=letters.TEMPLATE_DIR / "vrije_brief.docx",
            placeholders={"onderwerp": "Beslissing", "tekst": "Afbetalingsplan"},
            build_context=lambda dossier, *, decision="", **extra: {
                "onderwerp": "Beslissing van de LAC",
                "tekst": f"De LAC besliste: {decision}",
            },
            manual=False,
            counts_as_contact=False,
        )
        yield letter_type
        letters._types.pop("test_beslissing")

    def test_another_app_can_register_and_generate_its_letter_type(
        self, decision_type, route_c_dossier, preventiewerker
    ):
        letter = actions.letter_generate(
            route_c_dossier, "test_beslissing", actor=preventiewerker, decision="plan"
        )
        assert "De LAC besliste: plan" in text_of(letter)
        actions.letter_mark_sent(letter, actor=preventiewerker)
        assert not ContactAttempt.objects.filter(dossier=route_c_dossier).exists()
        assert decision_type not in letters.letter_types_for(route_c_dossier)
        assert decision_type in letters.letter_types()

    def test_it_refuses_a_placeholder_that_is_already_common(self):
        with pytest.raises(ValueError):
            letters.register_letter_type(
                "test_dubbel",
                "Dubbel",
                default_template=letters.TEMPLATE_DIR / "vrije_brief.docx",
                placeholders={"client_naam": "x"},
                build_context=lambda dossier, **extra: {},
            )

    def test_an_unknown_type_is_a_lookup_error(self):
        with pytest.raises(LookupError):
            letters.get_letter_type("bestaat_niet")

    def test_the_invitation_is_offered_for_the_dossiers_kind_only(self, route_c_dossier):
        codes = [t.code for t in letters.letter_types_for(route_c_dossier)]
        assert "uitnodiging_lac_water" in codes
        assert "uitnodiging_lac_energie" not in codes
        assert {"niet_thuis", "laatste_brief", "vrije_brief"} <= set(codes)


@needs_libreoffice
def test_libreoffice_opens_every_letter_on_one_page(tmp_path, route_c_dossier, preventiewerker):
    made = {}
    for code in OUTREACH_TYPES:
        if not letters.get_letter_type(code).is_for(route_c_dossier):
            continue
        letter = actions.letter_generate(
            route_c_dossier, code, actor=preventiewerker, body="Een korte tekst."
        )
        made[code] = letter.content()
    pdfs = libreoffice.to_pdf(tmp_path, made)
    for code, pdf in pdfs.items():
        assert pdf.startswith(b"%PDF"), code
        assert libreoffice.page_count(pdf) == 1, code


@needs_libreoffice
def test_libreoffice_prints_a_batch_with_each_letter_on_its_own_page(
    tmp_path, route_c_dossier, preventiewerker
):
    others = [
        DossierFactory(kind=Dossier.Kind.WATER, last_name=name, assigned_to=preventiewerker)
        for name in ("Janssens", "Maes")
    ]
    batch = actions.letters_generate_batch(
        [route_c_dossier, *others],
        "uitnodiging_lac",
        actor=preventiewerker,
        session_date=datetime.date(2026, 12, 15),
        session_time="14.00 uur",
        session_place="Raadzaal",
    )
    pdf = libreoffice.to_pdf(tmp_path, {"reeks": batch.content()})["reeks"]
    assert libreoffice.page_count(pdf) == 3
