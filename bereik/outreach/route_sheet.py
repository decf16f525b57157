"""The printable route sheet of a worker's home visits for one day, in address order."""

import mimetypes
import re
import unicodedata

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from bereik.lib import documents

_NUMBER = re.compile(r"\s*(\d+)\s*(.*)")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def house_number_key(number: str) -> tuple[int, str]:
    """'2' < '10' < '10A' < '12'; numbers without digits last."""
    match = _NUMBER.match(number or "")
    if match is None:
        return (10**9, _plain(number))
    return (int(match.group(1)), _plain(match.group(2)))


def address_key(
    postcode: str, street: str, house_number: str, box: str = "", *, city: str = ""
) -> tuple:
    """Postcode, then the village (deelgemeenten share a postcode: Brustem and Zepperen are
    3800 like Sint-Truiden), then street and house number."""
    return (
        (postcode or "").strip() or "~",
        _plain(city),
        _plain(street),
        house_number_key(house_number),
        house_number_key(box),
    )


def in_address_order(visits) -> list:
    """Visits sorted by the dossier's postcode, village, street and house number (numerically)."""
    return sorted(
        visits,
        key=lambda visit: (
            address_key(
                visit.dossier.postcode,
                visit.dossier.street,
                visit.dossier.house_number,
                visit.dossier.box,
                city=visit.dossier.city,
            ),
            visit.pk or 0,
        ),
    )


def for_display(visits) -> list:
    """The visits in address order, each with `phone` and `amount_label` for the page and sheet."""
    ordered = in_address_order(visits)
    for visit in ordered:
        visit.phone = visit.dossier.contact_phone
        visit.amount_label = documents.format_amount(visit.dossier.amount_due)
    return ordered


def render_html(*, worker, day, visits, organisation) -> str:
    logo = ""
    if organisation.logo:
        try:
            with organisation.logo.open("rb") as handle:
                content_type = mimetypes.guess_type(organisation.logo.name)[0] or "image/png"
                logo = documents.image_data_uri(handle.read(), content_type)
        except OSError:
            logo = ""
    ordered = for_display(visits)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "outreach/route_sheet.html",
            {
                "worker": worker,
                "day": day,
                "day_label": documents.format_date(day, weekday=True),
                "visits": ordered,
                "organisation": organisation,
                "logo": logo,
            },
        )


def render_pdf(**kwargs) -> bytes:
    return documents.html_to_pdf(render_html(**kwargs))
