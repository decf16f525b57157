"""The conversation with the household and its proposal (the terugkoppeling for the LAC chair),
and the sociaal verslag."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts.actions import notify
from bereik.accounts.models import Notification, Role, User
from bereik.dossiers import access
from bereik.dossiers import next_step as steps
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.followup.models import Proposal, SocialReport
from bereik.followup.rules import proposal_summary
from bereik.lib import locking
from bereik.outreach.actions import brochure_hand_over_once


@transaction.atomic
def proposal_create(dossier: Dossier, *, actor, **fields) -> Proposal:
    """Record a conversation and the proposal worked out. It is the terugkoppeling to the LAC
    chair: chairs who can see the dossier get a notification."""
    proposal = Proposal(dossier=dossier, author=actor, **fields)
    proposal.full_clean()
    proposal.save()
    lines = []
    if proposal.lac_options_discussed:
        lines.append(_("Mogelijkheden van de LAC besproken."))
    if proposal.brochure_discussed:
        lines.append(_("Brochure 'Goed geregeld is geld gespaard' overlopen."))
    if proposal.arrangement_text:
        lines.append(proposal.arrangement_text)
    if proposal.intensive_help_needed:
        lines.append(_("Intensievere hulp nodig."))
    if proposal.feedback:
        lines.append(_("Terugkoppeling: %(text)s") % {"text": proposal.feedback})
    dossier_log(
        dossier,
        "proposal",
        proposal_summary(proposal),
        actor=actor,
        text="\n".join(lines),
        data={"proposal": proposal.pk},
    )
    audit.record("proposal.create", actor=actor, obj=proposal)
    if proposal.brochure_discussed:  # gone through with the household: handed over (once)
        brochure_hand_over_once(
            dossier,
            date=proposal.conversation_date,
            note=_("Overlopen tijdens het gesprek."),
            actor=actor,
        )
    chairs = User.objects.filter(is_active=True, roles__code=Role.Code.LAC_VOORZITTER).exclude(
        pk=getattr(actor, "pk", None)
    )
    for chair in chairs.distinct():
        if access.can_view_dossier(chair, dossier):
            notify(
                chair,
                _("Terugkoppeling voor de LAC: %(dossier)s") % {"dossier": dossier},
                kind=Notification.Kind.LAC_FEEDBACK,
                url=dossier.get_absolute_url() + "#sectie-gesprek",
                dossier=dossier,
            )
    steps.refresh_one(dossier)
    return proposal


@transaction.atomic
def report_save(
    dossier: Dossier, *, text: str, actor, version: int | str | None = None
) -> SocialReport:
    """Save the sociaal verslag as a new version; an unchanged text adds nothing. `version`: the
    version the writer started from (0: none yet); locking.StaleEdit, with the stored report,
    when someone saved another version in between."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Het verslag is leeg.")})
    # One writer per dossier at a time, so two saves can't both become the next version.
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True))
    latest = dossier.social_reports.order_by("-version").first()
    locking.refuse_if_changed(version, latest.version if latest else 0, current=latest)
    if latest is not None and latest.text == text:
        return latest
    version = (latest.version if latest else 0) + 1
    report = SocialReport.objects.create(dossier=dossier, version=version, text=text, author=actor)
    dossier_log(
        dossier,
        "report",
        _("Sociaal verslag bijgewerkt (versie %(version)s)") % {"version": version},
        actor=actor,
        data={"report": report.pk},
    )
    audit.record("social_report.save", actor=actor, obj=report)
    steps.refresh_one(dossier)
    return report
