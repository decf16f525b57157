"""Three flows as a new user clicks them, through the screens (labels, roles and the texts on
them), on the live demo:

(a) the Sint-Truiden outreach sequence on one route-C dossier, with the "volgende stap" in the
    dossier header after each step;
(b) help and an internal referral, accepted by a member of the team, then closing the dossier
    with an outcome;
(c) the LAC from uploading a list to the minutes and locking the session.

They run on a server of their own (`flows_server`), on the real clock: everything happens
today. Each flow picks its dossier by its state in a worklist, so the flows do not depend on the
demo's numbering. A step that an application defect stops is marked xfail with the defect.
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


def next_step(page) -> str:
    """The "Volgende stap" line of the dossier header, without the label."""
    line = page.locator("p").filter(has=page.get_by_text("Volgende stap:", exact=True))
    return " ".join(line.inner_text().split()).removeprefix("Volgende stap:").strip()


def expect_next_step(page, start: str) -> None:
    line = page.locator("p").filter(has=page.get_by_text("Volgende stap:", exact=True))
    expect(line).to_contain_text(start)
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


def open_dossier_from_my_list(page, *, step: str | re.Pattern, **filters: str) -> str:
    """Open the first of my dossiers whose volgende stap reads `step`; its number."""
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Dossiers", exact=True
    ).click()
    page.get_by_role("link", name="Mijn dossiers", exact=True).click()
    for label, option in filters.items():
        page.get_by_label(label, exact=True).select_option(label=option)
    page.get_by_role("button", name="Filteren").click()
    rows = page.get_by_role("row").filter(has_text=step)
    assert rows.count(), f"none of my dossiers ({filters}) has the step {step!r}"
    number = rows.first.get_by_role("link", name=re.compile(r"^\d{4}-\d{6}$")).first
    dossier = number.inner_text()
    number.click()
    expect(page.get_by_text(f"Dossier {dossier}")).to_be_visible()
    return dossier


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

    # 1. The invitation to the LAC, posted today.
    header(page).get_by_role("link", name="Brief maken").click()
    expect(page.get_by_role("heading", name="Uitnodiging LAC water")).to_be_visible()
    page.get_by_label("De brief wordt vandaag verstuurd of achtergelaten").check()
    page.get_by_role("button", name="Brief maken").click()
    expect_message(page, "De brief is klaar")
    expect_next_step(page, "Onaangekondigd huisbezoek")

    # 2. The unannounced home visit: nobody at home.
    header(page).get_by_role("link", name="Resultaat van het bezoek registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("huisbezoek_onaangekondigd")
    choose(page, part_of_day_now())
    choose(page, "Niet thuis")
    page.get_by_role("button", name="Bewaren").click()
    expect_next_step(page, "Niet-thuisbrief met een nieuwe afspraak achterlaten")
    proposal = re.search(r"voorstel nieuwe afspraak: (\w+ \d\d/\d\d/\d{4}), (\w+)", next_step(page))
    assert proposal, next_step(page)

    # 3. The not-at-home letter proposes that appointment and plans the announced visit.
    header(page).get_by_role("link", name="Niet-thuisbrief maken").click()
    expect(page.get_by_label("Het aangekondigde huisbezoek in mijn agenda zetten")).to_be_checked()
    page.get_by_label("De brief wordt vandaag verstuurd of achtergelaten").check()
    page.get_by_role("button", name="Brief maken").click()
    expect_message(page, "De brief is klaar")
    expect_next_step(page, "Aangekondigd huisbezoek (afspraak uit de niet-thuisbrief)")
    assert f"op {proposal[1]}, {proposal[2]}" in next_step(page), next_step(page)

    # 4. The announced visit: nobody at home again. A live server keeps the real clock and an
    # attempt cannot lie ahead, so it is recorded today rather than on the appointment's day.
    header(page).get_by_role("link", name="Resultaat van het bezoek registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("huisbezoek_aangekondigd")
    choose(page, part_of_day_now())
    choose(page, "Niet thuis")
    page.get_by_role("button", name="Bewaren").click()
    expect_next_step(page, "Laatste brief met de brochure en de openingsuren achterlaten")

    # 5. The last letter, with the brochure.
    header(page).get_by_role("link", name="Brief maken").click()
    expect(page.get_by_role("heading", name="Laatste brief met brochure")).to_be_visible()
    page.get_by_label("De brief wordt vandaag verstuurd of achtergelaten").check()
    page.get_by_role("button", name="Brief maken").click()
    expect_message(page, "De brief is klaar")
    expect_next_step(page, "Reactie afwachten; daarna nog eens bellen of afsluiten")

    # 6. The household phones back: reached.
    header(page).get_by_role("link", name="Reactie of telefoon registreren").click()
    expect(page.get_by_label("Soort contact")).to_have_value("telefoon")
    choose(page, "Bereikt")
    page.get_by_role("button", name="Bewaren").click()
    expect(header(page).get_by_text(f"Bereikt op {today():%d/%m/%Y}")).to_be_visible()
    expect_next_step(page, "Hulp: voorstel uitwerken, brochure overlopen, rechtenonderzoek")


def test_a_reached_household_gets_help_a_referral_and_its_dossier_is_closed(open_page, sign_in):
    page = open_page()
    sign_in(page, "pieter")
    dossier = open_dossier_from_my_list(
        page,
        step=re.compile("Gesprek en voorstel registreren|Hulp: voorstel uitwerken"),
        Status="Bereikt",
    )
    dossier_url = page.url.split("#")[0]

    # The conversation and the proposal worked out with the household.
    header(page).get_by_role("link", name="Gesprek registreren").click()
    page.get_by_label("Mogelijkheden van de LAC besproken").check()
    page.get_by_label("Brochure 'Goed geregeld is geld gespaard' overlopen").check()
    choose(page, "Afbetalingsplan")
    page.get_by_label("Bedrag per maand").fill("50")
    page.get_by_label("Aantal maanden").fill("12")
    page.get_by_label("Eerste betaling").fill(f"{today() + datetime.timedelta(days=30):%Y-%m-%d}")
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

    # Pieter closes the dossier with its outcome.
    page.goto(dossier_url)
    page.get_by_role("link", name="Dossier afsluiten").click()
    page.get_by_label("Uitkomst").select_option(label="Opgelost met afbetalingsplan")
    page.get_by_label("Toelichting").fill("Afbetalingsplan loopt; schuldbemiddeling volgt op.")
    page.get_by_role("button", name="Afsluiten").click()
    expect_message(page, "Het dossier is afgesloten")
    expect(page.get_by_text(f"Afgesloten op {today():%d/%m/%Y}", exact=True)).to_be_visible()
    expect(page.get_by_text("Volgende stap:", exact=True)).to_have_count(0)


def _session_date(path: Path) -> datetime.date:
    with path.open(encoding="utf-8") as file:
        first = next(csv.DictReader(file, delimiter=";"))
    return datetime.datetime.strptime(first["Datum LAC"], "%d/%m/%Y").date()


def test_a_lac_list_goes_from_upload_to_locked_minutes(open_page, sign_in):
    session_date = _session_date(ENERGY_LIST)
    page = open_page()
    sign_in(page, "olga")

    # Upload the list, check the preview, confirm.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Import").click()
    page.get_by_role("link", name="Lijst opladen").click()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(ENERGY_LIST)
    page.get_by_label("Soort lijst").select_option(label="LAC-aanvraag energie")
    page.get_by_label("Maatschappij").select_option(label="Fluvius")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_text("Er is nog niets opgeslagen")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Bevestigen: \d+ signalen importeren")).click()
    expect_message(page, "Geïmporteerd.")

    # Its session is on the LAC page.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="LAC").click()
    page.get_by_role("row").filter(has_text="Fluvius").get_by_role(
        "link", name=f"{session_date:%d/%m/%Y}"
    ).first.click()
    expect(page.get_by_role("heading", name="LAC elektriciteit en gas · Fluvius")).to_be_visible()
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_contain_text(
        f"{session_date:%d/%m/%Y}"
    )

    # Advice can be recorded from the session's day on. The list's session lies ahead and the
    # demo has no open session on or before today, so the secretary moves it to today.
    if session_date > today():
        page.get_by_role("link", name="Zitting wijzigen").click()
        page.get_by_label("Datum").fill(f"{today():%Y-%m-%d}")
        page.get_by_role("button", name="Bewaren").click()
        expect_message(page, "De zitting is bijgewerkt")

    # Attendance and advice for every household on the agenda.
    page.get_by_role("link", name="Zitting notuleren").click()
    advices = ["Afbetalingsplan", "Uitstel", "Geen afsluiting", "Budgetmeter of prepaid"]
    recorded = 0
    while True:
        item = page.locator("main section").filter(has_text="nog te noteren").first
        if not item.count():
            break
        recorded += 1
        assert recorded <= 100, "the agenda does not get shorter"
        item.locator("label").filter(
            has_text=re.compile("^Aanwezig$" if recorded % 3 else "^Afwezig$")
        ).click()
        item.get_by_label("Advies", exact=True).select_option(
            label=advices[recorded % len(advices)]
        )
        item.get_by_label("Unaniem").select_option(label="Ja")
        section = page.locator(f"#{item.get_attribute('id')}")
        item.get_by_role("button", name="Bewaren").click()
        expect(section).to_contain_text("genoteerd")
    assert recorded, "the session had nothing on its agenda"

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
    expect(page.get_by_role("link", name=re.compile("^Corrigeren"))).to_have_count(recorded)

    # A locked session can still be corrected, with a reason that is kept.
    page.get_by_role("link", name="Terug naar de voorbereiding").click()
    with page.expect_response(re.compile(r"/lac/zitting/\d+/wijzigen/$")) as answer:
        page.get_by_role("link", name="Zitting corrigeren").click()
    assert answer.value.status == 200
    page.get_by_label("Plaats").fill("Raadzaal, Kazernestraat 13 (zaal 2)")
    page.get_by_label("Reden van de correctie").fill("De zitting ging door in zaal 2.")
    page.get_by_role("button", name="Bewaren").click()
    expect_message(page, "De zitting is bijgewerkt")
