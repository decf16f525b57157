"""The request for a free water scan, a letter type of the outreach's registry: a letter to the
water company, made when a worker decides to ask a scan ("Waterscan te bekijken"), and offered in
the letter menu of a water dossier."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.lib.documents import MultilineText
from bereik.outreach.letters import register_letter_type
from bereik.weekly.letter_templates import FILE

CODE = "waterscan_aanvraag"
PLACEHOLDERS = {
    "maatschappij_adres": "Stropstraat 1, 9000 Gent",
    "beschermde_klant": "ja",
    "gronden": "beschermde klant; verbruik minstens 150% van het gemiddelde",
}


def _context(dossier, **options) -> dict:
    grounds = [options["grounds"]] if options.get("grounds") else []
    if dossier.protected_customer and not grounds:
        grounds.append(_("beschermde klant"))
    address = (dossier.company.address if dossier.company_id else "").strip()
    lines = address.splitlines()
    if lines and dossier.company_id and lines[0].strip() == dossier.company.name:
        address = "\n".join(lines[1:])  # the letter names the company above its address
    return {
        "maatschappij_adres": MultilineText(address),
        "beschermde_klant": _("ja") if dossier.protected_customer else "",
        "gronden": "; ".join(str(g) for g in grounds) or _("op voorstel van het OCMW"),
    }


def register() -> None:
    register_letter_type(
        CODE,
        gettext_lazy("Aanvraag gratis waterscan (aan de maatschappij)"),
        default_template=FILE,
        placeholders=PLACEHOLDERS,
        build_context=_context,
        description=gettext_lazy(
            "Aan de watermaatschappij: vraagt een gratis waterscan voor de klant (beschermde "
            "klant, hoog verbruik, of op voorstel van de LAC, een CAW of schuldbemiddeling)."
        ),
        applies_to=lambda dossier: dossier.kind == "water",
        counts_as_contact=False,
    )
