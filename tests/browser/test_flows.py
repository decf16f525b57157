"""Three flows as a new user clicks them, through the screens (labels, roles and the texts on
them), on the live demo:

(a) the Sint-Truiden outreach sequence on one route-C dossier, with the "volgende stap" in the
    dossier header after each step;
(b) a household reached at the unannounced home visit gets help and an internal referral,
    accepted by a member of the team, then its dossier is closed with an outcome;
(c) a LAC list uploaded and put on its session's agenda; the session of today (of the last
    working day in a weekend) recorded in place, its minutes, its closing, and the closed
    session corrected.

They run on a server of their own (`flows_server`), on the real clock: everything happens
today. Each flow picks its dossier or session by its state in a list, so the flows do not depend
on the demo's numbering, nor on each other; where the demo has no dossier in the state a flow
starts from, the flow brings one there through the screens.
"""

import csv
import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

# The flows run one after the other in one xdist worker (`--dist loadgroup`), in this order.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("flows")]

ROOT = Path(__file__).resolve().parents[2]
# A LAC list the project ships as test data (the demo imports it with its dates moved).
ENERGY_LIST = ROOT / "bereik" / "intake" / "tests" / "data" / "fluvius-lac-energie.csv"
BRUSSELS = ZoneInfo("Europe/Brussels")
HELP_STEP = "Hulp: voorstel uitwerken, brochure overlopen, rechtenonderzoek"


@pytest.fixture
def open_page(new_context, flows_server):
    """`open_page()`: a page in a browser context of its own (a person at their own desk)."""
    return lambda: new_context(base_url=flows_server).new_page()


def today() -> datetime.date:
    return datetime.datetime.now(BRUSSELS).date()


def part_of_day_now() -> str:
    """The part of the day the attempt form offers for a contact made now."""
    hour = datetime.datetime.now(BRUSSELS).hour
    return "voormiddag" if hour < 12 else "namiddag" if hour < 17 else "avond"


def next_step_line(page):
    return page.locator("header p").filter(has=page.get_by_text("Volgende stap:", exact=True))


def next_step(page) -> str:
    """The "Volgende stap" line of the dossier header, without the label."""
    text = next_step_line(page).inner_text()
    return " ".join(text.split()).removeprefix("Volgende stap:").strip()


def expect_next_step(page, start: str) -> None:
    expect(next_step_line(page)).to_contain_text(start)
    assert next_step(page).startswith(start), next_step(page)


def header(page):
    """The dossier header (its title is the household's name)."""
    return page.locator("header").filter(has=page.get_by_text("Volgende stap:", exact=True))


def choose(page, label: str) -> None:
    """Click a choice drawn as a button (a radio button whose label is the button)."""
    page.locator("main form label").filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
    ).click()


def expect_message(page, text: str) -> None:
    """The feedback at the top of the page, once the page that shows it has loaded."""
    expect(page.get_by_role("alert").filter(has_text=text)).to_be_visible()


def section(page, title: str):
    """A section of the dossier page, unfolded (as a person clicks its title when it is folded
    away in the dossier's phase)."""
    region = page.get_by_role("region", name=re.compile(rf"^{re.escape(title)}"))
    toggle = region.get_by_role("button", name=re.compile(rf"^{re.escape(title)}"))
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return region


def open_my_dossiers(page) -> None:
    """The Dossiers menu; a preventiewerker lands on her own dossiers."""
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Dossiers", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Mijn dossiers", level=1)).to_be_visible()


def open_dossier_from_my_list(page, *, step: str | re.Pattern, **filters: str) -> str:
    """Open the first of my dossiers whose volgende stap reads `step`; its number."""
    open_my_dossiers(page)
    for label, option in filters.items():
        page.get_by_label(label, exact=True).select_option(label=option)
    page.get_by_role("button", name="Filteren").click()
    rows = page.get_by_role("row").filter(has_text=step)
    expect(rows.first).to_be_visible()
    number = rows.first.get_by_role("link", name=re.compile(r"^\d{4}-\d{6}$")).first
    dossier = number.inner_text()
    number.click()
    expect(page.get_by_text(f"Dossier {dossier}")).to_be_visible()
    return dossier


