from django.core.management.base import BaseCommand

from bereik.weekly.letter_templates import write_default


class Command(BaseCommand):
    help = "Write the default template of the request for a free water scan (DOCX)."

    def handle(self, *args, **options):
        self.stdout.write(f"Written: {write_default().name}")
