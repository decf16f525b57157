"""The worklists' search reads an index (bereik/dossiers/search.py, ADR 0029): on SQLite an FTS5
trigram table kept by triggers, on PostgreSQL trigram GIN indexes (pg_trgm). When the
PostgreSQL user may not create the extension, the search keeps working without the indexes
(slower) and the migration says so."""

from django.db import migrations, transaction

from bereik.lib import sqlite_fts

COLUMNS = ("last_name", "first_name", "number", "customer_number")

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE dossier_search USING fts5(
        last_name, first_name, number, customer_number,
        content='dossiers_dossier', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossiers_dossier BEGIN
        INSERT INTO dossier_search(rowid, last_name, first_name, number, customer_number)
        VALUES (new.id, new.last_name, new.first_name, new.number, new.customer_number);
    END""",
    """CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossiers_dossier BEGIN
        INSERT INTO dossier_search(
            dossier_search, rowid, last_name, first_name, number, customer_number)
        VALUES ('delete', old.id, old.last_name, old.first_name, old.number, old.customer_number);
    END""",
    """CREATE TRIGGER dossier_search_update
        AFTER UPDATE OF last_name, first_name, number, customer_number ON dossiers_dossier BEGIN
        INSERT INTO dossier_search(
            dossier_search, rowid, last_name, first_name, number, customer_number)
        VALUES ('delete', old.id, old.last_name, old.first_name, old.number, old.customer_number);
        INSERT INTO dossier_search(rowid, last_name, first_name, number, customer_number)
        VALUES (new.id, new.last_name, new.first_name, new.number, new.customer_number);
    END""",
    "INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS dossier_search_insert",
    "DROP TRIGGER IF EXISTS dossier_search_delete",
    "DROP TRIGGER IF EXISTS dossier_search_update",
    "DROP TABLE IF EXISTS dossier_search",
]
PG_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS dossier_search_{c} ON dossiers_dossier "
    f'USING gin ((UPPER("{c}"::text)) gin_trgm_ops)'
    for c in COLUMNS
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        if not sqlite_fts.trigram_available():
            print(  # noqa: T201 - shown by migrate
                "\n  This SQLite has no FTS5 trigram tokenizer (SQLite 3.34 or later has it): "
                "the search works without its index."
            )
            return
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as error:  # noqa: BLE001 - a missing right, reported, not fatal
            print(  # noqa: T201 - shown by migrate
                "\n  The search works without its index: this database user may not create "
                f"the extension pg_trgm ({error}). Ask the database administrator to run "
                "CREATE EXTENSION pg_trgm;, then manage.py migrate dossiers 0009 and "
                "manage.py migrate."
            )
            return
        for sql in PG_INDEXES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for c in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS dossier_search_{c}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0009_deadline_order_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
