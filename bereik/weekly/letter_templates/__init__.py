"""The default template of the request for a free water scan (DOCX), written with python-docx in
the look of the other letters. Bereik uses `waterscan_aanvraag.docx` next to this module until the
beheerder uploads another (Beheer > Briefsjablonen); after changing the text below, write it again
with `manage.py waterscan_letter_template`."""

from pathlib import Path

from bereik.outreach.default_letters import ACCENT, blank_letter, closing, lines, text

DIRECTORY = Path(__file__).resolve().parent
FILE = DIRECTORY / "waterscan_aanvraag.docx"


def request_letter():
    """Addressed to the water company: the household, its customer number and why a scan."""
    document = blank_letter("Aanvraag gratis waterscan")

    text(document, "{{ logo }}", after=2)
    text(document, "{{ organisatie_naam }}", bold=True, size=13, after=0, colour=ACCENT)
    lines(
        document,
        "{{ organisatie_adres }}",
        "{% if organisatie_telefoon %}Tel. {{ organisatie_telefoon }}{% endif %}"
        "{% if organisatie_email %} · {{ organisatie_email }}{% endif %}",
        size=9,
        after=24,
    )
    text(document, "{{ maatschappij }}", indent_cm=9.5, after=0)
    text(document, "{{ maatschappij_adres }}", indent_cm=9.5, after=24)
    text(document, "{% if plaats %}{{ plaats }}, {% endif %}{{ datum }}", after=2)
    lines(
        document,
        "Contactpersoon: {{ contactpersoon_naam }}"
        "{% if contactpersoon_telefoon %} · {{ contactpersoon_telefoon }}{% endif %}"
        "{% if contactpersoon_email %} · {{ contactpersoon_email }}{% endif %}",
        "Ons kenmerk: {{ dossiernummer }}",
        size=9,
        after=18,
    )
    text(document, "Betreft: aanvraag van een gratis waterscan", bold=True, after=12)
    text(document, "Geachte,", after=10)
    text(
        document,
        "Wij vragen een gratis waterscan aan voor uw klant {{ client_naam }}, {{ client_straat }}, "
        "{{ client_gemeente }} (klantnummer {{ klantnummer }}).",
    )
    text(document, "Waarom wij de scan vragen: {{ gronden }}.")
    text(document, "{%p if beschermde_klant %}", after=0)
    text(document, "De klant is een beschermde klant: de waterscan is voor hem of haar kosteloos.")
    text(document, "{%p endif %}", after=0)
    text(
        document,
        "De klant gaat akkoord met de scan en werkt eraan mee. Wilt u voor de afspraak contact "
        "opnemen met de klant, en ons het resultaat laten weten?",
    )
    return closing(document)


def write_default() -> Path:
    request_letter().save(FILE)
    return FILE
