"""The fields of each list kind and the column names they are known by.

Field names are what `--map "Header=field"` and the column profiles use (README.md lists them).
Known names are compared without case, accents, spaces and punctuation ("Klant-nr." = "klantnr").
"""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Signal
from bereik.lib import values
from bereik.lib.columns import FieldSpec, ImportSpec


def _ean(value):
    number = values.parse_identifier(value)
    return {"ean": number, "customer_number": number} if number else {}


CUSTOMER_NUMBER = FieldSpec(
    "customer_number",
    _("Klantnummer"),
    (
        "klantnummer", "klantnr", "klant nummer", "klant nr", "klantennummer", "klantcode",
        "klant id", "klantreferentie", "referentie klant", "contractnummer", "contract nr",
        "debiteurnummer", "debiteur nr", "abonneenummer", "afnemernummer", "customer number",
        "customer id", "nr klant", "nummer klant",
    ),
    required=True,
    parser=values.parse_identifier,
    help_text=_("Het nummer waaronder de maatschappij het gezin kent."),
)  # fmt: skip
EAN = FieldSpec(
    "ean",
    _("EAN-code (dient als klantnummer als er geen is)"),
    ("ean", "ean code", "eancode", "ean nummer", "ean nr", "toegangspunt", "aansluitingspunt"),
    parser=_ean,
    provides=("ean", "customer_number"),
)
FULL_NAME = FieldSpec(
    "full_name",
    _("Naam en voornaam in één kolom"),
    (
        "naam", "klant", "klantnaam", "naam klant", "naam en voornaam", "naam voornaam",
        "volledige naam", "familienaam en voornaam", "naam afnemer", "afnemer", "debiteur",
        "naam debiteur", "name", "full name",
    ),
    parser=values.parse_full_name,
    provides=("last_name", "first_name"),
    help_text=_("\"Naam, Voornaam\" of \"Naam Voornaam\"."),
)  # fmt: skip
LAST_NAME = FieldSpec(
    "last_name",
    _("Naam"),
    ("familienaam", "achternaam", "last name", "surname"),
    required=True,
)
FIRST_NAME = FieldSpec("first_name", _("Voornaam"), ("voornaam", "voornamen", "first name"))
ADDRESS = FieldSpec(
    "address",
    _("Adres in één kolom"),
    (
        "adres", "adres klant", "klantadres", "straat en nummer", "straat en huisnummer",
        "straat nr", "straat nummer", "straat huisnummer", "leveringsadres", "verbruiksadres",
        "domicilieadres", "domicilie", "woonadres", "address",
    ),
    parser=values.parse_address,
    provides=("street", "house_number", "box", "postcode", "city"),
    help_text=_("Straat, nummer en bus, eventueel gevolgd door postcode en gemeente."),
)  # fmt: skip
STREET = FieldSpec("street", _("Straat"), ("straat", "straatnaam", "street"))
HOUSE_NUMBER = FieldSpec(
    "house_number",
    _("Huisnummer (met bus)"),
    ("huisnummer", "huisnr", "nr", "nummer", "huisnummer en bus", "nr en bus", "number"),
    parser=values.parse_house_number,
    provides=("house_number", "box"),
)
BOX = FieldSpec("box", _("Bus"), ("bus", "busnummer", "busnr", "bus nr", "bte", "boite"))
POSTCODE = FieldSpec(
    "postcode",
    _("Postcode"),
    ("postcode", "postnummer", "post code", "pc", "zip"),
    parser=values.parse_postcode,
)
CITY = FieldSpec(
    "city", _("Gemeente"), ("gemeente", "woonplaats", "plaats", "deelgemeente", "stad", "city")
)
POSTCODE_CITY = FieldSpec(
    "postcode_city",
    _("Postcode en gemeente in één kolom"),
    (
        "postcode en gemeente", "postcode gemeente", "postcode woonplaats", "postcode plaats",
        "postcode en woonplaats", "gemeente postcode",
    ),
    parser=values.parse_postcode_city,
    provides=("postcode", "city"),
)  # fmt: skip
INSZ = FieldSpec(
    "insz",
    _("INSZ (rijksregisternummer)"),
    (
        "insz", "insz nummer", "inss", "rijksregisternummer", "rijksregister nummer",
        "rijksregisternr", "rijksregister", "rrn", "rr nummer", "rijksregister nr",
        "identificatienummer sociale zekerheid", "national number", "nationaal nummer",
    ),
    parser=values.parse_insz,
)  # fmt: skip
BIRTH_DATE = FieldSpec(
    "birth_date",
    _("Geboortedatum"),
    ("geboortedatum", "geb datum", "geboren op", "geboorte datum", "date of birth"),
    parser=values.parse_date,
)
PHONE = FieldSpec(
    "phone", _("Telefoon"), ("telefoon", "tel", "telefoonnummer", "telefoonnr", "gsm", "gsm nr")
)
AMOUNT = FieldSpec(
    "amount",
    _("Openstaand bedrag"),
    (
        "openstaand bedrag", "openstaand", "bedrag", "schuld", "openstaande schuld",
        "openstaand saldo", "saldo", "totaal openstaand", "totale schuld", "achterstal",
        "achterstallig bedrag", "te betalen", "verschuldigd bedrag", "bedrag openstaand",
    ),
    parser=values.parse_amount,
)  # fmt: skip
PROTECTED = FieldSpec(
    "protected_customer",
    _("Beschermde klant"),
    ("beschermde klant", "beschermd", "beschermde afnemer", "bk", "beschermd klant"),
    parser=values.parse_flag,
    column_parser=values.flag_parser_for,
)
SESSION_DATE = FieldSpec(
    "session_date",
    _("Datum LAC-zitting"),
    (
        "datum lac", "lac datum", "datum zitting", "zittingsdatum", "datum lac zitting",
        "lac zitting", "zitting", "datum lokale adviescommissie", "datum commissie",
    ),
    parser=values.parse_date,
)  # fmt: skip
MEASURE = FieldSpec(
    "measure",
    _("Geplande actie / maatregel"),
    ("geplande actie", "maatregel", "geplande maatregel", "soort actie", "type actie", "actie"),
)
MEASURE_DATE = FieldSpec(
    "measure_date",
    _("Datum geplande maatregel"),
    (
        "geplande datum", "datum maatregel", "datum geplande actie", "uitvoeringsdatum",
        "datum uitvoering", "geplande uitvoering", "datum afsluiting", "datum plaatsing",
    ),
    parser=values.parse_date,
)  # fmt: skip

