"""The registry of letter types, and how a letter is filled in.

A letter type has a code, a label, a default DOCX template shipped with the application, the
placeholders it offers (name -> example value, listed for the beheerder) and a function building
its own values for a dossier. Every letter also gets the common placeholders (letterhead, contact
person, household, date, company): see COMMON_PLACEHOLDERS. Other apps register their types from
their AppConfig.ready():

    from bereik.outreach.letters import register_letter_type

    register_letter_type(
        "beslissing_client",
        _("Beslissing LAC (cliënt)"),
        default_template=Path(__file__).parent / "letter_templates" / "beslissing_client.docx",
        placeholders={"beslissing": "Afbetalingsplan van 6 maanden", ...},
        build_context=lambda dossier, **options: {"beslissing": options["decision"], ...},
        manual=False,  # only made from the LAC session, not from the dossier's letter menu
    )

Generate and store a letter with `actions.letter_generate(dossier, code, actor=..., **options)`;
a batch as one DOCX with `actions.letters_generate_batch(dossiers, code, actor=..., **options)`.
The beheerder replaces a template by upload (LetterTemplate); it is validated against
`letter_type.all_placeholders` with `bereik.lib.documents.validate_docx_template`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.lib import documents
from bereik.organisation.models import Organisation
from bereik.outreach.models import LetterTemplate

TEMPLATE_DIR = Path(__file__).resolve().parent / "letter_templates"

# Placeholders every letter offers, with the example shown to the beheerder.
COMMON_PLACEHOLDERS: dict[str, str] = {
    "datum": "27 november 2026",
    "plaats": "Sint-Truiden",
    "logo": "(het logo van de organisatie, als het ingesteld is)",
    "organisatie_naam": "OCMW Sint-Truiden",
    "organisatie_adres": "Kazernestraat 13, 3800 Sint-Truiden",
    "organisatie_straat": "Kazernestraat 13",
    "organisatie_gemeente": "3800 Sint-Truiden",
    "organisatie_telefoon": "011 70 13 00",
    "organisatie_email": "sociale.dienst@ocmw.be",
    "organisatie_website": "www.ocmw.be",
    "openingsuren": "elke werkdag tussen 8.30 uur en 11.30 uur",
    "contactpersoon_naam": "Pieter Claes",
    "contactpersoon_functie": "Preventiewerker",
    "contactpersoon_telefoon": "011 70 13 25",
    "contactpersoon_email": "pieter.claes@ocmw.be",
    "contactpersoon_gegevens": "011 70 13 25, pieter.claes@ocmw.be",
    "aanspreking": "Beste Jan Peeters",
    "client_naam": "Jan Peeters",
    "client_straat": "Kerkstraat 12 bus 3",
    "client_gemeente": "3800 Sint-Truiden",
    "dossiernummer": "2026-000123",
    "maatschappij": "De Watergroep",
    "klantnummer": "K1234567",
    "voorziening": "water",
    "aanleiding": (
        "De Watergroep liet ons weten dat er een probleem is met de betaling van uw facturen "
        "voor water."
    ),
    "afsluiting": "een afsluiting van het water",
    "openstaand_bedrag": "€ 245,80",
    "termijn": "15 december 2026",
}

LOGO_WIDTH_MM = 35


@dataclass(frozen=True)
class LetterType:
    code: str
    label: str
    default_template: Path
    placeholders: dict[str, str]
    build_context: Callable[..., dict]
    description: str = ""
    # A Django form whose cleaned_data are the options passed to build_context (None: no options).
    options_form: type | None = None
    # Offered in the dossier's letter menu (False: made by another app, e.g. LAC decisions).
    manual: bool = True
    applies_to: Callable | None = None  # applies_to(dossier) -> bool; None: every dossier
    counts_as_contact: bool = True  # sending it records a contact attempt of kind brief
    encloses_brochure: bool = False  # sending it records that the brochure was handed over
    # Called after the letter is stored: on_created(letter, options, actor) (e.g. plan a visit).
    on_created: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def all_placeholders(self) -> dict[str, str]:
        return {**COMMON_PLACEHOLDERS, **self.placeholders}

    def is_for(self, dossier) -> bool:
        return self.applies_to is None or bool(self.applies_to(dossier))


_types: dict[str, LetterType] = {}


def register_letter_type(
    code: str,
    label,
    *,
    default_template: Path | str,
    placeholders: dict[str, str],
    build_context: Callable[..., dict],
    **extra,
) -> LetterType:
    """Register (or re-register, e.g. on reload) a letter type. `placeholders` are the type's own
    ones, on top of COMMON_PLACEHOLDERS; `build_context(dossier, **options)` returns their values.
    Optional keywords: see LetterType (description, options_form, manual, applies_to,
    counts_as_contact, encloses_brochure, on_created)."""
    clash = set(placeholders) & set(COMMON_PLACEHOLDERS)
    if clash:
        raise ValueError(f"{code}: placeholders {sorted(clash)} are common placeholders")
    letter_type = LetterType(
        code=code,
        label=label,
        default_template=Path(default_template),
        placeholders=dict(placeholders),
        build_context=build_context,
        **extra,
    )
    _types[code] = letter_type
    return letter_type


def get_letter_type(code: str) -> LetterType:
    try:
        return _types[code]
    except KeyError:
        raise LookupError(f"Unknown letter type: {code}") from None


def letter_types(*, manual_only: bool = False) -> list[LetterType]:
    return [t for t in _types.values() if t.manual or not manual_only]


def letter_types_for(dossier) -> list[LetterType]:
    """The types a worker can make from this dossier's page."""
    return [t for t in letter_types(manual_only=True) if t.is_for(dossier)]


