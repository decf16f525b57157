"""The follow-up's part of what Bereik holds about a person (`dossiers/personal_data.py`): the
help once reached. Retention keeps what the figures count (arrangements and their amounts,
rights checked, support requests and their decisions, referrals, water scans, closings and
their outcome), empties the free text, and deletes the sociaal verslag and the documents (with
their files)."""

from django.utils.translation import gettext_lazy as _

from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Exported, ExportFile, Scope
from bereik.followup.models import (
    Closure,
    Document,
    ExternalReferral,
    InternalReferral,
    Proposal,
    RightCheck,
    SocialReport,
    SupportRequest,
    WaterScan,
)

PARTS = (
    (Proposal, _("voorstel en terugkoppeling"), (
        "created_at", "conversation_date", "lac_options_discussed", "brochure_discussed",
        "arrangement", "amount_per_month", "months", "start_date", "arrangement_text",
        "client_agrees", "intensive_help_needed", "feedback", "author",
    )),
    (SocialReport, _("sociaal verslag"), ("created_at", "version", "text", "author")),
    (RightCheck, _("rechtenonderzoek"), ("item", "status", "note", "updated_at")),
    (SupportRequest, _("steunaanvraag"), (
        "created_at", "amount", "purpose", "submitted_on", "in_trajectory", "decision",
        "decision_date", "decision_note",
    )),
    (InternalReferral, _("interne doorverwijzing"), (
        "created_at", "to_team", "from_team", "help_kind", "reason", "status", "decided_at",
        "return_reason",
    )),
    (ExternalReferral, _("warme overdracht"), (
        "created_at", "organisation", "contact_person", "contact_details", "referred_on",
        "meeting_date", "reason", "status", "confirmed_on", "confirmation_note",
    )),
    (WaterScan, _("waterscan"), ("requested_on", "status", "done_on", "result")),
    (Document, _("document"), ("created_at", "original_name", "kind", "size", "description")),
    (Closure, _("afsluiting"), ("outcome", "note", "closed_at", "reopened_at", "reopen_reason")),
)  # fmt: skip


def export(scope: Scope) -> Exported:
    result = Exported()
    for model, label, fields in PARTS:
        rows = model.objects.filter(dossier_id__in=scope.dossier_ids).select_related("dossier")
        for row, record in zip(rows, personal_data.records(rows, fields), strict=True):
            result.records.append(
                {"soort gegevens": str(label), "dossier": row.dossier.number, **record}
            )
    documents = Document.objects.filter(dossier_id__in=scope.dossier_ids).select_related("dossier")
    for document in documents:
        name = f"{document.dossier.number}-{document.pk}-{document.original_name}"
        result.files.append(ExportFile("documenten", name, document.file))
    return result


def erase(scope: Scope) -> Erased:
    ids = scope.dossier_ids
    Proposal.objects.filter(dossier_id__in=ids).update(arrangement_text="", feedback="")
    reports = SocialReport.objects.filter(dossier_id__in=ids).delete()[0]
    RightCheck.objects.filter(dossier_id__in=ids).update(note="")
    SupportRequest.objects.filter(dossier_id__in=ids).update(decision_note="")
    InternalReferral.objects.filter(dossier_id__in=ids).update(reason="", return_reason="")
    ExternalReferral.objects.filter(dossier_id__in=ids).update(
        contact_person="", contact_details="", reason="", confirmation_note=""
    )
    WaterScan.objects.filter(dossier_id__in=ids).update(result="")
    Closure.objects.filter(dossier_id__in=ids).update(note="", reopen_reason="")
    documents = Document.objects.filter(dossier_id__in=ids)
    files = personal_data.file_names(documents)
    deleted = documents.delete()[0]
    return Erased(counts={"documents": deleted, "social_reports": reports}, files=files)


personal_data.register(50, "followup", _("Hulp en opvolging"), export=export, erase=erase)
