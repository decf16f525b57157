from django.db import migrations, models

from bereik.audit import hashing


def fill_chain(apps, schema_editor):
    """Link the events written before the chain, oldest first (by id), and set the head."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChain = apps.get_model("audit", "AuditChain")
    prev, seq, batch = hashing.GENESIS, 0, []
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        event.seq = seq
        event.details = hashing.normalise_details(event.details)
        event.prev_hash = prev
        event.hash = hashing.event_hash(event)
        prev = event.hash
        batch.append(event)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["seq", "details", "prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["seq", "details", "prev_hash", "hash"])
    AuditChain.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChain",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(default="0" * 64, max_length=64)),
                ("start_seq", models.PositiveBigIntegerField(default=1)),
                ("start_prev_hash", models.CharField(default="0" * 64, max_length=64)),
                ("restarted_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "keten van de toegangslog"},
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=None, editable=False, verbose_name="tijdstip"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, verbose_name="volgnummer"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="vorige hash"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_chain, migrations.RunPython.noop),
    ]
