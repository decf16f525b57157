"""The default decision-letter templates (DOCX), written with python-docx in the look of the other
letters (bereik.outreach.default_letters).

The .docx files next to this module are what Bereik uses until the beheerder uploads another
template (Beheer > Briefsjablonen). After changing the text below, write them again with
`manage.py lac_letter_templates`. Placeholders are Jinja (`{{ client_naam }}`); a `{%p if %}`
paragraph keeps or drops the paragraphs up to its `{%p endif %}`.
"""

import io
from pathlib import Path

from bereik.outreach.default_letters import ACCENT, blank_letter, closing, lines, new_letter, text

DIRECTORY = Path(__file__).resolve().parent
CLIENT_FILE = DIRECTORY / "beslissing_klant.docx"
COMPANY_FILE = DIRECTORY / "beslissing_maatschappij.docx"


def _advice_paragraphs(document, *, to_client: bool) -> None:
    text(document, "Het advies van de LAC: {{ advies }}.", bold=True)
    text(document, "{%p if voorwaarden %}", after=0)
    text(
        document, "Het advies geldt onder deze voorwaarden, uiterlijk tegen {{ uiterlijk_tegen }}:"
    )
    text(document, "{{ voorwaarden }}", indent_cm=1)
    text(document, "{%p endif %}", after=0)
    text(document, "{%p if geen_unanimiteit %}", after=0)
    text(
        document,
        "Het advies werd niet unaniem gegeven. Zonder unanimiteit mag "
        + ("{{ maatschappij }} uw levering" if to_client else "u de levering")
        + " niet afsluiten.",
        bold=True,
    )
    text(document, "{%p endif %}", after=0)
    text(document, "{%p if na_termijn %}", after=0)
    text(document, "{{ na_termijn }}")
    text(document, "{%p endif %}", after=0)


def client_letter():
    document = new_letter("advies van de Lokale Adviescommissie (LAC) {{ zitting_soort }}")
    text(
        document,
        "{{ maatschappij }} vroeg de Lokale Adviescommissie (LAC) om advies over uw aansluiting "
        "(klantnummer {{ klantnummer }}). De LAC besprak uw dossier op {{ zitting_datum }}. "
        "{{ aanwezigheid }}",
    )
    _advice_paragraphs(document, to_client=True)
    text(document, "{{ maatschappij }} krijgt dit advies ook schriftelijk.")
    text(
        document,
        "Hebt u vragen, of lukt het niet om de afspraken na te komen? Neem dan zo snel mogelijk "
        "contact op met {{ contactpersoon_naam }}{% if contactpersoon_telefoon %}, telefoon "
        "{{ contactpersoon_telefoon }}{% endif %}. Wacht er niet mee: samen zoeken we een "
        "oplossing.",
    )
    return closing(document)


def company_letter():
    """Addressed to the company; only what it needs to act on the advice."""
    document = blank_letter("Advies LAC")

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
    text(document, "{%p if vertegenwoordiger_naam %}", after=0)
    text(document, "t.a.v. {{ vertegenwoordiger_naam }}", indent_cm=9.5, after=0)
    text(document, "{%p endif %}", after=0)
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
    text(
        document,
        "Betreft: advies LAC {{ zitting_soort }} van {{ zitting_datum }}, klantnummer "
        "{{ klantnummer }}",
        bold=True,
        after=12,
    )
    text(document, "Geachte mevrouw, geachte heer,", after=10)
    text(
        document,
        "Op uw vraag besprak de Lokale Adviescommissie op {{ zitting_datum }} het dossier van "
        "{{ client_naam }}, {{ client_straat }}, {{ client_gemeente }} (klantnummer "
        "{{ klantnummer }}). {{ aanwezigheid }}",
    )
    _advice_paragraphs(document, to_client=False)
    text(document, "Met vriendelijke groeten,", after=30)
    lines(
        document,
        "{{ voorzitter_naam }}",
        "Voorzitter van de Lokale Adviescommissie",
        "{{ organisatie_naam }}",
    )
    return document


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_all() -> dict[Path, bytes]:
    return {CLIENT_FILE: _bytes(client_letter()), COMPANY_FILE: _bytes(company_letter())}


def write_defaults() -> list[Path]:
    """Write the default templates next to this module; returns the paths written."""
    written = []
    for path, data in build_all().items():
        path.write_bytes(data)
        written.append(path)
    return written
