"""The beheerder's pages: screens with their links, and the messages."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bereik.audit.models import AuditEvent
from bereik.screens import actions
from bereik.screens.models import Screen, ScreenMessage


def message_data(**overrides):
    data = {
        "title": "Infosessie energie",
        "text": "Dinsdag om 14 uur in zaal 2: zuinig verwarmen.",
        "link_url": "",
        "starts_on": "01/03/2026",
        "ends_on": "31/03/2026",
        "all_screens": "on",
        "active": "on",
        "position": "50",
        "image_description": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_beheer_page_links_to_the_screens(login, beheerder):
    text = login(beheerder).get(reverse("accounts:admin_home")).content.decode()
    assert reverse("screens:screens") in text and reverse("screens:messages") in text


def test_the_beheerder_adds_a_screen_and_sees_its_link(login, beheerder):
    client = login(beheerder)
    response = client.post(
        reverse("screens:screen_create"), {"name": "Wachtzaal", "location": "Gelijkvloers"}
    )
    assert response.status_code == 302
    screen = Screen.objects.get(name="Wachtzaal")
    assert len(screen.token) >= 32
    page = client.get(reverse("screens:screens")).content.decode()
    assert f"/schermen/toon/{screen.token}/" in page
    event = AuditEvent.objects.get(action="screen.create")
    assert event.actor == beheerder and screen.token not in str(event.details)


def test_revoking_and_renewing_are_audited_without_the_link(login, beheerder, screen):
    client = login(beheerder)
    old = screen.token
    client.post(reverse("screens:screen_revoke", args=[screen.pk]))
    screen.refresh_from_db()
    assert screen.token is None and screen.revoked_at is not None
    assert "ingetrokken" in client.get(reverse("screens:screens")).content.decode()
    client.post(reverse("screens:screen_renew", args=[screen.pk]))
    screen.refresh_from_db()
    assert screen.token and screen.token != old and screen.revoked_at is None
    recorded = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"screen.revoke", "screen.renew"} <= recorded
    for event in AuditEvent.objects.all():
        assert old not in str(event.details) and screen.token not in str(event.details)


def test_revoking_needs_a_post(login, beheerder, screen):
    response = login(beheerder).get(reverse("screens:screen_revoke", args=[screen.pk]))
    assert response.status_code == 405


def test_the_beheerder_writes_a_message_for_one_screen(login, beheerder, screen, other_screen):
    response = login(beheerder).post(
        reverse("screens:message_create"),
        message_data(all_screens=None, screens=[str(screen.pk)]),
    )
    assert response.status_code == 302, response.context["form"].errors
    message = ScreenMessage.objects.get(title="Infosessie energie")
    assert str(message.starts_on) == "2026-03-01" and str(message.ends_on) == "2026-03-31"
    assert list(message.screens.all()) == [screen] and not message.all_screens
    assert AuditEvent.objects.filter(action="screen_message.create", actor=beheerder).exists()


def test_a_message_needs_screens_or_all(login, beheerder, screen):
    response = login(beheerder).post(
        reverse("screens:message_create"), message_data(all_screens=None)
    )
    assert response.status_code == 200
    assert "Kies de schermen" in str(response.context["form"].errors)


def test_the_end_cannot_come_before_the_start(login, beheerder):
    response = login(beheerder).post(
        reverse("screens:message_create"),
        message_data(starts_on="10/03/2026", ends_on="01/03/2026"),
    )
    assert "Het einde ligt voor het begin." in str(response.context["form"].errors)


def test_an_insz_never_goes_on_a_screen(login, beheerder):
    response = login(beheerder).post(
        reverse("screens:message_create"),
        message_data(text="Mevrouw 93.05.18-223.61 wordt verwacht aan loket 2."),
    )
    assert response.status_code == 200
    assert "rijksregisternummer" in str(response.context["form"].errors)
    assert not ScreenMessage.objects.filter(title="Infosessie energie").exists()


def test_a_phone_number_is_no_insz(login, beheerder):
    response = login(beheerder).post(
        reverse("screens:message_create"), message_data(text="Bel 011 70 13 00.")
    )
    assert response.status_code == 302


def test_the_default_office_hours_may_stay_without_text(login, beheerder):
    hours = ScreenMessage.objects.get(kind=ScreenMessage.Kind.OPENINGSUREN)
    client = login(beheerder)
    page = client.get(reverse("screens:message_edit", args=[hours.pk])).content.decode()
    assert "Beheer → Organisatie" in page
    response = client.post(
        reverse("screens:message_edit", args=[hours.pk]),
        message_data(title="Openingsuren", text="", starts_on="", ends_on="", position="20"),
    )
    assert response.status_code == 302
    hours.refresh_from_db()
    assert hours.text == "" and hours.kind == ScreenMessage.Kind.OPENINGSUREN


def test_an_ordinary_message_needs_a_text(login, beheerder):
    response = login(beheerder).post(reverse("screens:message_create"), message_data(text=""))
    assert "Schrijf een korte tekst." in str(response.context["form"].errors)


def test_an_image_is_kept_under_its_own_name_and_can_be_removed(login, beheerder, png_upload):
    client = login(beheerder)
    client.post(reverse("screens:message_create"), message_data(image=png_upload))
    message = ScreenMessage.objects.get(title="Infosessie energie")
    assert message.image.name.startswith("screens/bericht") and message.image.name.endswith(".png")
    assert client.get(reverse("screens:message_image", args=[message.pk])).status_code == 200
    client.post(reverse("screens:message_edit", args=[message.pk]), message_data(remove_image="on"))
    message.refresh_from_db()
    assert not message.image


def test_a_text_file_is_no_image(login, beheerder):
    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = login(beheerder).post(reverse("screens:message_create"), message_data(image=fake))
    assert response.status_code == 200 and "image" in response.context["form"].errors


def test_the_list_shows_what_is_on_now(login, beheerder):
    text = login(beheerder).get(reverse("screens:messages")).content.decode()
    assert "Gratis waterscan?" in text and "nu te zien" in text and "standaard" in text


def test_deleting_a_message_is_audited(login, beheerder):
    water = ScreenMessage.objects.get(kind=ScreenMessage.Kind.WATERSCAN)
    login(beheerder).post(reverse("screens:message_delete", args=[water.pk]))
    assert not ScreenMessage.objects.filter(pk=water.pk).exists()
    assert AuditEvent.objects.filter(action="screen_message.delete").exists()


def test_deleting_a_screen(login, beheerder, screen):
    token = screen.token
    client = login(beheerder)
    client.post(reverse("screens:screen_delete", args=[screen.pk]))
    assert not Screen.objects.exists()
    assert client.get(reverse("screens:display", args=[token])).status_code == 404


def test_the_lists_read_no_query_per_row(login, beheerder, screen, other_screen):
    client = login(beheerder)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count(reverse("screens:messages"))  # the organisation's name read (kept a minute)
    before = (count(reverse("screens:messages")), count(reverse("screens:screens")))
    for number in range(4):
        actions.screen_message_save(
            ScreenMessage(),
            title=f"Bericht {number}",
            text="Tekst.",
            all_screens=False,
            screens=[screen, other_screen],
            actor=None,
        )
        actions.screen_create(name=f"Scherm {number}", actor=None)
    after = (count(reverse("screens:messages")), count(reverse("screens:screens")))
    assert after == before
