"""The follow-up's daily job (cron): reminder tasks for unconfirmed warm handovers and aftercare
tasks for closed dossiers. Safe to run more than once a day: nothing is created twice."""

from django.core.management.base import BaseCommand

from bereik.followup import actions


class Command(BaseCommand):
    help = (
        "Maakt taken aan voor warme overdrachten zonder bevestiging en voor nazorg na afsluiting "
        "(dagelijks uit te voeren; meermaals uitvoeren maakt niets dubbel)."
    )

    def handle(self, *args, **options):
        reminders = actions.handover_reminders_create(actor=None)
        aftercare = actions.aftercare_tasks_create(actor=None)
        self.stdout.write(
            f"Warme overdrachten zonder bevestiging: {len(reminders)} nieuwe taak/taken. "
            f"Nazorg: {len(aftercare)} nieuwe taak/taken."
        )
