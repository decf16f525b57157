from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0002 so that PostgreSQL builds the unique index after the fill has committed."""

    dependencies = [
        ("audit", "0002_chain"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                editable=False, unique=True, verbose_name="volgnummer"
            ),
        ),
    ]
