import datetime

from django.core.management.base import BaseCommand, CommandError

from bereik.lac import actions


class Command(BaseCommand):
    help = (
        "Agenda aanvullen uit imports: put every dossier of a recent imported LAC list on the "
        "agenda of the session of its date (creating the session when needed), and let the "
        "preparers of coming sessions follow their dossier's worker. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help="Only lists for sessions on or after this date (YYYY-MM-DD); default 30 days ago.",
        )

    def handle(self, *args, since=None, **options):
        if since:
            try:
                since = datetime.date.fromisoformat(since)
            except ValueError as exc:
                raise CommandError("--since must be a date like 2026-11-01") from exc
        result = actions.agenda_fill_from_imports(actor=None, since=since)
        for session in result.sessions_created:
            self.stdout.write(f"New session: {session}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.placed)} placed, {result.already} already on an agenda, "
                f"{len(result.skipped)} skipped, {len(result.late)} after their legal deadline, "
                f"{len(result.preparers_changed)} preparers changed."
            )
        )
        for dossier, reason in result.skipped:
            self.stdout.write(f"  skipped {dossier.number}: {reason}")
        for dossier, session in result.not_placed_elsewhere:
            self.stdout.write(f"  not placed {dossier.number}: already on {session}")
