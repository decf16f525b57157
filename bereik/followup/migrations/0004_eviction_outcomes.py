"""How an eviction can end: outcome codes for woonst dossiers (the beheerder edits them after)."""

from django.db import migrations

# (code, label)
EVICTION_OUTCOMES = [
    ("uithuiszetting_vermeden_plan", "Uithuiszetting vermeden met een afbetalingsplan"),
    ("vrijwillig_vertrokken", "Vrijwillig vertrokken"),
    ("uitgezet", "Uithuiszetting uitgevoerd"),
    ("herhuisvest", "Herhuisvest"),
    ("afloop_onbekend", "Afloop onbekend"),
]


def create(apps, schema_editor):
    OutcomeCode = apps.get_model("followup", "OutcomeCode")
    for order, (code, name) in enumerate(EVICTION_OUTCOMES, start=1):
        OutcomeCode.objects.get_or_create(
            code=code, defaults={"name": name, "order": 200 + order * 10, "dossier_kind": "woonst"}
        )


def remove(apps, schema_editor):
    OutcomeCode = apps.get_model("followup", "OutcomeCode")
    codes = [code for code, _name in EVICTION_OUTCOMES]
    # Only the codes no closing used: a used code stays (dossiers refer to it).
    OutcomeCode.objects.filter(code__in=codes, closures__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("followup", "0003_outcomes_per_dossier_kind")]

    operations = [migrations.RunPython(create, remove)]
