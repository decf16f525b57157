"""What a screen shows: the defaults, the dates, the screens chosen, the office hours from the
organisation's settings, the QR code and how long each message stays."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from bereik.organisation import actions as organisation_actions
from bereik.organisation.models import Organisation
from bereik.screens import actions, rules
from bereik.screens.models import ScreenMessage

TODAY = datetime.date(2026, 3, 10)


def message(**fields):
    fields.setdefault("text", "Een tekst.")
    return actions.screen_message_save(ScreenMessage(), actor=None, **fields)


def set_office_hours(hours, phone=""):
    organisation_actions.organisation_update(
        Organisation.get(), actor=None, office_hours=hours, phone=phone
    )


def titles(screen, today=TODAY):
    return [slide.title for slide in rules.rotation(screen, today)]


def test_the_defaults_are_the_water_scan_and_the_office_hours(db):
    kinds = list(ScreenMessage.objects.values_list("kind", flat=True))
    assert kinds == [ScreenMessage.Kind.WATERSCAN, ScreenMessage.Kind.OPENINGSUREN]
    water = ScreenMessage.objects.get(kind=ScreenMessage.Kind.WATERSCAN)
    assert "gratis waterscan" in water.text and "maatschappelijk werker" in water.text


def test_the_office_hours_come_from_the_organisation(screen):
    set_office_hours("elke werkdag van 8.30 uur tot 11.30 uur", phone="011 70 13 00")
    slides = rules.rotation(screen, TODAY)
    assert [slide.title for slide in slides] == ["Gratis waterscan?", "Openingsuren"]
    assert slides[1].text == "Elke werkdag van 8.30 uur tot 11.30 uur. Telefoon: 011 70 13 00"


def test_without_office_hours_that_message_is_left_out(screen):
    set_office_hours("")
    assert titles(screen) == ["Gratis waterscan?"]


def test_an_office_hours_text_of_its_own_wins(screen):
    set_office_hours("elke werkdag")
    hours = ScreenMessage.objects.get(kind=ScreenMessage.Kind.OPENINGSUREN)
    actions.screen_message_save(hours, text="Vandaag gesloten.", actor=None)
    assert rules.rotation(screen, TODAY)[1].text == "Vandaag gesloten."


def test_messages_show_between_their_dates_only(screen):
    set_office_hours("")
    message(title="Vroeger", ends_on=TODAY - datetime.timedelta(days=1))
    message(title="Vandaag tot", ends_on=TODAY)
    message(title="Vanaf vandaag", starts_on=TODAY)
    message(title="Later", starts_on=TODAY + datetime.timedelta(days=1))
    assert titles(screen) == ["Gratis waterscan?", "Vandaag tot", "Vanaf vandaag"]


def test_a_message_for_some_screens_shows_on_those_only(screen, other_screen):
    set_office_hours("")
    message(title="Alleen beneden", all_screens=False, screens=[screen])
    assert "Alleen beneden" in titles(screen)
    assert "Alleen beneden" not in titles(other_screen)


def test_a_message_switched_off_is_not_shown(screen):
    set_office_hours("")
    water = ScreenMessage.objects.get(kind=ScreenMessage.Kind.WATERSCAN)
    actions.screen_message_save(water, active=False, actor=None)
    assert titles(screen) == []


def test_the_order_follows_the_position(screen):
    set_office_hours("")
    message(title="Eerst", position=1)
    assert titles(screen) == ["Eerst", "Gratis waterscan?"]


def test_a_link_becomes_a_qr_code_with_the_address_under_it(screen):
    set_office_hours("")
    message(title="Meer weten", link_url="https://www.dewatergroep.be/", position=1)
    slide = rules.rotation(screen, TODAY)[0]
    assert slide.qr_svg.startswith("<svg") and 'class="qr"' in slide.qr_svg
    assert slide.link_display == "www.dewatergroep.be"
    assert slide.seconds >= rules.MIN_SECONDS + rules.QR_EXTRA_SECONDS


def test_a_longer_text_stays_longer_within_bounds():
    assert rules.seconds_for("kort", has_qr=False) == rules.MIN_SECONDS
    long = rules.seconds_for("woord " * 40, has_qr=False)
    assert rules.MIN_SECONDS < long <= rules.MAX_SECONDS
    assert rules.seconds_for("woord " * 500, has_qr=True) == rules.MAX_SECONDS


def test_the_version_changes_with_what_is_shown(screen):
    before = rules.version(rules.rotation(screen, TODAY))
    assert before == rules.version(rules.rotation(screen, TODAY))
    message(title="Nieuw")
    assert rules.version(rules.rotation(screen, TODAY)) != before


def test_the_page_shows_the_slides_in_turn_with_their_seconds(client, screen):
    set_office_hours("elke werkdag")
    text = client.get(reverse("screens:display", args=[screen.token])).content.decode()
    assert text.count('<section class="slide') == 2
    assert len(re.findall(r'data-seconds="\d+" hidden>', text)) == 1  # the others wait
    assert 'data-seconds="' in text and 'data-refresh-seconds="60"' in text


def test_the_slides_fragment_carries_its_version(client, screen):
    response = client.get(reverse("screens:slides", args=[screen.token]))
    text = response.content.decode()
    assert "<html" not in text
    version = rules.version(rules.rotation(screen, timezone.localdate()))
    assert f'data-version="{version}"' in text


def test_with_no_message_the_screen_says_welcome(client, screen):
    ScreenMessage.objects.all().delete()
    text = client.get(reverse("screens:display", args=[screen.token])).content.decode()
    assert "Welkom" in text


def test_the_rotation_reads_a_fixed_number_of_queries(screen, django_assert_num_queries):
    for number in range(5):
        message(title=f"Bericht {number}", all_screens=False, screens=[screen])
    Organisation.get()
    # the organisation, the messages
    with django_assert_num_queries(2):
        rules.rotation(screen, TODAY)
