# The matching and triage models moved here from the clients app. Their tables already exist
# (made by clients.0002_matching_triage): this migration only tells Django's model state; the
# next one gives the tables this app's names.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clients", "0002_matching_triage"),
        ("dossiers", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Triage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("match_status", models.CharField(blank=True, choices=[("gekoppeld", "gekoppeld"), ("te_bevestigen", "te bevestigen"), ("nieuw", "nieuw voor het OCMW")], db_index=True, max_length=20, verbose_name="koppeling")),
                ("method", models.CharField(blank=True, choices=[("insz", "INSZ"), ("automatisch", "automatisch (naam en adres)"), ("bevestigd", "bevestigd"), ("manueel", "met de hand gekoppeld"), ("nieuwe_client", "nieuwe cliënt aangemaakt vanuit het dossier")], max_length=20, verbose_name="gekoppeld via")),
                ("score", models.FloatField(blank=True, null=True, verbose_name="score")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="beslist op")),
                ("matched_at", models.DateTimeField(blank=True, null=True, verbose_name="laatst gezocht op")),
                ("route_by_hand", models.BooleanField(default=False, verbose_name="route met de hand gekozen")),
                ("assigned_by_hand", models.BooleanField(default=False, verbose_name="met de hand toegewezen")),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="beslist door")),
                ("dossier", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="triage", to="dossiers.dossier")),
            ],
            options={
                "verbose_name": "triage",
                "verbose_name_plural": "triages",
                "db_table": "clients_triage",
            },
        ),
        migrations.CreateModel(
            name="Consultation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("requested_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("outcome", models.CharField(blank=True, choices=[("voormalig_mw", "De vroegere maatschappelijk werker neemt contact op"), ("preventiewerker", "De preventiewerker volgt op zoals in route C")], max_length=20, verbose_name="uitkomst")),
                ("notes", models.TextField(blank=True, verbose_name="verslag van het overleg")),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("dossier", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="consultations", to="dossiers.dossier")),
                ("former_worker", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="vroegere maatschappelijk werker")),
                ("preventiewerker", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="preventiewerker")),
            ],
            options={
                "verbose_name": "overleg",
                "verbose_name_plural": "overleggen",
                "ordering": ["-requested_at", "-id"],
                "db_table": "clients_consultation",
                "indexes": [
                    models.Index(fields=["decided_at", "dossier"], name="clients_con_decided_a34198_idx"),
                    models.Index(fields=["former_worker", "decided_at"], name="clients_con_former__04e100_idx"),
                ],
            },
        ),
        migrations.CreateModel(
            name="MatchCandidate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.FloatField(verbose_name="score")),
                ("details", models.JSONField(blank=True, default=dict)),
                ("rejected_at", models.DateTimeField(blank=True, null=True)),
                ("client", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="clients.client")),
                ("rejected_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("triage", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="candidates", to="triage.triage")),
            ],
            options={
                "ordering": ["-score", "id"],
                "db_table": "clients_matchcandidate",
                "constraints": [models.UniqueConstraint(fields=("triage", "client"), name="unique_match_candidate")],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])
    ]
