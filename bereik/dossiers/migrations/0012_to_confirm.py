from django.conf import settings
from django.db import migrations, models


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE dossiers_dossier ADD COLUMN to_confirm bool NOT NULL DEFAULT 0"
        )
        return
    field = models.BooleanField(default=False, editable=False)
    field.set_attributes_from_name("to_confirm")
    schema_editor.add_field(apps.get_model("dossiers", "Dossier"), field)


def drop_column(apps, schema_editor):
    # The state this runs in, going back, has no such field: the column is named as it is.
    schema_editor.execute("ALTER TABLE dossiers_dossier DROP COLUMN to_confirm")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_mail_cancelled"),
        ("clients", "0005_register_search"),
        ("dossiers", "0011_signal_search"),
        ("organisation", "0003_winter_stop"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # On SQLite Django adds a NOT NULL column by making the table anew, which drops its
        # triggers (the search index's, 0010): the column is added in place there.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="dossier",
                    name="to_confirm",
                    field=models.BooleanField(default=False, editable=False),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("route", ""), ("to_confirm", False)),
                fields=["status"],
                name="dossier_untriaged",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("client__isnull", True), ("to_confirm", True)),
                fields=["status"],
                name="dossier_to_confirm",
            ),
        ),
    ]
