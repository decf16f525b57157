from django.core.management.base import BaseCommand

from bereik.audit import reads


class Command(BaseCommand):
    help = (
        "Write the read events that were kept aside because the database was busy when the page "
        "was shown (ADR 0026). Run it every few minutes from cron; the next page does it too."
    )

    def handle(self, *args, **options):
        written = reads.drain()
        left = reads.pending_files()
        self.stdout.write(f"{written} read events written; {left} spool files still waiting.")
