from django.core.management.base import BaseCommand
from django.utils import timezone

from bereik.audit import retention
from bereik.audit.actions import audit_prune, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete audit events older than the retention period of the organisation settings "
        "(bewaartermijn toegangslog). Run it daily or monthly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        years = retention.years()
        before = retention_cutoff(timezone.now(), years)
        count = audit_prune(before=before, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{count} audit events older than {before:%Y-%m-%d} ({years} years) {verb}."
        )
