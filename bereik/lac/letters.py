"""Decision letters after a LAC session: one for the client, one for the company.

Both are letter types of the letter registry (bereik.outreach.letters), with default templates in
bereik/lac/letter_templates/ the beheerder can replace. They are made from the session, not from a
dossier's letter menu. The company's representative has no account: the company gets this letter
and nothing else. Neither letter shows an INSZ.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.lac.letter_templates import CLIENT_FILE, COMPANY_FILE
from bereik.lac.models import AgendaItem
from bereik.lib.documents import MultilineText, format_date
from bereik.organisation.models import Organisation
from bereik.outreach.letters import register_letter_type

CLIENT = "klant"
COMPANY = "maatschappij"
CODES = {CLIENT: "lac_beslissing_klant", COMPANY: "lac_beslissing_maatschappij"}
RECIPIENTS = tuple(CODES)

# The placeholders of the decision letters (on top of the registry's common ones), with examples.
PLACEHOLDERS = {
    "zitting_datum": "17 december 2026",
    "zitting_soort": "water",
    "maatschappij_adres": "Stropstraat 1, 9000 Gent",
    "vertegenwoordiger_naam": "An Lemmens",
    "aanwezigheid": "U was aanwezig op de zitting.",
    "advies": "afbetalingsplan",
    "voorwaarden": "Elke maand € 50 betalen, te beginnen op 1 januari 2027.",
    "uiterlijk_tegen": "31 januari 2027",
    "geen_unanimiteit": "(waar als het advies niet unaniem was)",
    "unaniem": "(waar als het advies unaniem was)",
    "na_termijn": "Dit advies kwam na de wettelijke termijn, die op 22 november 2026 afliep.",
    "voorzitter_naam": "Vera Maes",
    "secretaris_naam": "Olga Peeters",
}


def session_time_text(session) -> str:
    """`14.00 uur`, as the letters write a time; "" when the session has no time."""
    if session.time is None:
        return ""
    return _("%(hour)d.%(minute)02d uur") % {
        "hour": session.time.hour,
        "minute": session.time.minute,
    }


def invitation_options(session) -> dict:
    """The options of the LAC invitation letters (bereik.outreach) for a session: its date, time
    and place (the organisation's address when the session has no place)."""
    return {
        "session_date": session.date,
        "session_time": session_time_text(session),
        "session_place": session.place or ", ".join(Organisation.get().address_lines),
    }


def _representative(item: AgendaItem) -> str:
    """`Karim Peeters, familielid`, or `een familielid` without a name (inside a sentence)."""
    kind = str(item.get_representative_kind_display()).lower() if item.representative_kind else ""
    name = item.representative_name.strip()
    if name:
        return f"{name}, {kind}" if kind else name
    return _("een %(kind)s") % {"kind": kind} if kind else ""


def _attendance_sentence(item: AgendaItem, recipient: str) -> str:
    to_client = recipient == CLIENT
    if item.attendance == AgendaItem.Attendance.PRESENT:
        return _("U was aanwezig op de zitting.") if to_client else _("De klant was aanwezig.")
    if item.attendance == AgendaItem.Attendance.REPRESENTED:
        who = {"who": _representative(item)}
        if not who["who"]:
            return (
                _("U liet zich vertegenwoordigen.")
                if to_client
                else _("De klant was vertegenwoordigd.")
            )
        if to_client:
            return _("U liet zich vertegenwoordigen door %(who)s.") % who
        return _("De klant was vertegenwoordigd door %(who)s.") % who
    if item.attendance == AgendaItem.Attendance.ABSENT:
        return _("U was niet aanwezig.") if to_client else _("De klant was afwezig.")
    return ""


def late_sentence(item: AgendaItem) -> str:
    """One plain sentence when the session came after the legal deadline for the advice, else ""
    (the minutes and the session page name the legal consequence; a letter only says it)."""
    if not item.is_late:
        return ""
    return _("Dit advies kwam na de wettelijke termijn, die op %(date)s afliep.") % {
        "date": format_date(item.legal_deadline)
    }


def item_context(item: AgendaItem, recipient: str) -> dict:
    """The decision letter's own placeholders for one agenda item."""
    session = item.session
    advice = item.advice_label
    if item.advice != AgendaItem.Advice.OTHER:
        advice = advice.lower()
    return {
        "zitting_datum": format_date(session.date),
        "zitting_soort": session.get_kind_display().lower(),
        "maatschappij_adres": MultilineText(session.company.address or ""),
        "vertegenwoordiger_naam": (
            session.company_representative.name if session.company_representative else ""
        ),
        "aanwezigheid": _attendance_sentence(item, recipient),
        "advies": advice,
        "voorwaarden": MultilineText(item.conditions) if item.conditional else "",
        "uiterlijk_tegen": format_date(item.condition_deadline) if item.conditional else "",
        "geen_unanimiteit": item.unanimous is False,
        "unaniem": item.unanimous is True,
        "na_termijn": late_sentence(item),
        "voorzitter_naam": session.chair.name if session.chair else "",
        "secretaris_naam": session.secretary.name if session.secretary else "",
    }


def _builder(recipient: str):
    def build_context(dossier, *, session=None, **options) -> dict:
        item = (
            AgendaItem.objects.select_related("session", "session__company", "session__chair")
            .select_related("session__secretary", "session__company_representative")
            .get(dossier=dossier, session_id=getattr(session, "pk", session))
        )
        return item_context(item, recipient)

    return build_context


def register() -> None:
    common = {
        "placeholders": PLACEHOLDERS,
        "manual": False,
        "counts_as_contact": False,
        "applies_to": lambda dossier: dossier.kind in ("water", "energie"),
    }
    register_letter_type(
        CODES[CLIENT],
        gettext_lazy("Beslissing LAC (cliënt)"),
        default_template=CLIENT_FILE,
        build_context=_builder(CLIENT),
        description=gettext_lazy("Het advies van de LAC-zitting, voor de cliënt."),
        **common,
    )
    register_letter_type(
        CODES[COMPANY],
        gettext_lazy("Beslissing LAC (maatschappij)"),
        default_template=COMPANY_FILE,
        build_context=_builder(COMPANY),
        description=gettext_lazy(
            "Het advies van de LAC-zitting, voor de maatschappij (haar vertegenwoordiger in de "
            "LAC heeft geen toegang tot Bereik)."
        ),
        **common,
    )
