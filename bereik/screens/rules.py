"""What a screen shows today: its messages in turn, with how long each stays (reads only)."""

import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.organisation.models import Organisation
from bereik.screens import qr
from bereik.screens.models import Screen, ScreenMessage

MIN_SECONDS = 8
MAX_SECONDS = 30
WORDS_PER_SECOND = 2.5  # read from across a room, by people waiting, not skimming
QR_EXTRA_SECONDS = 6  # time to take a phone out


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    text: str
    seconds: int
    image_url: str = ""
    image_description: str = ""
    qr_svg: str = ""
    link_display: str = ""


def current_messages(screen: Screen, today=None):
    """The messages shown on `screen` on `today`: switched on, within their dates, for all
    screens or for this one; in their order."""
    today = today or timezone.localdate()
    return (
        ScreenMessage.objects.filter(active=True)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .filter(Q(all_screens=True) | Q(screens=screen))
        .distinct()
        .order_by("position", "pk")
    )


def office_hours_text(organisation: Organisation) -> str:
    hours = organisation.office_hours.strip()
    if not hours:
        return ""
    text = hours[0].upper() + hours[1:]
    if not text.endswith((".", "!", "?")):
        text += "."
    if organisation.phone:
        text += " " + _("Telefoon: %(phone)s") % {"phone": organisation.phone}
    return text


def seconds_for(text: str, *, has_qr: bool) -> int:
    words = len(text.split())
    seconds = MIN_SECONDS + round(words / WORDS_PER_SECOND) + (QR_EXTRA_SECONDS if has_qr else 0)
    return max(MIN_SECONDS, min(MAX_SECONDS, seconds))


def link_display(url: str) -> str:
    """The address under the QR code, to type by hand: without https:// and a trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/") if url.count("/") <= 1 else url


def rotation(screen: Screen, today=None) -> list[Slide]:
    """The slides of `screen` today, in turn. The office hours message without a text of its own
    takes the organisation's office hours, and is left out while those are empty."""
    organisation = Organisation.get()
    slides = []
    for message in current_messages(screen, today):
        text = message.text.strip()
        if message.kind == ScreenMessage.Kind.OPENINGSUREN and not text:
            text = office_hours_text(organisation)
            if not text:
                continue
        image_url = ""
        if message.image:
            image_url = "{}?v={}".format(
                reverse("screens:image", args=[screen.token, message.pk]),
                int(message.updated_at.timestamp()),
            )
        qr_svg = qr.svg(message.link_url, title=message.link_url) if message.link_url else ""
        slides.append(
            Slide(
                key=str(message.pk),
                title=message.title,
                text=text,
                seconds=seconds_for(f"{message.title} {text}", has_qr=bool(qr_svg)),
                image_url=image_url,
                image_description=message.image_description,
                qr_svg=qr_svg,
                link_display=link_display(message.link_url) if message.link_url else "",
            )
        )
    return slides


def version(slides: list[Slide]) -> str:
    """A short fingerprint of what the screen shows: the page swaps its slides only when it
    changes."""
    digest = hashlib.sha256(repr(slides).encode("utf-8"))
    return digest.hexdigest()[:16]
