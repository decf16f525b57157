from django.core.management.base import BaseCommand

from bereik.lac.letter_templates import write_defaults


class Command(BaseCommand):
    help = "Write the default LAC decision-letter templates (DOCX) from the code that defines them."

    def handle(self, *args, **options):
        for path in write_defaults():
            self.stdout.write(f"Written: {path.name}")
