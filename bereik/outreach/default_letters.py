"""The default letter templates, written with python-docx. `manage.py build_default_letters`
writes them to letter_templates/; the .docx files there are what ships and what the beheerder can
download, change in Word or LibreOffice and upload again.

Other apps can build their own defaults with the same look: `new_letter(subject)` gives a document
with the letterhead, the household's address block, the date and the subject line; add paragraphs
with `text(...)` and finish with `closing(...)`.

The letterhead is in the body (not in a Word header) so that letters merged into one batch keep it
on every page.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_DIR = Path(__file__).resolve().parent / "letter_templates"
ACCENT = RGBColor(0x0B, 0x4F, 0x6C)


def text(
    document, content: str = "", *, bold=False, size=None, indent_cm=None, after=6, colour=None
):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(after)
    if indent_cm is not None:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    if content:
        run = paragraph.add_run(content)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour
    return paragraph


def lines(document, *contents: str, indent_cm=None, size=None, after=6):
    """One paragraph with line breaks: an address block keeps together."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(after)
    if indent_cm is not None:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    for number, content in enumerate(contents):
        run = paragraph.add_run(content)
        if size:
            run.font.size = Pt(size)
        if number < len(contents) - 1:
            run.add_break(WD_BREAK.LINE)
    return paragraph


