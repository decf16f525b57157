"""The morning's alerts (cron, before `notifications_digest`): deadline near and the household
not reached, volgende stap overdue, task due. Each alert is made once: running it twice makes
nothing twice."""

from django.core.management.base import BaseCommand

from bereik.accounts.models import Notification
from bereik.dossiers.actions import dossier_alerts_send


class Command(BaseCommand):
    help = (
        "Meldt wat vandaag aandacht vraagt: termijn nadert en nog niet bereikt, volgende stap "
        "over tijd, taken te doen (dagelijks uit te voeren; meermaals uitvoeren meldt niets "
        "dubbel)."
    )

    def handle(self, *args, **options):
        counts = dossier_alerts_send(actor=None)
        labels = dict(Notification.Kind.choices)
        if not counts:
            self.stdout.write("Geen nieuwe meldingen.")
        for kind, count in counts.items():
            self.stdout.write(f"{labels[kind]}: {count} nieuwe melding(en).")
