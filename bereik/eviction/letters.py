"""The letter to the tenant before the hearing, a letter type of the outreach's registry (its
default template is written with the others by `manage.py build_default_letters`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.eviction import queries
from bereik.lib import documents
from bereik.outreach.letters import TEMPLATE_DIR, register_letter_type

CODE = queries.LETTER_BEFORE_HEARING
PLACEHOLDERS = {
    "zitting_datum": "dinsdag 12 januari 2027",
    "vredegerecht": "Vredegerecht Sint-Truiden",
    "verhuurder": "Immo Haspengouw bv",
}


def _context(dossier, **options) -> dict:
    facts = queries.facts_for([dossier.pk])[dossier.pk]
    today = timezone.localdate()
    coming = [day for day in facts.open_hearings if day >= today]
    hearing = min(coming) if coming else None
    return {
        "zitting_datum": documents.format_date(hearing, weekday=True) if hearing else "",
        "vredegerecht": queries.court_of(dossier),
        "verhuurder": queries.landlord_of(dossier),
    }


def register() -> None:
    register_letter_type(
        CODE,
        _("Brief aan de huurder vóór de zitting"),
        default_template=TEMPLATE_DIR / f"{CODE}.docx",
        placeholders=PLACEHOLDERS,
        build_context=_context,
        description=_(
            "Na een dagvaarding of verzoekschrift tot uithuiszetting: biedt hulp aan vóór de "
            "zitting bij de vrederechter en vraagt om contact op te nemen."
        ),
        applies_to=lambda dossier: dossier.kind == "woonst",
    )
