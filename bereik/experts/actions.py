"""Writes of the experts by experience and the bridge figure. Every function takes `actor=`, runs
in a transaction, records an audit event and, where the dossier's workers should see it, a
timeline entry (kind family "ervaringsdeskundige")."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.accounts import roles
from bereik.accounts.models import User
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier, Signal
from bereik.experts.models import Contact, LacCompanion, OutreachSignal, Proposal
from bereik.intake import lookalikes
from bereik.intake.actions.signals import HouseholdData, signal_enter
from bereik.lac.models import AgendaItem
from bereik.triage.rules import thresholds

EVENT = "ervaringsdeskundige"
# What an expert may bring in: a water, energy or housing problem (or something else).
OUTREACH_KINDS = (
    Signal.Kind.HAND_WATER,
    Signal.Kind.HAND_ENERGIE,
    Signal.Kind.HAND_UITHUISZETTING,
    Signal.Kind.HAND_ANDERE,
)


def _name(user) -> str:
    return user.get_full_name() or user.username


def _check_expert(expert) -> None:
    if expert is None or not roles.is_expert(expert):
        raise ValidationError({"expert": _("Kies een ervaringsdeskundige.")})


@transaction.atomic
def proposal_create(
    dossier: Dossier, *, expert: User, help_asked: str, note: str, actor
) -> Proposal:
    """Propose a household to an expert, with the help asked and a short note written for them."""
    _check_expert(expert)
    if not dossier.is_open:
        raise ValidationError(_("Dit dossier is afgesloten."))
    help_asked, note = help_asked.strip(), note.strip()
    if not help_asked:
        raise ValidationError({"help_asked": _("Zeg welke hulp je vraagt.")})
    if not note:
        raise ValidationError({"note": _("Schrijf een korte notitie voor de ervaringsdeskundige.")})
    if Proposal.objects.filter(
        dossier=dossier, expert=expert, status__in=Proposal.OPEN_STATUSES
    ).exists():
        raise ValidationError(
            {"expert": _("Dit gezin is al aan %(name)s voorgesteld.") % {"name": _name(expert)}}
        )
    proposal = Proposal.objects.create(
        dossier=dossier,
        expert=expert,
        help_asked=help_asked,
        note=note,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    dossier_log(
        dossier,
        f"{EVENT}.voorstel",
        _("Voorgesteld aan ervaringsdeskundige %(name)s: %(help)s")
        % {"name": _name(expert), "help": help_asked},
        actor=actor,
        text=note,
        data={"proposal": proposal.pk},
    )
    audit.record("expert.propose", actor=actor, obj=proposal, details={"dossier": dossier.number})
    return proposal


def _answer(proposal: Proposal, *, actor) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("dossier").get(pk=proposal.pk)
    if proposal.expert_id != getattr(actor, "pk", None):
        raise ValidationError(
            _("Alleen de ervaringsdeskundige zelf kan dit voorstel beantwoorden.")
        )
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError(_("Dit voorstel werd al beantwoord."))
    return proposal


@transaction.atomic
def proposal_accept(proposal: Proposal, *, actor) -> Proposal:
    proposal = _answer(proposal, actor=actor)
    proposal.status = Proposal.Status.ACCEPTED
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "answered_at"])
    dossier_log(
        proposal.dossier,
        f"{EVENT}.aanvaard",
        _("Ervaringsdeskundige %(name)s aanvaardde het voorstel") % {"name": _name(actor)},
        actor=actor,
        data={"proposal": proposal.pk},
    )
    audit.record("expert.accept", actor=actor, obj=proposal)
    return proposal


@transaction.atomic
def proposal_decline(proposal: Proposal, *, reason: str = "", actor) -> Proposal:
    proposal = _answer(proposal, actor=actor)
    proposal.status = Proposal.Status.DECLINED
    proposal.answered_at = timezone.now()
    proposal.reason = reason.strip()[:300]
    proposal.save(update_fields=["status", "answered_at", "reason"])
    dossier_log(
        proposal.dossier,
        f"{EVENT}.geweigerd",
        _("Ervaringsdeskundige %(name)s weigerde het voorstel") % {"name": _name(actor)},
        actor=actor,
        text=proposal.reason,
        data={"proposal": proposal.pk},
    )
    audit.record("expert.decline", actor=actor, obj=proposal)
    return proposal


@transaction.atomic
def proposal_end(proposal: Proposal, *, reason: str, actor) -> Proposal:
    """Stop the expert's part (the worker or the expert): the household disappears from the
    expert's page."""
    proposal = Proposal.objects.select_for_update().select_related("dossier").get(pk=proposal.pk)
    if not proposal.is_open:
        raise ValidationError(_("Dit voorstel loopt niet meer."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden.")})
    proposal.status = Proposal.Status.ENDED
    proposal.ended_at = timezone.now()
    proposal.reason = reason.strip()[:300]
    proposal.save(update_fields=["status", "ended_at", "reason"])
    dossier_log(
        proposal.dossier,
        f"{EVENT}.einde",
        _("Begeleiding door ervaringsdeskundige %(name)s beëindigd")
        % {"name": _name(proposal.expert)},
        actor=actor,
        text=proposal.reason,
        data={"proposal": proposal.pk},
    )
    audit.record("expert.end", actor=actor, obj=proposal)
    return proposal


@transaction.atomic
def contact_record(
    proposal: Proposal,
    *,
    date: datetime.date,
    kind: str,
    note: str,
    place: str = "",
    referral: str = Contact.Referral.NONE,
    referral_to: str = "",
    next_appointment_at: datetime.datetime | None = None,
    next_appointment_place: str = "",
    actor,
) -> Contact:
    """A contact of the expert with a household they accepted, shared on the dossier's
    timeline; optionally the next appointment they made."""
    proposal = Proposal.objects.select_for_update().select_related("dossier").get(pk=proposal.pk)
    if proposal.status != Proposal.Status.ACCEPTED or proposal.expert_id != getattr(
        actor, "pk", None
    ):
        raise ValidationError(_("Je volgt dit gezin niet (meer) op."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("Een contact ligt niet in de toekomst.")})
    if kind not in Contact.Kind.values:
        raise ValidationError({"kind": _("Kies de soort contact.")})
    if referral not in Contact.Referral.values:
        raise ValidationError({"referral": _("Kies of er een doorverwijzing kwam.")})
    referral_to = referral_to.strip()
    if referral != Contact.Referral.NONE and not referral_to:
        raise ValidationError({"referral_to": _("Zeg naar wie of wat je doorverwees.")})
    if not note.strip():
        raise ValidationError({"note": _("Schrijf een korte notitie.")})
    contact = Contact.objects.create(
        proposal=proposal,
        date=date,
        kind=kind,
        place=place.strip(),
        note=note.strip(),
        referral=referral,
        referral_to=referral_to if referral != Contact.Referral.NONE else "",
        created_by=actor,
    )
    summary = _("Contact ervaringsdeskundige %(name)s: %(kind)s op %(date)s") % {
        "name": _name(actor),
        "kind": contact.get_kind_display().lower(),
        "date": date.strftime("%d/%m/%Y"),
    }
    if referral != Contact.Referral.NONE:
        summary += " · " + _("%(referral)s: %(to)s") % {
            "referral": contact.get_referral_display(),
            "to": referral_to,
        }
    dossier_log(
        proposal.dossier,
        f"{EVENT}.contact",
        summary,
        actor=actor,
        text=contact.note,
        data={"proposal": proposal.pk, "contact": contact.pk, "referral": referral},
    )
    if next_appointment_at is not None:
        proposal.next_appointment_at = next_appointment_at
        proposal.next_appointment_place = next_appointment_place.strip()[:200]
        proposal.save(update_fields=["next_appointment_at", "next_appointment_place"])
    audit.record(
        "expert.contact",
        actor=actor,
        obj=contact,
        details={"kind": kind, "referral": referral},
    )
    return contact


def _open_dossier_of(household: HouseholdData, kind: str, *, actor) -> Dossier | None:
    """The open dossier of the household, when the matching is sure enough to link without a
    person looking (the same score as an automatic link to the register)."""
    found = lookalikes.find(
        lookalikes.Household(
            last_name=household.last_name,
            first_name=household.first_name,
            street=household.street,
            house_number=household.house_number,
            box=household.box,
            postcode=household.postcode,
            city=household.city,
        ),
        user=actor,
    )
    limit = thresholds().auto_link
    for candidate in found.choosable(Signal.DOSSIER_KIND[kind]):
        if candidate.certain or candidate.score >= limit:
            return Dossier.objects.filter(pk=candidate.pk, status__in=Dossier.OPEN_STATUSES).first()
    return None


def outreach_signal_register(
    *,
    kind: str,
    household: HouseholdData,
    problem: str,
    consent: bool,
    met_at: str,
    actor,
) -> OutreachSignal:
    """A household the expert met by outreach: a signal "via ervaringsdeskundige" in its open
    dossier (when the matching is sure) or a new one, for onthaal and the preventiewerker."""
    if not roles.is_expert(actor):
        raise ValidationError(_("Alleen een ervaringsdeskundige brengt zo een gezin aan."))
    if kind not in OUTREACH_KINDS:
        raise ValidationError({"kind": _("Kies waar het probleem over gaat.")})
    if not consent:
        raise ValidationError(
            {"consent": _("Vraag eerst of het gezin akkoord gaat dat het OCMW contact opneemt.")}
        )
    if not problem.strip():
        raise ValidationError({"problem": _("Beschrijf kort wat het probleem is.")})
    if met_at not in Contact.Kind.values:
        raise ValidationError({"met_at": _("Kies waar je het gezin ontmoette.")})
    with transaction.atomic():
        dossier = _open_dossier_of(household, kind, actor=actor)
        signal = signal_enter(
            kind=kind,
            source=Signal.Source.EXPERT,
            household=household,
            note=problem.strip(),
            consent=True,
            dossier=dossier,
            actor=actor,
        )
        outreach = OutreachSignal.objects.create(expert=actor, signal=signal, met_at=met_at)
        audit.record(
            "expert.outreach",
            actor=actor,
            obj=outreach,
            subject=signal.dossier.audit_subject(),
            details={"met_at": met_at, "opened": signal.opened},
        )
    return outreach


@transaction.atomic
def lac_companion_set(item: AgendaItem, *, expert: User, actor) -> LacCompanion:
    """Record the expert as the household's vertrouwenspersoon for the item's session: an expert
    who accepted the household."""
    if not Proposal.objects.filter(
        dossier_id=item.dossier_id, expert=expert, status=Proposal.Status.ACCEPTED
    ).exists():
        raise ValidationError({"expert": _("Kies een ervaringsdeskundige die dit gezin volgt.")})
    if item.session.is_closed:
        raise ValidationError(_("Deze zitting is afgesloten."))
    # One vertrouwenspersoon per session: the item's row is locked so two workers who both saw
    # the offer cannot both record one.
    AgendaItem.objects.select_for_update().only("pk").get(pk=item.pk)
    going = LacCompanion.objects.filter(item=item).select_related("expert").first()
    if going is not None:
        raise ValidationError(
            _("%(name)s gaat al mee naar de LAC van %(date)s.")
            % {"name": _name(going.expert), "date": item.session.date.strftime("%d/%m/%Y")}
        )
    companion = LacCompanion.objects.create(item=item, expert=expert, added_by=actor)
    dossier_log(
        item.dossier,
        f"{EVENT}.lac",
        _("%(name)s gaat als vertrouwenspersoon mee naar de LAC van %(date)s")
        % {"name": _name(expert), "date": item.session.date.strftime("%d/%m/%Y")},
        actor=actor,
        data={"item": item.pk},
    )
    audit.record("expert.lac_companion", actor=actor, obj=companion)
    return companion


@transaction.atomic
def lac_companion_remove(companion: LacCompanion, *, actor) -> None:
    item = companion.item
    dossier_log(
        item.dossier,
        f"{EVENT}.lac",
        _("%(name)s gaat niet meer mee naar de LAC van %(date)s")
        % {"name": _name(companion.expert), "date": item.session.date.strftime("%d/%m/%Y")},
        actor=actor,
        data={"item": item.pk},
    )
    audit.record("expert.lac_companion_remove", actor=actor, obj=companion)
    companion.delete()


@transaction.atomic
def dossier_contact_person_set(dossier: Dossier, *, person: User | None, reason: str, actor):
    """The contact person the letters give (name, phone, e-mail): any active user, for example a
    brugfiguur or an expert, with a reason; None gives the letters back to the assigned worker."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden.")})
    if person is not None and not person.is_active:
        raise ValidationError({"person": _("Deze gebruiker is niet actief.")})
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.contact_person_id == (person.pk if person else None):
        raise ValidationError({"person": _("Dit is al de contactpersoon.")})
    dossier.contact_person = person
    dossier.save(update_fields=["contact_person", "updated_at"])
    summary = (
        _("Contactpersoon op brieven: %(name)s") % {"name": _name(person)}
        if person
        else _("Contactpersoon op brieven: weer de toegewezen medewerker")
    )
    dossier_log(dossier, "contactpersoon", summary, actor=actor, text=reason)
    audit.record(
        "dossier.contact_person",
        actor=actor,
        obj=dossier,
        details={"person": person.pk if person else None},
    )
    return dossier
