"""The outbox's safety net (cron, every few minutes): send what the task worker has not sent
yet (queued, a retry whose time came, stuck while sending). The worker normally does it."""

from django.core.management.base import BaseCommand

from bereik.accounts import actions


class Command(BaseCommand):
    help = (
        "Verstuurt de e-mails die nog in de wachtrij staan of aan een nieuwe poging toe zijn "
        "(het vangnet naast de achtergrondtaak)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Zet ze in de wachtrij van de achtergrondtaak in plaats van ze hier te versturen.",
        )

    def handle(self, *args, enqueue=False, **options):
        count = actions.mails_send_due(enqueue=enqueue)
        verb = "in de wachtrij gezet" if enqueue else "verstuurd (of opnieuw gepland)"
        self.stdout.write(f"E-mails {verb}: {count}.")
