"""The daily overview (cron, each morning after `dossier_alerts` and `followup_daily`): one mail
per user with the unread notifications of the kinds they get that way. Running it twice sends
nothing twice."""

from django.core.management.base import BaseCommand

from bereik.accounts import actions


class Command(BaseCommand):
    help = (
        "Stuurt elke gebruiker het dagelijkse overzicht van zijn ongelezen meldingen "
        "(dagelijks uit te voeren; meermaals uitvoeren stuurt niets dubbel)."
    )

    def handle(self, *args, **options):
        count = actions.digests_send(actor=None)
        self.stdout.write(f"Dagelijkse overzichten: {count} e-mail(s) in de wachtrij.")