# --- the template in use ------------------------------------------------------------------------


def active_template(code: str) -> tuple[bytes, str]:
    """The template in use for a letter type and a label saying which one it is."""
    custom = LetterTemplate.objects.filter(code=code).first()
    if custom is not None:
        label = _("aangepast op %(date)s") % {
            "date": timezone.localtime(custom.uploaded_at).strftime("%d/%m/%Y %H:%M")
        }
        return custom.content(), str(label)
    return get_letter_type(code).default_template.read_bytes(), str(_("standaard"))


# --- values -------------------------------------------------------------------------------------

SUBJECT = {
    "water": (_("water"), _("een afsluiting van het water")),
    "energie": (_("elektriciteit en gas"), _("een afsluiting van elektriciteit of gas")),
    "woonst": (_("uw woning"), _("een uithuiszetting")),
}


def contact_person(dossier, actor=None):
    """Who the household can contact: the contact person on the dossier (e.g. a brugfiguur), else
    the assigned worker, else whoever makes the letter."""
    return dossier.contact_person or dossier.assigned_to or actor


def occasion(dossier) -> str:
    """The sentence saying why the OCMW writes, in plain words."""
    company = dossier.company.name if dossier.company_id else ""
    if dossier.kind == "woonst":
        return str(_("We kregen bericht dat u misschien uw woning moet verlaten."))
    supply = SUBJECT.get(dossier.kind, SUBJECT["water"])[0]
    if company:
        return str(
            _(
                "%(company)s liet ons weten dat er een probleem is met de betaling van uw "
                "facturen voor %(supply)s."
            )
            % {"company": company, "supply": supply}
        )
    return str(
        _("We kregen bericht dat er een probleem is met de betaling van uw facturen voor %(s)s.")
        % {"s": supply}
    )


def common_context(dossier, *, actor=None, on: datetime.date | None = None) -> dict:
    organisation = Organisation.get()
    person = contact_person(dossier, actor)
    supply, cut_off = SUBJECT.get(dossier.kind, SUBJECT["water"])
    logo = ""
    if organisation.logo:
        try:
            with organisation.logo.open("rb") as handle:
                logo = documents.DocxImage(handle.read(), width_mm=LOGO_WIDTH_MM)
        except OSError:
            logo = ""  # a missing logo file must not stop a letter
    first_last = f"{dossier.first_name} {dossier.last_name}".strip()
    phone = getattr(person, "phone", "") or organisation.phone
    email = getattr(person, "email", "") or organisation.email
    place = f"{dossier.postcode} {dossier.city}".strip()
    return {
        "datum": documents.format_date(on or timezone.localdate()),
        "plaats": organisation.city,
        "logo": logo,
        "organisatie_naam": organisation.name,
        "organisatie_adres": ", ".join(organisation.address_lines),
        "organisatie_straat": organisation.street,
        "organisatie_gemeente": f"{organisation.postcode} {organisation.city}".strip(),
        "organisatie_telefoon": organisation.phone,
        "organisatie_email": organisation.email,
        "organisatie_website": organisation.website,
        "openingsuren": organisation.office_hours,
        "contactpersoon_naam": (person.get_full_name() or person.username) if person else "",
        "contactpersoon_functie": getattr(person, "job_title", "") or "",
        "contactpersoon_telefoon": phone,
        "contactpersoon_email": email,
        "contactpersoon_gegevens": ", ".join(part for part in (phone, email) if part),
        "aanspreking": str(
            _("Beste %(name)s") % {"name": first_last}
            if dossier.first_name
            else _("Beste mevrouw, meneer")
        ),
        "client_naam": first_last,
        "client_straat": dossier.address_line,
        "client_gemeente": place,
        "dossiernummer": dossier.number,
        "maatschappij": dossier.company.name if dossier.company_id else "",
        "klantnummer": dossier.customer_number,
        "voorziening": str(supply),
        "aanleiding": occasion(dossier),
        "afsluiting": str(cut_off),
        "openstaand_bedrag": documents.format_amount(dossier.amount_due),
        "termijn": documents.format_date(dossier.deadline),
    }


def build_letter_context(
    letter_type: LetterType, dossier, *, actor=None, on: datetime.date | None = None, **options
) -> dict:
    context = common_context(dossier, actor=actor, on=on)
    context.update(letter_type.build_context(dossier, **options))
    return context


def render_letter(
    code: str, dossier, *, actor=None, on: datetime.date | None = None, **options
) -> tuple[bytes, str]:
    """The filled-in DOCX for a dossier and the label of the template used (nothing stored)."""
    letter_type = get_letter_type(code)
    template, version = active_template(code)
    context = build_letter_context(letter_type, dossier, actor=actor, on=on, **options)
    return documents.render_docx(template, context), version
