from django.core.management.base import BaseCommand

from bereik.outreach import default_letters


class Command(BaseCommand):
    help = "Write the default letter templates (DOCX) to bereik/outreach/letter_templates/."

    def handle(self, *args, **options):
        for path in default_letters.build_all():
            self.stdout.write(f"{path.name}")
