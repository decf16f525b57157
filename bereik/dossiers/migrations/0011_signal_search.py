"""The trail's person search finds signals by name through a trigram index
(bereik/dossiers/search.py `SIGNALS`, ADR 0029): on SQLite an FTS5 table kept by triggers, on
PostgreSQL trigram GIN indexes."""

from django.db import migrations

from bereik.lib.sqlite_fts import TrigramIndex

NAMES = TrigramIndex("signal_search", "dossiers_signal", ("last_name", "first_name"))


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0010_search_index")]
    operations = [NAMES.operation()]
