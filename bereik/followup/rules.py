"""Domain rules of the follow-up that need no database of their own."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from bereik.accounts.models import Role
from bereik.followup.models import Document, Proposal
from bereik.lib import filecheck
from bereik.lib.documents import format_amount as euro

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
    return user.has_role(Role.Code.PREVENTIEWERKER) and not user.has_role(
        Role.Code.MAATSCHAPPELIJK_WERKER
    )


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of that month if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class FollowupFacts:
    """What the follow-up of a reached household shows, as plain values (see `next_step`)."""

    today: datetime.date
    has_proposal: bool = False
    client_decision_pending: bool = False
    intensive_help_unreferred: bool = False
    # (organisation, the day the confirmation is due) of each warm handover awaiting confirmation
    open_handovers: tuple = field(default_factory=tuple)
    # names of the teams whose acceptance of a referral is awaited
    waiting_teams: tuple = field(default_factory=tuple)
    rights_to_check: int = 0
    pending_support: int = 0
    has_report: bool = False


def next_step(facts: FollowupFacts) -> tuple[str, datetime.date | None]:
    """The "volgende stap" of a reached household once the follow-up has started: the most
    pressing open thing first, then what the LAC needs, then the loose ends. Returns (label, date
    by which to take it, or None when no date applies)."""
    if facts.intensive_help_unreferred:
        return str(
            _("Intern doorverwijzen naar Trajectbegeleiding (intensievere hulp)")
        ), facts.today
    if facts.open_handovers:
        organisation, due = min(facts.open_handovers, key=lambda handover: handover[1])
        label = _("Warme overdracht naar %(organisation)s laten bevestigen")
        return str(label) % {"organisation": organisation}, due
    if not facts.has_proposal:
        return str(_("Gesprek en voorstel registreren (terugkoppeling voor de LAC)")), None
    if facts.client_decision_pending:
        return str(_("Nagaan of de cliënt akkoord gaat met het voorstel")), None
    if not facts.has_report:
        return str(_("Sociaal verslag schrijven")), None
    if facts.rights_to_check:
        label = ngettext(
            "Rechtenonderzoek afronden: %(count)s recht na te gaan",
            "Rechtenonderzoek afronden: %(count)s rechten na te gaan",
            facts.rights_to_check,
        )
        return label % {"count": facts.rights_to_check}, None
    if facts.pending_support:
        return str(_("Beslissing over de steunaanvraag opvolgen")), None
    if facts.waiting_teams:
        teams = ", ".join(facts.waiting_teams)
        return str(_("Wachten tot %(teams)s de doorverwijzing aanvaardt")) % {"teams": teams}, None
    return str(_("Opvolgen; afsluiten met een uitkomst zodra het opgelost is")), None


def proposal_summary(proposal: Proposal) -> str:
    """The timeline's one-line summary of a conversation and its proposal."""
    if proposal.arrangement == Proposal.Arrangement.PLAN:
        what = gettext("afbetalingsplan %(amount)s × %(months)s maanden") % {
            "amount": euro(proposal.amount_per_month),
            "months": proposal.months,
        }
    elif proposal.arrangement == Proposal.Arrangement.OTHER:
        what = gettext("andere regeling")
    else:
        what = gettext("nog geen voorstel")
    return gettext("Gesprek en voorstel: %(what)s (akkoord cliënt: %(agrees)s)") % {
        "what": what,
        "agrees": proposal.get_client_agrees_display().lower(),
    }


def check_referral_decider(referral, actor) -> None:
    """Only the receiving team decides on an internal referral, and only once (pass the referral
    with its stored status)."""
    if referral.status != referral.Status.OPEN:
        raise ValidationError(gettext("Over deze doorverwijzing is al beslist."))
    if referral.to_team_id not in actor.team_ids:
        raise ValidationError(gettext("Alleen het ontvangende team kan hierover beslissen."))


def check_restriction(team, actor) -> None:
    """A note or document can only be restricted to one of the writer's own teams."""
    if team is not None and team.pk not in actor.team_ids:
        raise ValidationError(
            {
                "restricted_to_team": gettext(
                    "Je kan alleen beperken tot een team waar je zelf in zit."
                )
            }
        )


def check_upload(upload) -> str:
    """The document kind of an upload, or a ValidationError in Dutch naming the file and the
    problem (size, type, content that does not match the name)."""
    name = upload.name
    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "upload": gettext("'%(name)s' is te groot (%(size)s MB; maximum %(max)s MB).")
                % {
                    "name": name,
                    "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                    "max": f"{limit / 1048576:.0f}",
                }
            }
        )
    if upload.size == 0:
        raise ValidationError({"upload": gettext("'%(name)s' is leeg.") % {"name": name}})
    try:
        kind = filecheck.sniff(upload)
    except filecheck.UnsafeFile as error:
        raise ValidationError({"upload": filecheck.refusal(error, name)}) from None
    if kind is None:
        raise ValidationError(
            {
                "upload": gettext(
                    "'%(name)s' is geen PDF, PNG, JPEG, Word- (DOCX) of Excel-bestand (XLSX), of "
                    "het bestand is beschadigd."
                )
                % {"name": name}
            }
        )
    if not filecheck.extension_matches(name, kind):
        raise ValidationError(
            {
                "upload": gettext(
                    "De naam van '%(name)s' past niet bij de inhoud (%(kind)s). Geef het bestand "
                    "de juiste extensie."
                )
                % {"name": name, "kind": dict(Document.Kind.choices)[kind]}
            }
        )
    return kind