def make_letter(page, heading: str, *, goes_out_today: bool) -> None:
    """The letter form opened from the header: the letter made, today or to be sent later."""
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    goes_out = page.get_by_label(
        "De brief vertrekt vandaag: verstuurd, achtergelaten of afgegeven (telt als contactpoging)"
    )
    # A letter left behind at a visit goes out today; an invitation is posted later.
    if goes_out_today:
        expect(goes_out).to_be_checked()
    else:
        expect(goes_out).not_to_be_checked()
    page.get_by_role("button", name="Brief maken").click()
    expect_message(page, "De brief is klaar")


def test_a_route_c_dossier_goes_through_the_sint_truiden_sequence(open_page, sign_in):
    page = open_page()
    sign_in(page, "pieter")
    open_dossier_from_my_list(
        page,
        step="Uitnodiging voor de LAC versturen",
        Soort="Water",
        Route="C: nooit intensief begeleid of onbekend",
    )
    expect_next_step(page, "Uitnodiging voor de LAC versturen")

    # 1. The invitation to the LAC, made now and posted later: then marked as sent on the
    # dossier, with the day it went out.
    header(page).get_by_role("link", name="Brief maken").click()
    make_letter(page, "Uitnodiging LAC water", goes_out_today=False)
    expect_next_step(page, "Brief versturen of achterlaten (en als verstuurd aanduiden)")
    letters = section(page, "Contact en brieven")
    expect(letters.get_by_text("nog niet verstuurd")).to_be_visible()
    letters.get_by_label("Verstuurd op").fill(f"{today():%d/%m/%Y}")
    letters.get_by_role("button", name="Als verstuurd aanduiden Uitnodiging LAC water").click()
    expect_message(page, "De brief is als verstuurd aangeduid")
    expect(section(page, "Contact en brieven").get_by_text(f"verstuurd {today():%d/%m/%Y}"))
    expect_next_step(page, "Onaangekondigd huisbezoek")

    # 2. The unannounced home visit: nobody at home.
    header(page).get_by_role("link", name="Resultaat van het bezoek registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("huisbezoek_onaangekondigd")
    choose(page, part_of_day_now())
    choose(page, "Niet thuis")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De contactpoging is geregistreerd")
    expect_next_step(page, "Niet-thuisbrief met een nieuwe afspraak achterlaten")
    proposal = re.search(r"voorstel nieuwe afspraak: (\w+ \d\d/\d\d/\d{4}), (\w+)", next_step(page))
    assert proposal, next_step(page)

    # 3. The not-at-home letter, left behind, proposes that appointment and plans the announced
    # visit.
    header(page).get_by_role("link", name="Niet-thuisbrief maken").click()
    expect(page.get_by_label("Het aangekondigde huisbezoek in mijn agenda zetten")).to_be_checked()
    make_letter(page, "Niet-thuisbrief", goes_out_today=True)
    expect_next_step(page, "Aangekondigd huisbezoek (afspraak uit de niet-thuisbrief)")
    assert f"op {proposal[1]}, {proposal[2]}" in next_step(page), next_step(page)

    # 4. The announced visit: nobody at home again. A live server keeps the real clock and an
    # attempt cannot lie ahead, so it is recorded today rather than on the appointment's day.
    header(page).get_by_role("link", name="Resultaat van het bezoek registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("huisbezoek_aangekondigd")
    choose(page, part_of_day_now())
    choose(page, "Niet thuis")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De contactpoging is geregistreerd")
    expect_next_step(page, "Laatste brief met de brochure en de openingsuren achterlaten")

    # 5. The last letter, with the brochure, left behind.
    header(page).get_by_role("link", name="Brief maken").click()
    make_letter(page, "Laatste brief met brochure", goes_out_today=True)
    expect_next_step(page, "Reactie afwachten; daarna nog eens bellen of afsluiten")

    # 6. The household phones back: reached.
    header(page).get_by_role("link", name="Reactie of telefoon registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("telefoon")
    choose(page, part_of_day_now())
    choose(page, "Bereikt")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De contactpoging is geregistreerd")
    expect(header(page).get_by_text(f"Bereikt op {today():%d/%m/%Y}")).to_be_visible()
    expect_next_step(page, HELP_STEP)


def test_a_reached_household_gets_help_a_referral_and_its_dossier_is_closed(open_page, sign_in):
    page = open_page()
    sign_in(page, "pieter")
    # The preventiewerker goes on the unannounced home visit and finds the household at home.
    dossier = open_dossier_from_my_list(page, step="Onaangekondigd huisbezoek", Status="Toegewezen")
    dossier_url = page.url.split("#")[0]
    header(page).get_by_role("link", name="Resultaat van het bezoek registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("huisbezoek_onaangekondigd")
    choose(page, part_of_day_now())
    choose(page, "Bereikt")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De contactpoging is geregistreerd")
    expect(header(page).get_by_text(f"Bereikt op {today():%d/%m/%Y}")).to_be_visible()
    expect_next_step(page, HELP_STEP)

    # The conversation and the proposal worked out with the household.
    header(page).get_by_role("link", name="Gesprek registreren").click()
    page.get_by_label("Mogelijkheden van de LAC besproken").check()
    page.get_by_label("Brochure 'Goed geregeld is geld gespaard' overlopen").check()
    choose(page, "Afbetalingsplan")
    page.get_by_label("Bedrag per maand").fill("50")
    page.get_by_label("Aantal maanden").fill("12")
    page.get_by_label("Eerste betaling").fill(f"{today() + datetime.timedelta(days=30):%d/%m/%Y}")
    choose(page, "Ja, de cliënt gaat akkoord")
    page.get_by_label("Intensievere hulp nodig").check()
    page.get_by_label("Terugkoppeling voor de LAC-voorzitter").fill(
        "Afbetalingsplan van 50 euro per maand; schuldhulpverlening gevraagd."
    )
    page.get_by_role("button", name="Bewaren").click()

    # Intensive help is for Trajectbegeleiding: Bereik goes on to that internal referral.
    expect_message(page, "Het gesprek is bewaard")
    expect(page.get_by_role("heading", name="Intern doorverwijzen")).to_be_visible()
    expect(page.get_by_label("Naar team")).to_have_value(
        page.get_by_label("Naar team")
        .locator("option", has_text="Trajectbegeleiding")
        .get_attribute("value")
    )
    page.get_by_label("Soort hulp").select_option(label="Schuldhulpverlening")
    page.get_by_label("Vraag en context").fill("Schulden bij meerdere schuldeisers.")
    page.get_by_role("button", name="Doorverwijzen").click()
    expect_message(page, "Doorverwezen naar Trajectbegeleiding")
    expect_next_step(page, "Sociaal verslag schrijven")

    # Ilse, of that team, accepts it from her team's queue.
    ilse = open_page()
    sign_in(ilse, "ilse")
    ilse.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Doorverwijzingen"
    ).click()
    referral = (
        ilse.get_by_role("row")
        .filter(has_text=dossier)
        .filter(has=ilse.get_by_role("button", name=re.compile("^Aanvaarden")))
    )
    referral.get_by_role("button", name=re.compile("^Aanvaarden")).click()
    expect_message(ilse, f"Doorverwijzing aanvaard: {dossier}")
    # The dossier is shared with her team now.
    ilse.get_by_role("link", name=dossier).first.click()
    expect(ilse.get_by_text(f"Dossier {dossier}")).to_be_visible()

    # Pieter sees the referral accepted, and closes the dossier with its outcome.
    page.goto(dossier_url)
    expect(section(page, "Doorverwijzingen")).to_contain_text("aanvaard")
    section(page, "Afsluiting").get_by_role("link", name="Dossier afsluiten").click()
    page.get_by_label("Uitkomst").select_option(label="Opgelost met afbetalingsplan")
    page.get_by_label("Toelichting").fill("Afbetalingsplan loopt; schuldbemiddeling volgt op.")
    page.get_by_role("button", name="Afsluiten").click()
    expect_message(page, "Het dossier is afgesloten")
    expect(page.get_by_text(f"Afgesloten op {today():%d/%m/%Y}", exact=True)).to_be_visible()
    expect(page.get_by_text("Volgende stap:", exact=True)).to_have_count(0)


def _list_session(path: Path) -> tuple[datetime.date, list[str]]:
    """The session date the list asks, and the households on it."""
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    return datetime.datetime.strptime(rows[0]["Datum LAC"], "%d/%m/%Y").date(), [
        row["Naam"] for row in rows
    ]


def test_a_lac_list_goes_on_the_agenda_and_a_session_to_locked_minutes(open_page, sign_in):
    list_date, households = _list_session(ENERGY_LIST)
    page = open_page()
    sign_in(page, "olga")
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")

    # Upload the list, check the preview, confirm.
    nav.get_by_role("link", name="Import").click()
    page.get_by_role("link", name="Lijst opladen").click()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(ENERGY_LIST)
    page.get_by_label("Soort bestand").select_option(label="LAC-aanvraag energie")
    page.get_by_label("Maatschappij").select_option(label="Fluvius")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_text("Er is nog niets opgeslagen")).to_be_visible()
    # The demo put this list's households on a session already: the preview asks what happens
    # to them, and nothing is doubled without an answer. They stay on both: the held session
    # recorded below keeps its agenda.
    page.get_by_label("Op beide zittingen laten staan").check()
    page.get_by_role("button", name=re.compile(r"^Bevestigen: \d+ signalen importeren")).click()
    expect_message(page, "Geïmporteerd.")

    # Its households are on the agenda of the session the list asks, on the LAC page.
    nav.get_by_role("link", name="LAC").click()
    page.get_by_role("row").filter(has_text="Fluvius").get_by_role(
        "link", name=f"{list_date:%d/%m/%Y}"
    ).first.click()
    expect(page.get_by_role("heading", name="LAC elektriciteit en gas · Fluvius")).to_be_visible()
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_contain_text(
        f"{list_date:%d/%m/%Y}"
    )
    agenda = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Gezin"))
    for household in households:
        expect(agenda.get_by_role("link", name=household, exact=True)).to_be_visible()
    if list_date > today():
        # Advice is recorded from the session's day on: before it, the page says so.
        page.get_by_role("link", name="Zitting notuleren").click()
        expect(page.get_by_role("status")).to_contain_text(f"{list_date:%d/%m/%Y}")
        expect(page.get_by_role("link", name=re.compile("^Noteren"))).to_have_count(0)

    # The demo's session of today (of the last working day in a weekend), De Watergroep's, is
    # held and still open: the secretary records it. On a working day the list says "vandaag",
    # else "nog af te sluiten".
    nav.get_by_role("link", name="LAC").click()
    rows = page.get_by_role("row").filter(has_text="De Watergroep")
    held = rows.filter(has_text=re.compile("nog af te sluiten|vandaag")).first
    held_date = held.get_by_role("link").inner_text()
    held.get_by_role("link").click()
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_contain_text(held_date[-10:])
    page.get_by_role("link", name="Zitting notuleren").click()
    # `count()` does not wait: the page is counted once its progress line is there.
    progress = page.get_by_text(re.compile(r"\d+ van \d+ dossiers? genoteerd\."))
    expect(progress).to_have_text(re.compile(r"^0 van [1-9]\d* dossiers? genoteerd"))
    record_url = page.url

    # Attendance and advice for every household on the agenda, one compact row each, saved in
    # place: the next household's row opens by itself.
    total = page.get_by_role("row").filter(has_text=re.compile("nog te noteren|genoteerd")).count()
    assert total, "the session had nothing on its agenda"
    advices = ["Afbetalingsplan", "Uitstel", "Geen afsluiting"]
    recorded = 0
    while recorded < total:
        form = page.get_by_role("form", name=re.compile("^Aanwezigheid en advies: "))
        expect(form).to_have_count(1)
        household = form.get_attribute("aria-label").removeprefix("Aanwezigheid en advies: ")
        recorded += 1
        form.get_by_label("Aanwezig" if recorded % 3 else "Afwezig", exact=True).check()
        form.get_by_label("Advies", exact=True).select_option(
            label=advices[recorded % len(advices)]
        )
        # One advice is not unanimous: then the company may not cut off.
        form.get_by_label("Unaniem").select_option(label="Nee" if recorded == 2 else "Ja")
        form.get_by_role("button", name="Bewaren").click()
        row = page.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=re.compile(re.escape(household)))
        )
        expect(row).to_contain_text("genoteerd")
        expect(page.get_by_text(f"Genoteerd voor {household}.")).to_be_visible()
        expect(progress).to_have_text(re.compile(rf"^{recorded} van {total} dossiers? genoteerd"))
        if recorded == 2:
            expect(row).to_contain_text("Niet unaniem")
        assert page.url == record_url, "the advice was not saved in place"
    expect(page.get_by_role("form", name=re.compile("^Aanwezigheid en advies: "))).to_have_count(0)
    expect(page.get_by_text("Alle dossiers zijn genoteerd")).to_be_visible()

    # The minutes.
    page.get_by_role("link", name="Terug naar de voorbereiding").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Verslag (PDF)").click()
    assert download.value.suggested_filename.startswith("lac-verslag-")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # Closing locks the session: the advice can then only be corrected, with a reason.
    page.get_by_role("link", name="Zitting notuleren").click()
    page.get_by_role("button", name="Zitting afsluiten").click()
    expect_message(page, "De zitting is afgesloten")
    expect(page.get_by_role("link", name="Zitting notuleren")).to_have_count(0)
    page.get_by_role("link", name="Aanwezigheid en advies bekijken").click()
    expect(
        page.get_by_text("De zitting is afgesloten. Een wijziging is een correctie")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Bewaren")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Corrigeren"))).to_have_count(total)

    # A closed session can still be corrected, with a reason that is kept.
    page.get_by_role("link", name="Terug naar de voorbereiding").click()
    page.get_by_role("link", name="Zitting corrigeren").click()
    expect(page.get_by_role("heading", name="Zitting corrigeren")).to_be_visible()
    page.get_by_label("Plaats").fill("Raadzaal, Kazernestraat 13 (zaal 2)")
    page.get_by_label("Reden van de correctie").fill("De zitting ging door in zaal 2.")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De zitting is bijgewerkt")
    expect(page.get_by_text("Raadzaal, Kazernestraat 13 (zaal 2)").first).to_be_visible()
    corrections = page.get_by_role("table").filter(
        has=page.get_by_role("columnheader", name="Reden")
    )
    expect(
        corrections.get_by_role("row").filter(has_text="De zitting ging door in zaal 2.")
    ).to_contain_text("Raadzaal, Kazernestraat 13 (zaal 2)")


def test_a_week_of_the_weekly_report_is_marked_read_once_its_page_is_shown(open_page, sign_in):
    """Opening a week is a GET that writes nothing; the page, once shown, marks itself read."""
    page = open_page()
    sign_in(page, "nele")
    page.goto("/weekrapport/")
    new = page.get_by_role("row").filter(has=page.get_by_text("nieuw", exact=True)).first
    week = new.get_by_role("link").inner_text().strip()
    with page.expect_response(lambda r: r.url.endswith(f"/{week}/gelezen/")) as marked:
        new.get_by_role("link").click()
    assert marked.value.status == 204
    expect(page.get_by_role("heading", level=1)).to_contain_text(week)
    page.goto("/weekrapport/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=week, exact=True))
    expect(row).to_contain_text("gelezen")
