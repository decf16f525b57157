"""An overleg still open on a closed dossier ends (ADR 0031: the former worker's access ends with
the overleg, and a closed dossier needs no overleg); its timeline says so, as when a dossier is
closed now."""

from django.db import migrations
from django.utils import timezone

REASON = "Het dossier is afgesloten."


def end_overleggen(apps, schema_editor):
    Consultation = apps.get_model("triage", "Consultation")
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    now = timezone.now()
    open_ones = Consultation.objects.filter(decided_at=None, dossier__status="afgesloten")
    dossier_ids = list(open_ones.values_list("dossier_id", flat=True))
    if not dossier_ids:
        return
    open_ones.update(decided_at=now, notes=REASON)
    DossierEvent.objects.bulk_create(
        DossierEvent(
            dossier_id=pk, at=now, kind="overleg", summary="Overleg vervallen", text=REASON
        )
        for pk in dossier_ids
    )


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0004_dossier_to_confirm"),
        ("dossiers", "0012_to_confirm"),
    ]

    operations = [migrations.RunPython(end_overleggen, migrations.RunPython.noop, elidable=True)]
