"""The register's list and search read indexes (bereik/clients/search.py, ADR 0029): the list's
order (name, first name, id), the client number in upper case (searched in any case), and a
trigram index on the names (on SQLite an FTS5 table kept by
triggers, made last: a table SQLite remakes loses its triggers). The postcode's own index goes:
(postcode, name_key) serves a lookup by postcode alone."""

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Upper

from bereik.lib.sqlite_fts import TrigramIndex

NAMES = TrigramIndex("client_search", "clients_client", ("last_name", "first_name"))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_protected_customer"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="client",
            name="postcode",
            field=models.CharField(blank=True, max_length=10, verbose_name="postcode"),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["last_name", "first_name", "id"], name="client_name_order"),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(Upper("client_number"), name="client_number_upper"),
        ),
        NAMES.operation(),
    ]
