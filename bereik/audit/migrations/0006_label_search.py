"""The trail's person search finds the name written on an event through a trigram index
(bereik/audit/subjects.py `LABELS`, ADR 0029): on SQLite an FTS5 table kept by triggers, on
PostgreSQL a trigram GIN index. A `LIKE '%name%'` read every event, and a trail holds millions."""

from django.db import migrations

from bereik.lib.sqlite_fts import TrigramIndex

LABELS = TrigramIndex("audit_label_search", "audit_auditevent", ("subject_label",))


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_subjects")]
    operations = [LABELS.operation()]
