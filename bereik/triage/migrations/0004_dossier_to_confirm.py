"""The dossiers whose link waits for a confirmation say so themselves (`Dossier.to_confirm`)."""

from django.db import migrations


def mark_waiting(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    Triage = apps.get_model("triage", "Triage")
    waiting = Triage.objects.filter(match_status="te_bevestigen").values("dossier_id")
    Dossier.objects.filter(pk__in=waiting).update(to_confirm=True)


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0003_line_matches"),
        ("dossiers", "0012_to_confirm"),
    ]

    operations = [migrations.RunPython(mark_waiting, migrations.RunPython.noop, elidable=True)]
