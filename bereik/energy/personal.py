"""Energy's part of what Bereik holds about a person (`dossiers/personal_data.py`). Retention
keeps the decisions and the meter's status (counted by the figures), empties the notes."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.energy.models import MinimumSupply, SupplySituation

PARTS = (
    (MinimumSupply, _("minimale levering"), (
        "fuel", "decision", "decided_on", "start", "end", "power", "paid_by", "note",
    )),
    (SupplySituation, _("leveringssituatie"), (
        "recorded_on", "social_supplier", "meter", "meter_status", "note",
    )),
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


personal_data.register(70, "energy", _("Energie"), export=export, erase=erase)
