"""The query planner's statistics (ANALYZE), after a large import and nightly (cron): without
them SQLite reads the worklists through the wrong index (`bereik/lib/dbstats.py`)."""

from django.core.management.base import BaseCommand, CommandError

from bereik.lib import dbstats


class Command(BaseCommand):
    help = "Werkt de statistieken van de database bij (na een grote import en elke nacht)."

    def handle(self, *args, **options):
        if not dbstats.refresh():
            raise CommandError("De database is bezig; probeer het later opnieuw.")
        self.stdout.write("Statistieken bijgewerkt.")
