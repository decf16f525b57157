# Triage, MatchCandidate and Consultation moved to the triage app (triage.0001_initial takes over
# their tables): only Django's model state changes here, no data moves.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_matching_triage"),
        ("triage", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MatchCandidate"),
                migrations.DeleteModel(name="Consultation"),
                migrations.DeleteModel(name="Triage"),
            ],
            database_operations=[],
        )
    ]
