"""No lost updates on the screens' Beheer forms (bereik.lib.locking): two saves in a row from
the same loaded form: the second is refused, shows both versions, and overwrites nothing."""

from django.urls import reverse

from bereik.lib.tests.stale import assert_refused, two_saves
from bereik.screens import actions
from bereik.screens.models import Screen, ScreenMessage


def test_a_screen(login, beheerder, screen):
    first, second = two_saves(
        login(beheerder),
        reverse("screens:screen_edit", args=[screen.pk]),
        {"location": "Onthaal van Bea"},
        {"location": "Onthaal van Bart"},
    )

    assert first.status_code == 302
    assert_refused(second, "Onthaal van Bea", "Onthaal van Bart")
    assert Screen.objects.get(pk=screen.pk).location == "Onthaal van Bea"


def test_a_message(login, beheerder, screen):
    message = actions.screen_message_save(
        ScreenMessage(),
        actor=None,
        screens=[screen],
        title="Infosessie energie",
        text="Dinsdag om 14 uur in zaal 2.",
        all_screens=True,
        active=True,
        position=50,
    )

    first, second = two_saves(
        login(beheerder),
        reverse("screens:message_edit", args=[message.pk]),
        {"text": "Woensdag om 10 uur in zaal 1."},
        {"text": "Donderdag om 9 uur in zaal 3."},
    )

    assert first.status_code == 302
    assert_refused(second, "Woensdag om 10 uur in zaal 1.", "Donderdag om 9 uur in zaal 3.")
    assert ScreenMessage.objects.get(pk=message.pk).text == "Woensdag om 10 uur in zaal 1."
