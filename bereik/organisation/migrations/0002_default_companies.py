from django.db import migrations

COMPANIES = [
    ("De Watergroep", "water"),
    ("Farys", "water"),
    ("Pidpa", "water"),
    ("Water-link", "water"),
    ("AGSO Knokke-Heist", "water"),
    ("IWVA", "water"),
    ("Fluvius", "energie"),
]


def create(apps, schema_editor):
    Company = apps.get_model("organisation", "Company")
    for name, kind in COMPANIES:
        Company.objects.get_or_create(name=name, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
