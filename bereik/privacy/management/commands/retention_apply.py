import json

from django.core.management.base import BaseCommand

from bereik.privacy.actions import retention_apply


class Command(BaseCommand):
    help = (
        "Anonymise the closed dossiers past their kind's retention period and delete the clients, "
        "documents, letters' files and imported files that go with them (Beheer → "
        "Bewaartermijnen). Run it daily from cron; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, dry_run=False, json=False, **options):
        result = retention_apply(dry_run=dry_run)
        if json:
            self.stdout.write(_json(result))
            return
        verb = "would be" if dry_run else "were"
        self.stdout.write(f"Retention periods (years): {_pairs(result.periods)}")
        self.stdout.write(
            f"Rows that {verb} anonymised or deleted: {_pairs(result.counts) or 'none'}"
        )
        self.stdout.write(f"Stored files that {verb} removed: {result.files}")


def _pairs(values: dict) -> str:
    return ", ".join(f"{key} {value}" for key, value in values.items() if value)


def _json(result) -> str:
    return json.dumps(
        {"dry_run": result.dry_run, "periods": result.periods, "counts": result.counts,
         "files": result.files},
        indent=2,
    )  # fmt: skip
