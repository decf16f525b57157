"""The weekly app's part of what Bereik holds about a person (`dossiers/personal_data.py`): the
water use noted on a dossier and the water-scan suggestions with the worker's decision. The
weekly report's lines themselves are signals and import rows (the dossiers' and the intake's
parts); the digests and their read marks name staff only, no household.

No figure counts either: retention deletes the water use of the erased dossiers and the
suggestions of the erased dossiers, signals and clients (their key holds the customer number).
A suggestion of a register client still kept stays and only loses its link to the erased
dossier or signal."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, Scope
from bereik.weekly.models import ScanSuggestion, WaterUsage

USAGE_FIELDS = ("recorded_on", "m3_per_year", "people", "proposed_by", "note")
SUGGESTION_FIELDS = ("name", "customer_number", "status", "later_on", "decision_reason")


def _suggestions(scope: Scope, *, insz: bool) -> Q:
    found = (
        Q(client_id__in=scope.client_ids)
        | Q(dossier_id__in=scope.dossier_ids)
        | Q(signal_id__in=scope.signal_ids)
        | Q(signal__dossier_id__in=scope.dossier_ids)
    )
    if insz and scope.insz:
        found |= Q(signal__insz=scope.insz)
    return found


def _by(user) -> str | None:
    return user.get_full_name() or user.get_username() if user else None


def export(scope: Scope) -> Exported:
    usages = list(
        WaterUsage.objects.filter(dossier_id__in=scope.dossier_ids).select_related(
            "dossier", "recorded_by"
        )
    )
    suggestions = list(
        ScanSuggestion.objects.filter(_suggestions(scope, insz=True)).select_related(
            "company", "decided_by"
        )
    )
    # The fields without a Dutch label of their own are added as shown on the pages.
    usage_records = personal_data.labelled(_("waterverbruik"), usages, USAGE_FIELDS)
    for usage, record in zip(usages, usage_records, strict=True):
        record[str(_("genoteerd door"))] = _by(usage.recorded_by)
    suggestion_records = personal_data.labelled(
        _("waterscan-suggestie"), suggestions, SUGGESTION_FIELDS, dossier=False
    )
    for suggestion, record in zip(suggestions, suggestion_records, strict=True):
        extra = {
            _("maatschappij"): str(suggestion.company) if suggestion.company_id else None,
            _("gronden"): ", ".join(suggestion.reason_labels),
            _("beslist door"): _by(suggestion.decided_by),
            _("voorgesteld op"): timezone.localtime(suggestion.created_at).strftime(
                "%Y-%m-%d %H:%M"
            ),
        }
        record.update({str(label): value for label, value in extra.items() if value})
    return Exported(records=[*usage_records, *suggestion_records])


def erase(scope: Scope) -> Erased:
    usages = WaterUsage.objects.filter(dossier_id__in=scope.dossier_ids).delete()[0]
    suggestions = ScanSuggestion.objects.filter(_suggestions(scope, insz=False))
    kept = list(
        suggestions.exclude(client_id=None)
        .exclude(client_id__in=scope.client_ids)
        .values_list("pk", flat=True)
    )
    deleted = suggestions.exclude(pk__in=kept).delete()[0]
    kept_rows = ScanSuggestion.objects.filter(pk__in=kept)
    kept_rows.filter(dossier_id__in=scope.dossier_ids).update(dossier=None)
    kept_rows.filter(
        Q(signal_id__in=scope.signal_ids) | Q(signal__dossier_id__in=scope.dossier_ids)
    ).update(signal=None)
    return Erased(counts={"water_usages": usages, "scan_suggestions": deleted})


personal_data.register(87, "weekly", _("Waterverbruik en waterscans"), export=export, erase=erase)