LAC_ENERGIE_ONLY = (
    FieldSpec(
        "debt_electricity",
        _("Schuld elektriciteit"),
        ("schuld elektriciteit", "schuld elek", "elektriciteit schuld", "openstaand elektriciteit"),
        parser=values.parse_amount,
    ),
    FieldSpec(
        "debt_gas",
        _("Schuld gas"),
        ("schuld gas", "gas schuld", "openstaand gas"),
        parser=values.parse_amount,
    ),
    FieldSpec("energy", _("Energie"), ("energie", "energietype", "soort energie", "product")),
    FieldSpec("reason", _("Reden aanvraag"), ("reden aanvraag", "reden", "motief", "motivering")),
    FieldSpec(
        "request_date",
        _("Datum aanvraag"),
        ("datum aanvraag", "aanvraagdatum", "datum verzoek", "datum vraag"),
        parser=values.parse_date,
    ),
)
LETTER_DATE = FieldSpec(
    "letter_date",
    _("Datum verwittiging"),
    ("datum verwittiging", "verwittigingsdatum", "datum brief", "briefdatum", "verzenddatum"),
    parser=values.parse_date,
)
ACTION_DATE = FieldSpec(
    "action_date",
    _("Datum actie"),
    ("datum", "datum actie", "actiedatum", "uitgevoerd op", "datum uitvoering"),
    required=True,
    parser=values.parse_date,
)

_HOUSEHOLD = (
    CUSTOMER_NUMBER, EAN, FULL_NAME, LAST_NAME, FIRST_NAME, ADDRESS, STREET, HOUSE_NUMBER, BOX,
    POSTCODE, CITY, POSTCODE_CITY, INSZ, BIRTH_DATE, PHONE, AMOUNT, PROTECTED,
)  # fmt: skip

# A name column next to a first-name column is the last name; a street column without a house
# number column holds the whole address (see bereik.lib.columns).
CONTEXT_RULES = (
    ("full_name", "with", "first_name", "last_name"),
    ("street", "without", "house_number", "address"),
)

SPECS = {
    Signal.Kind.LAC_WATER: ImportSpec(
        Signal.Kind.LAC_WATER,
        _("LAC-oproeping water"),
        (*_HOUSEHOLD, SESSION_DATE, MEASURE, MEASURE_DATE),
        CONTEXT_RULES,
    ),
    Signal.Kind.LAC_ENERGIE: ImportSpec(
        Signal.Kind.LAC_ENERGIE,
        _("LAC-aanvraag energie"),
        (*_HOUSEHOLD, *LAC_ENERGIE_ONLY, SESSION_DATE),
        CONTEXT_RULES,
    ),
    Signal.Kind.VERWITTIGING: ImportSpec(
        Signal.Kind.VERWITTIGING,
        _("Verwittiging"),
        (*_HOUSEHOLD, MEASURE, MEASURE_DATE, LETTER_DATE),
        CONTEXT_RULES,
    ),
    Signal.Kind.WEEKRAPPORT: ImportSpec(
        Signal.Kind.WEEKRAPPORT,
        _("Weekrapport"),
        (*_HOUSEHOLD, MEASURE, ACTION_DATE),
        CONTEXT_RULES,
    ),
}

LIST_KINDS = [(kind, spec.label) for kind, spec in SPECS.items()]


def spec_for(kind: str) -> ImportSpec:
    return SPECS[kind]
