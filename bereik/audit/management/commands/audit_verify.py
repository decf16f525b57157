from django.core.management.base import BaseCommand, CommandError

from bereik.audit import chain


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain from where it starts (after pruning) to its head. "
        "Prints the first broken link and exits with status 1, or the head's hash (keep it "
        "elsewhere: a later run shows whether anything before it changed). Run it daily from cron."
    )

    def handle(self, *args, **options):
        verdict = chain.verify()
        if not verdict.ok:
            where = f"event #{verdict.broken_seq}"
            if verdict.broken_id is not None:
                where += f" (id {verdict.broken_id})"
            raise CommandError(
                f"Audit trail broken at {where}: {verdict.reason}. "
                f"{verdict.checked} events before it are intact."
            )
        span = f"#{verdict.first_seq} to #{verdict.last_seq}" if verdict.checked else "empty"
        self.stdout.write(
            f"Audit trail intact: {verdict.checked} events ({span}), head hash {verdict.head_hash}."
        )