def blank_letter(title: str) -> Document:
    """An empty A4 letter in the house style (margins, Arial 11, fixed properties, so that a
    template written again is the same file)."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2.5)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    properties = document.core_properties
    properties.author = "Bereik"
    properties.title = title
    properties.created = properties.modified = datetime.datetime(2026, 1, 1)
    properties.revision = 1
    return document


def new_letter(subject: str) -> Document:
    document = blank_letter(subject.replace("{{ ", "").replace(" }}", ""))

    # Letterhead.
    text(document, "{{ logo }}", after=2)
    text(document, "{{ organisatie_naam }}", bold=True, size=13, after=0, colour=ACCENT)
    lines(
        document,
        "{{ organisatie_adres }}",
        "{% if organisatie_telefoon %}Tel. {{ organisatie_telefoon }}{% endif %}"
        "{% if organisatie_email %} · {{ organisatie_email }}{% endif %}"
        "{% if organisatie_website %} · {{ organisatie_website }}{% endif %}",
        "{% if openingsuren %}Openingsuren: {{ openingsuren }}{% endif %}",
        size=9,
        after=24,
    )
    # The household, placed for a window envelope.
    lines(
        document,
        "{{ client_naam }}",
        "{{ client_straat }}",
        "{{ client_gemeente }}",
        indent_cm=9.5,
        after=24,
    )
    text(document, "{% if plaats %}{{ plaats }}, {% endif %}{{ datum }}", after=2)
    lines(
        document,
        "Uw contactpersoon: {{ contactpersoon_naam }}"
        "{% if contactpersoon_telefoon %} · {{ contactpersoon_telefoon }}{% endif %}"
        "{% if contactpersoon_email %} · {{ contactpersoon_email }}{% endif %}",
        "Ons kenmerk: {{ dossiernummer }}",
        size=9,
        after=18,
    )
    text(document, f"Betreft: {subject}", bold=True, after=12)
    text(document, "{{ aanspreking }},", after=10)
    return document


def closing(document, *, enclosures: tuple[str, ...] = ()):
    text(document, "Met vriendelijke groeten,", after=30)
    lines(
        document,
        "{{ contactpersoon_naam }}",
        "{{ contactpersoon_functie }}",
        "{{ organisatie_naam }}",
        after=18,
    )
    for enclosure in enclosures:
        text(document, f"Bijlage: {enclosure}", size=9, after=0)
    return document


def invitation(kind: str) -> Document:
    water = kind == "water"
    document = new_letter(
        "uitnodiging voor de Lokale Adviescommissie (LAC) "
        + ("water" if water else "elektriciteit en gas")
    )
    text(
        document,
        "{{ aanleiding }}{% if openstaand_bedrag %} Het openstaande bedrag is "
        "{{ openstaand_bedrag }}.{% endif %}",
    )
    if water:
        text(
            document,
            "Als er geen oplossing komt, kan {{ maatschappij }} aan de Lokale Adviescommissie "
            "(LAC) vragen om een waterbegrenzer te plaatsen of het water af te sluiten. De LAC is "
            "een overleg tussen het OCMW en de watermaatschappij. Samen zoeken we een oplossing, "
            "bijvoorbeeld een afbetalingsplan dat u aankunt.",
        )
    else:
        text(
            document,
            "{{ maatschappij }} vraagt aan de Lokale Adviescommissie (LAC) een beslissing over uw "
            "aansluiting op elektriciteit of gas. De LAC is een overleg tussen het OCMW en "
            "{{ maatschappij }}. Samen zoeken we een oplossing, zodat u niet zonder elektriciteit "
            "of gas valt.",
        )
    text(document, "Daarom nodigen we u uit op de zitting van de LAC:", after=4)
    lines(
        document,
        "Datum: {{ lac_datum }}",
        "Uur: {{ lac_uur }}",
        "Plaats: {{ lac_plaats }}",
        indent_cm=1,
        after=10,
    )
    text(
        document,
        "Kom zeker. Dan kunt u zelf uitleggen hoe het met u gaat. U mag iemand meebrengen die u "
        "vertrouwt. Kunt u niet komen? Dan kan iemand anders in uw plaats komen, met een "
        "volmacht van u.",
    )
    text(
        document,
        "Wilt u eerst met iemand praten? Dat kan. Bel of mail {{ contactpersoon_naam }}"
        "{% if contactpersoon_gegevens %} ({{ contactpersoon_gegevens }}){% endif %} of kom "
        "langs op onze dienst{% if openingsuren %}: {{ openingsuren }}{% endif %}. Breng uw "
        "laatste facturen en een overzicht van uw inkomsten mee.",
    )
    return closing(document)


def not_at_home() -> Document:
    document = new_letter("ik kwam bij u langs")
    text(
        document,
        "{{ aanleiding }} Daarom kwam ik op {{ bezoek_datum }} bij u langs. Ik wil graag samen "
        "met u een oplossing zoeken.",
    )
    text(document, "Jammer genoeg was u niet thuis.")
    text(
        document,
        "Ik kom graag terug op {{ afspraak_datum }} in de {{ afspraak_dagdeel }}.",
        bold=True,
    )
    text(
        document,
        "Past dat moment niet? Laat het mij even weten, dan spreken we samen een ander moment af.",
    )
    text(
        document,
        "U kunt mij ook zelf bellen of mailen om een afspraak te maken"
        "{% if contactpersoon_gegevens %}: {{ contactpersoon_gegevens }}{% endif %}.",
    )
    return closing(document)


def last_letter() -> Document:
    document = new_letter("wij helpen u graag")
    text(document, "{{ aanleiding }}")
    text(document, "We kwamen al bij u langs, maar we konden u niet bereiken.")
    text(
        document,
        "Wij bieden u graag hulp aan om samen een oplossing te zoeken. Zo kunnen we "
        "{{ afsluiting }} voorkomen.",
    )
    text(
        document,
        "In bijlage vindt u de folder ‘{{ brochure_titel }}’. Daarin leest u welke rechten u hebt "
        "en hoe u geld kunt besparen.",
    )
    text(
        document,
        "Neem gerust contact met ons op, ook als u vragen hebt. "
        "{% if openingsuren %}U kunt bij ons terecht {{ openingsuren }}. {% endif %}"
        "U kunt ook {{ contactpersoon_naam }} bellen of mailen"
        "{% if contactpersoon_gegevens %}: {{ contactpersoon_gegevens }}{% endif %}.",
    )
    text(document, "Hoe sneller u reageert, hoe meer we samen kunnen doen.")
    return closing(document, enclosures=("folder ‘{{ brochure_titel }}’",))


def before_hearing() -> Document:
    """To the tenant after a summons for eviction, before the hearing (the eviction app's letter
    type `brief_voor_zitting`)."""
    document = new_letter(
        "uw zitting bij de vrederechter{% if zitting_datum %} op {{ zitting_datum }}{% endif %}"
    )
    text(document, "{{ aanleiding }}")
    text(
        document,
        "{% if zitting_datum %}Op {{ zitting_datum }}{% else %}Binnenkort{% endif %} beslist de "
        "vrederechter{% if vredegerecht %} ({{ vredegerecht }}){% endif %} over de vraag van "
        "{% if verhuurder %}{{ verhuurder }}{% else %}uw verhuurder{% endif %} om u uit uw woning "
        "te laten zetten.",
    )
    text(
        document,
        "Ga zeker naar die zitting. Bent u er niet, dan kan de vrederechter beslissen zonder uw "
        "kant van het verhaal te horen.",
        bold=True,
    )
    text(
        document,
        "Wij helpen u graag vóór de zitting. Samen bekijken we uw huur en uw schulden en zoeken "
        "we naar een afbetalingsplan of een andere woning. We brengen u in contact met een "
        "advocaat (pro Deo) of met het CAW. Als u dat wilt, geven we de vrederechter informatie "
        "over uw situatie.",
    )
    text(
        document,
        "Neem contact op met {{ contactpersoon_naam }}"
        "{% if contactpersoon_gegevens %} ({{ contactpersoon_gegevens }}){% endif %} of kom "
        "langs{% if openingsuren %}: {{ openingsuren }}{% endif %}. Breng de dagvaarding en uw "
        "huurcontract mee.",
    )
    return closing(document)


def free_letter() -> Document:
    document = new_letter("{{ onderwerp }}")
    text(document, "{{ tekst }}")
    return closing(document)


BUILDERS = {
    "uitnodiging_lac_water": lambda: invitation("water"),
    "uitnodiging_lac_energie": lambda: invitation("energie"),
    "niet_thuis": not_at_home,
    "laatste_brief": last_letter,
    "vrije_brief": free_letter,
    "brief_voor_zitting": before_hearing,
}


def build_all(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for code, builder in BUILDERS.items():
        path = directory / f"{code}.docx"
        builder().save(path)
        written.append(path)
    return written
