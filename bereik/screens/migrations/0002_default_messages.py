"""The two messages every installation starts with (issue 13): the free water scan (the seed's
waiting-room message) and the office hours (its text left empty: the screen shows the
organisation's office hours from Beheer → Organisatie)."""

from django.db import migrations

WATER_SCAN = {
    "kind": "waterscan",
    "title": "Gratis waterscan?",
    "text": (
        "Is je waterfactuur veel hoger dan vroeger, of lekt er een kraan of toilet? "
        "Misschien heb je recht op een gratis waterscan. "
        "Vraag het aan je maatschappelijk werker."
    ),
    "position": 10,
}
OFFICE_HOURS = {"kind": "openingsuren", "title": "Openingsuren", "text": "", "position": 20}


def create_defaults(apps, schema_editor):
    ScreenMessage = apps.get_model("screens", "ScreenMessage")
    for values in (WATER_SCAN, OFFICE_HOURS):
        if not ScreenMessage.objects.filter(kind=values["kind"]).exists():
            ScreenMessage.objects.create(**values)


class Migration(migrations.Migration):
    dependencies = [("screens", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
