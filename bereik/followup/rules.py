"""Domain rules of the follow-up that need no database of their own."""

import calendar
import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Role

# Labels of the timeline's event kinds (DossierEvent.kind). Kinds are grouped by the part before
# a dot ("lac.agenda", "lac.advice" -> "lac"), which is also what the filter offers. Other apps
# log their own kinds; unknown ones are shown as they are.
EVENT_KINDS = {
    "signal": _("Signaal"),
    "client": _("Cliëntenregister"),
    "route": _("Route"),
    "overleg": _("Overleg"),
    "assignment": _("Toewijzing"),
    "status": _("Status"),
    "contact": _("Contactpoging"),
    "visit": _("Huisbezoek"),
    "letter": _("Brief"),
    "brochure": _("Brochure"),
    "lac": _("LAC"),
    "note": _("Notitie"),
    "task": _("Taak"),
    "proposal": _("Gesprek en voorstel"),
    "report": _("Sociaal verslag"),
    "rights": _("Rechtenonderzoek"),
    "support": _("Steunaanvraag"),
    "referral": _("Doorverwijzing"),
    "handover": _("Warme overdracht"),
    "waterscan": _("Waterscan"),
    "document": _("Document"),
    "closure": _("Afsluiting"),
}


def event_family(kind: str) -> str:
    return kind.split(".", 1)[0]


def event_kind_label(kind: str) -> str:
    family = event_family(kind)
    return str(EVENT_KINDS.get(family) or family.replace("_", " ").capitalize())


def limited_to_onthaal_tasks(user) -> bool:
    """The preventiewerker's own follow-up is limited to what the Onthaalteam does (rights
    investigation, support requests without a trajectory); more intensive help is an internal
    referral. A preventiewerker who is also a social worker is not limited."""
    return user.has_role(Role.PREVENTIEWERKER) and not user.has_role(Role.MAATSCHAPPELIJK_WERKER)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of that month if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def euro(amount) -> str:
    """`€ 1.234,50`: amounts in timeline summaries, which are stored as text."""
    if amount is None:
        return ""
    whole, cents = f"{Decimal(amount):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"
