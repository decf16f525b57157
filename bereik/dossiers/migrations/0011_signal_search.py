"""The trail's person search finds signals by name through a trigram index
(bereik/dossiers/search.py `SIGNALS`, ADR 0029): on SQLite an FTS5 table kept by triggers, on
PostgreSQL trigram GIN indexes."""

from django.db import migrations

from bereik.lib.sqlite_fts import TrigramIndex

NAMES = TrigramIndex("signal_search", "dossiers_signal", ("last_name", "first_name"))


def forwards(apps, schema_editor):
    NAMES.forwards(schema_editor)


def backwards(apps, schema_editor):
    NAMES.backwards(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0010_search_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
