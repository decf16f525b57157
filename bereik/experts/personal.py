"""The experts' part of what Bereik holds about a person (`dossiers/personal_data.py`): the
proposals to an expert by experience with their note, the expert's contacts with the household,
the signals an expert brought in by outreach and going along to the LAC as vertrouwenspersoon.

Retention keeps what the impact page counts (proposals with their status and dates, contacts
as a date and a kind, outreach signals, companions on the LAC) and empties the free text: the
help asked, the notes, the reasons, the places and who the household was referred to."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.experts.models import Contact, LacCompanion, OutreachSignal, Proposal

PROPOSAL_FIELDS = (
    "expert", "help_asked", "note", "status", "proposed_by", "proposed_at", "answered_at",
    "reason", "ended_at", "next_appointment_at", "next_appointment_place",
)  # fmt: skip
CONTACT_FIELDS = ("date", "kind", "place", "note", "referral", "referral_to")
SIGNAL_FIELDS = ("expert", "signal", "met_at")
COMPANION_FIELDS = ("expert", "item")


def _signals(scope: Scope) -> Q:
    found = Q(signal__dossier_id__in=scope.dossier_ids) | Q(signal_id__in=scope.signal_ids)
    if scope.insz:
        found |= Q(signal__insz=scope.insz)
    return found


def export(scope: Scope) -> Exported:
    ids = scope.dossier_ids
    proposals = Proposal.objects.filter(dossier_id__in=ids).select_related(
        "dossier", "expert", "proposed_by"
    )
    contacts = Contact.objects.filter(proposal__dossier_id__in=ids).select_related(
        "proposal__dossier"
    )
    signals = OutreachSignal.objects.filter(_signals(scope)).select_related("expert", "signal")
    companions = LacCompanion.objects.filter(item__dossier_id__in=ids).select_related(
        "expert", "item__dossier", "item__session"
    )
    contact = _("contact van een ervaringsdeskundige")
    signal = _("signaal via ervaringsdeskundige")
    companion = _("vertrouwenspersoon op de LAC")
    return Exported(
        records=[
            *personal_data.labelled(
                _("voorstel aan ervaringsdeskundige"), proposals, PROPOSAL_FIELDS
            ),
            *personal_data.labelled(contact, contacts, CONTACT_FIELDS, dossier=False),
            *personal_data.labelled(signal, signals, SIGNAL_FIELDS, dossier=False),
            *personal_data.labelled(companion, companions, COMPANION_FIELDS, dossier=False),
        ]
    )


def erase(scope: Scope) -> Erased:
    ids = scope.dossier_ids
    proposals = Proposal.objects.filter(dossier_id__in=ids).update(
        help_asked="", note="", reason="", next_appointment_place=""
    )
    contacts = Contact.objects.filter(proposal__dossier_id__in=ids).update(
        place="", note="", referral_to=""
    )
    return Erased(counts={"expert_proposals": proposals, "expert_contacts": contacts})


personal_data.register(85, "experts", _("Ervaringsdeskundigen"), export=export, erase=erase)
