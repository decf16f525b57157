"""The expert by experience on a phone (390×844): a social worker proposes a household to eddy,
eddy accepts, sees only the allowed fields, records a contact with a referral, brings in a
household he met at the food bank; the social worker sees it all on the dossier's timeline, and
the dossier page stays closed to eddy. (The guiding-questions checklists are another app's.)"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("flows")]

PHONE = {"width": 390, "height": 844}


def test_a_household_proposed_to_eddy_on_his_phone(new_context, flows_server, sign_in):
    desk = new_context(base_url=flows_server).new_page()
    sign_in(desk, "hanne")
    desk.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Dossiers", exact=True
    ).click()
    # `count()` below does not wait: the list is counted once its page has loaded.
    with desk.expect_navigation():
        desk.get_by_role("link", name="Mijn dossiers", exact=True).click()
    links = desk.get_by_role("link", name=re.compile(r"^\d{4}-\d{6}$"))
    urls = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for url in urls:  # the first of my dossiers not yet proposed to eddy
        desk.goto(url)
        dossier_url = desk.url
        dossier = desk.get_by_text(re.compile(r"^Dossier \d{4}-\d{6}$")).first.inner_text()
        desk.get_by_role("button", name=re.compile("^Ervaringsdeskundige")).click()
        desk.get_by_role("link", name="Voorstellen aan een ervaringsdeskundige").click()
        desk.get_by_role("combobox", name=re.compile("^Ervaringsdeskundige")).select_option(
            label="Eddy Vermeulen"
        )
        desk.get_by_label("Welke hulp vraag je?").fill("Meegaan naar het OCMW")
        desk.get_by_label("Korte notitie voor de ervaringsdeskundige").fill("Bellen na 17 uur.")
        with desk.expect_navigation():  # the dossier (proposed) or the form again (refused)
            desk.get_by_role("button", name="Bewaren").click()
        if desk.get_by_text("Het gezin is voorgesteld").count():
            break
    else:
        pytest.fail("every one of hanne's dossiers was already proposed to eddy")
    dossier = dossier.removeprefix("Dossier ")
    desk.goto(dossier_url)
    name = desk.locator("h1").first.inner_text().strip()

    phone = new_context(base_url=flows_server).new_page()
    phone.set_viewport_size(PHONE)
    sign_in(phone, "eddy")
    phone.get_by_role("link", name="Mijn gezinnen").last.click()
    phone.get_by_role("link", name="Meegaan naar het OCMW").first.click()
    expect(phone.get_by_text("Bellen na 17 uur.")).to_be_visible()
    phone.get_by_role("button", name="Aanvaarden").click()
    expect(phone.get_by_text("Je volgt dit gezin nu op.")).to_be_visible()
    household = phone.locator("h1").inner_text().strip()
    assert household and household in name, (household, name)
    content = phone.locator("main").inner_text()
    assert dossier not in content
    assert "INSZ" not in content and "€" not in content

    phone.get_by_role("link", name="Contact registreren").click()
    phone.get_by_label("Huisbezoek").check()
    phone.get_by_label("Korte notitie voor de maatschappelijk werker").fill(
        "Verbruik is hoog: waterscan aangevraagd."
    )
    phone.get_by_role("radio", name="Doorverwezen", exact=True).check()
    phone.get_by_label("Naar wie of wat?").fill("Waterscan")
    phone.get_by_role("button", name="Bewaren").click()
    expect(phone.get_by_text("Het contact is bewaard")).to_be_visible()

    phone.get_by_role("link", name="Mijn gezinnen").last.click()
    phone.get_by_role("link", name="Nieuw gezin aanbrengen").click()
    phone.get_by_label("Voedselbedeling").check()
    phone.get_by_label("Melding water").check()
    phone.get_by_role("textbox", name=re.compile("^Naam")).fill("Vermeersch")
    phone.get_by_role("textbox", name="Telefoon").fill("0499 00 11 22")
    phone.get_by_label("Wat is het probleem?").fill("Brief over een afsluiting.")
    phone.get_by_label("Het gezin gaat akkoord dat het OCMW contact opneemt").check()
    phone.get_by_role("button", name="Doorgeven aan het OCMW").click()
    received = phone.get_by_role("listitem").filter(has_text="Vermeersch").first
    expect(received).to_contain_text("Ontvangen op")

    assert phone.goto(dossier_url).status == 404

    desk.goto(dossier_url.rstrip("/").replace("/dossiers/", "/opvolging/dossier/") + "/tijdlijn/")
    expect(desk.get_by_text(re.compile("Voorgesteld aan ervaringsdeskundige"))).to_be_visible()
    expect(desk.get_by_text(re.compile("aanvaardde het voorstel"))).to_be_visible()
    expect(desk.get_by_text("Verbruik is hoog: waterscan aangevraagd.")).to_be_visible()
