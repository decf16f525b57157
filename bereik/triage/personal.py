"""The triage's part of what Bereik holds about a person (`dossiers/personal_data.py`): how a
dossier was matched to the register and the overleg of route B. Retention deletes the match
candidates (names compared) and empties the overleg's notes."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.triage.models import Consultation, MatchCandidate, Triage


def export(scope: Scope) -> Exported:
    triages = Triage.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "decided_by"
    )
    consultations = Consultation.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "former_worker", "decided_by"
    )
    fields_t = ("match_status", "method", "decided_by", "decided_at", "matched_at")
    fields_c = ("former_worker", "requested_at", "outcome", "notes", "decided_at")
    return Exported(
        records=[
            *personal_data.labelled(_("koppeling aan het register"), triages, fields_t),
            *personal_data.labelled(_("overleg route B"), consultations, fields_c),
        ]
    )


def erase(scope: Scope) -> Erased:
    candidates = MatchCandidate.objects.filter(triage__dossier_id__in=scope.dossier_ids)
    deleted = candidates.delete()[0]
    Consultation.objects.filter(dossier_id__in=scope.dossier_ids).update(notes="")
    return Erased(counts={"match_candidates": deleted})


personal_data.register(30, "triage", _("Koppeling en overleg"), export=export, erase=erase)
