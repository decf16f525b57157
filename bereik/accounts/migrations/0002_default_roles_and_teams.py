from django.db import migrations

ROLES = [
    "onthaal",
    "preventiewerker",
    "maatschappelijk_werker",
    "lac_voorzitter",
    "energiecel",
    "ervaringsdeskundige",
    "diensthoofd",
    "beheerder",
]

TEAMS = [
    ("onthaalteam", "Onthaalteam", "Eerste contacten, rechtenonderzoek, steunaanvragen zonder traject."),
    ("sociale_dienst", "Sociale Dienst", "Maatschappelijk werkers die cliënten begeleiden."),
    ("trajectbegeleiding", "Trajectbegeleiding", "Intensieve hulp: schuldhulpverlening, arbeidstrajectbegeleiding, budgetbeheer."),
    ("schuldbemiddeling", "Schuldbemiddeling", "Schuldbemiddeling en collectieve schuldenregeling."),
    ("energiecel", "Energie- en Watercel", "Backoffice voor energie- en waterdossiers."),
]


def create(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Team = apps.get_model("accounts", "Team")
    for code in ROLES:
        Role.objects.get_or_create(code=code)
    for code, name, description in TEAMS:
        Team.objects.get_or_create(code=code, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
