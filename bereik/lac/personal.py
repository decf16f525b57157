"""The LAC's part of what Bereik holds about a person (`dossiers/personal_data.py`): the
dossier's points on a session's agenda with the advice, and corrections made to them after the
session. Retention keeps the session, attendance and advice (counted by the figures), empties
the representative's name, the conditions, the notes and the corrected values."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.lac.models import AgendaItem, Correction

ITEM_FIELDS = (
    "session", "request_type", "request_date", "legal_deadline", "attendance",
    "representative_kind", "representative_name", "advice", "advice_other", "conditional",
    "conditions", "condition_deadline", "unanimous", "note",
)  # fmt: skip
CORRECTION_FIELDS = ("at", "field_label", "old_value", "new_value", "reason")


def export(scope: Scope) -> Exported:
    items = AgendaItem.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
        "dossier", "session", "session__company"
    )
    corrections = Correction.objects.filter(item__dossier_id__in=scope.dossier_ids).select_related(
        "item__dossier"
    )
    return Exported(
        records=[
            *personal_data.labelled(_("LAC-advies"), items, ITEM_FIELDS),
            *personal_data.labelled(
                _("correctie LAC"), corrections, CORRECTION_FIELDS, dossier=False
            ),
        ]
    )


def erase(scope: Scope) -> Erased:
    items = AgendaItem.objects.filter(dossier_id__in=scope.dossier_ids)
    items.update(representative_name="", advice_other="", conditions="", note="")
    Correction.objects.filter(item__dossier_id__in=scope.dossier_ids).update(
        old_value="", new_value="", reason=""
    )
    return Erased()


personal_data.register(80, "lac", _("LAC"), export=export, erase=erase)
