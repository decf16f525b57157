"""Water scans, notes and documents on a dossier."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.followup.models import Document, WaterScan
from bereik.followup.rules import check_restriction, check_upload

# --- Water scan --------------------------------------------------------------------------------


@transaction.atomic
def water_scan_request(dossier: Dossier, *, requested_on: datetime.date, actor) -> WaterScan:
    if dossier.water_scans.filter(status=WaterScan.Status.REQUESTED).exists():
        raise ValidationError(_("Er is al een waterscan aangevraagd die nog niet uitgevoerd is."))
    scan = WaterScan.objects.create(dossier=dossier, requested_on=requested_on, requested_by=actor)
    dossier_log(
        dossier,
        "waterscan",
        _("Waterscan aangevraagd (%(date)s)") % {"date": f"{requested_on:%d/%m/%Y}"},
        actor=actor,
        data={"waterscan": scan.pk},
    )
    audit.record("waterscan.request", actor=actor, obj=scan)
    return scan


@transaction.atomic
def water_scan_record(
    scan: WaterScan, *, status: str, done_on: datetime.date | None, result: str = "", actor
) -> WaterScan:
    if status == WaterScan.Status.DONE and done_on is None:
        raise ValidationError({"done_on": _("Geef de datum waarop de scan uitgevoerd werd.")})
    if status not in (WaterScan.Status.DONE, WaterScan.Status.CANCELLED):
        raise ValidationError({"status": _("Kies 'uitgevoerd' of 'geannuleerd'.")})
    scan.status, scan.done_on, scan.result = status, done_on, result
    scan.save(update_fields=["status", "done_on", "result"])
    dossier_log(
        scan.dossier,
        "waterscan",
        _("Waterscan %(status)s") % {"status": scan.get_status_display()},
        actor=actor,
        text=result,
        data={"waterscan": scan.pk},
    )
    audit.record("waterscan.record", actor=actor, obj=scan, details={"status": status})
    return scan


# --- Notes and documents -----------------------------------------------------------------------


@transaction.atomic
def note_add(dossier: Dossier, *, text: str, restricted_to_team=None, actor):
    """A note on the timeline, optionally visible only to the writer's team."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("De notitie is leeg.")})
    check_restriction(restricted_to_team, actor)
    first_line = text.splitlines()[0]
    summary = first_line if len(first_line) <= 120 else first_line[:119] + "…"
    event = dossier_log(
        dossier,
        "note",
        summary,
        actor=actor,
        text=text,
        restricted_to_team=restricted_to_team,
    )
    audit.record(
        "note.add",
        actor=actor,
        obj=dossier,
        details={"event": event.pk, "restricted": bool(restricted_to_team)},
    )
    return event


@transaction.atomic
def document_add(
    dossier: Dossier, *, upload, description: str = "", restricted_to_team=None, actor
) -> Document:
    kind = check_upload(upload)
    check_restriction(restricted_to_team, actor)
    original = upload.name.replace("\\", "/").rsplit("/", 1)[-1][:255]
    document = Document(
        dossier=dossier,
        original_name=original,
        kind=kind,
        size=upload.size,
        description=description,
        restricted_to_team=restricted_to_team,
        uploaded_by=actor,
    )
    document.file.save(original, upload, save=False)
    try:
        document.save()
        dossier_log(
            dossier,
            "document",
            _("Document toegevoegd: %(name)s") % {"name": original},
            actor=actor,
            text=description,
            restricted_to_team=restricted_to_team,
            data={"document": document.pk},
        )
        audit.record("document.add", actor=actor, obj=document, details={"kind": kind})
    except Exception:
        # Nothing half-stored: no file on disk without its row.
        document.file.delete(save=False)
        raise
    return document
