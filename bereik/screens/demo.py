"""Demo: two waiting-room screens and a few messages next to the two defaults (issue 13)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from bereik.screens import actions
from bereik.screens.models import ScreenMessage

SCREENS = [
    ("Wachtzaal Sociale Dienst", "Kazernestraat 13, gelijkvloers"),
    ("Wachtzaal Onthaal", "Kazernestraat 13, eerste verdieping"),
]


def _drop_png() -> SimpleUploadedFile:
    """A water drop, drawn here so the demo needs no file of its own."""
    image = Image.new("RGB", (480, 480), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.polygon([(240, 40), (118, 260), (362, 260)], fill="#1f78b4")
    draw.ellipse((110, 170, 370, 430), fill="#1f78b4")
    draw.ellipse((170, 280, 215, 340), fill="#a6cee3")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("druppel.png", buffer.getvalue(), content_type="image/png")


def load(ctx):
    actor = ctx.users.get("bea")
    today = timezone.localdate()
    screens = [
        actions.screen_create(name=name, location=location, actor=actor)
        for name, location in SCREENS
    ]
    social, onthaal = screens
    water = ScreenMessage.objects.filter(kind=ScreenMessage.Kind.WATERSCAN).first()
    if water is not None:
        actions.screen_message_save(water, image=_drop_png(), image_description="", actor=actor)
    actions.screen_message_save(
        ScreenMessage(),
        title="Een brief voor de LAC gekregen?",
        text=(
            "Kom langs of bel ons. Samen zoeken we een oplossing voor je water- of "
            "energiefactuur, vóór de zitting."
        ),
        position=30,
        actor=actor,
    )
    actions.screen_message_save(
        ScreenMessage(),
        title="Verwarmingstoelage",
        text="Stook je met stookolie of lamppetroleum? Misschien krijg je een toelage. "
        "Vraag het aan het onthaal.",
        link_url="https://www.verwarmingsfonds.be/",
        position=40,
        all_screens=False,
        screens=[onthaal],
        actor=actor,
    )
    actions.screen_message_save(
        ScreenMessage(),
        title="Infosessie: zuinig met energie",
        text="Donderdag om 14 uur in zaal 2. Gratis, inschrijven is niet nodig.",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=10),
        position=50,
        all_screens=False,
        screens=[social],
        actor=actor,
    )
    ctx.data["screens"] = screens
