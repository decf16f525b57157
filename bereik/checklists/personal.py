"""The guiding questions' part of what Bereik holds about a person
(`dossiers/personal_data.py`): the checklists gone through with the household and their
answers. Retention empties the notes; the lists and their answers stay (yes/no to fixed
questions, nothing that names the household once its dossier is anonymised)."""

from django.utils.translation import gettext_lazy as _

from bereik.checklists.models import Answer, FilledChecklist
from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope

FILLED_FIELDS = ("checklist_name", "filled_by", "filled_at", "note")
ANSWER_FIELDS = ("question_text", "reply", "suggestion", "referred_at")


def export(scope: Scope) -> Exported:
    filled = FilledChecklist.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "filled_by"
    )
    answers = Answer.objects.filter(filled__dossier_id__in=scope.dossier_ids).select_related(
        "filled__dossier"
    )
    answer = _("antwoord op een richtvraag")
    return Exported(
        records=[
            *personal_data.labelled(_("richtvragen overlopen"), filled, FILLED_FIELDS),
            *personal_data.labelled(answer, answers, ANSWER_FIELDS, dossier=False),
        ]
    )


def erase(scope: Scope) -> Erased:
    filled = FilledChecklist.objects.filter(dossier_id__in=scope.dossier_ids)
    filled.update(note="")
    return Erased()


personal_data.register(55, "checklists", _("Richtvragen"), export=export, erase=erase)
