"""The eviction procedure's part of what Bereik holds about a person
(`dossiers/personal_data.py`). Retention keeps the dates and outcomes, empties the notes."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.eviction.models import Hearing, Judgment, OcmwAction

PARTS = (
    (Hearing, _("zitting"), ("date", "court", "outcome", "postponed_to", "note")),
    (Judgment, _("vonnis"), (
        "date", "decision", "eviction_allowed_from", "served_on", "eviction_date", "note",
    )),
    (OcmwAction, _("actie van het OCMW"), ("kind", "date", "consent", "note")),
)  # fmt: skip


def export(scope: Scope) -> Exported:
    result = Exported()
    for model, label, fields in PARTS:
        rows = model.objects.filter(dossier_id__in=scope.dossier_ids).select_related("dossier")
        for row, record in zip(rows, personal_data.records(rows, fields), strict=True):
            result.records.append(
                {"soort gegevens": str(label), "dossier": row.dossier.number, **record}
            )
    return result


def erase(scope: Scope) -> Erased:
    for model, _label, _fields in PARTS:
        model.objects.filter(dossier_id__in=scope.dossier_ids).update(note="")
    return Erased()


personal_data.register(60, "eviction", _("Uithuiszetting"), export=export, erase=erase)
