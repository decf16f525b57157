"""The weekly digest of the companies' weekly reports: every social worker and the preventiewerker
get the week's lines about the clients they follow first, and the rest of the report after (in
the app, and by a short mail with a link as each chose). Scheduled once a week (cron, or the task
`weekly_digest_task` on the worker); a week is sent once.

    python manage.py weekly_digest [--week YYYY-Www] [--dry-run] [--json]

`--week`: the ISO week in which the reports came in (default: the current week). `--dry-run`:
send nothing. `--json`: per recipient (username) their own lines (customer number, action, date,
protected) and the count of the others, the lines nobody follows, and the week's water-scan
suggestions.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from bereik.clients.models import Client
from bereik.weekly import actions, rules


class Command(BaseCommand):
    help = "Stuur het weekoverzicht van het weekrapport naar de maatschappelijk werkers."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO-week, bv. 2026-W48; standaard deze week")
        parser.add_argument("--dry-run", action="store_true", help="niets versturen")
        parser.add_argument("--json", action="store_true", help="het overzicht als JSON")

    def handle(self, *args, **options):
        try:
            week = rules.parse_week(options["week"]) if options["week"] else rules.current_week()
        except ValueError as exc:
            raise CommandError(
                f"Geen week (JJJJ-Www, bv. 2026-W48): {options['week']}", returncode=2
            ) from exc
        found = rules.digest(week)
        sent = None
        if not options["dry_run"]:
            sent = actions.digest_send(week)
        summary = summarise(found, sent, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"Week {week}: {summary['lines']} lijnen, {len(summary['recipients'])} ontvangers, "
            f"{len(summary['unfollowed'])} lijnen die niemand volgt, "
            f"{len(summary['water_scan_suggestions'])} waterscan-suggesties."
        )
        if options["dry_run"]:
            self.stdout.write("Proefdraai: niets verstuurd.")
        elif sent is None:
            self.stdout.write("Niets verstuurd (al verstuurd, of geen weekrapport deze week).")
        else:
            self.stdout.write(f"Verstuurd naar {sent.recipients} ontvangers.")


def _line(line) -> dict:
    return {
        "customer_number": line.customer_number,
        "action": line.measure,
        "date": line.reference_date.isoformat() if line.reference_date else None,
        "protected": line.protected_customer,
    }


def summarise(found, sent, *, dry_run: bool) -> dict:
    recipients = {}
    for user in rules.recipients():
        own, others = found.split(user.pk)
        recipients[user.username] = {"own": [_line(line) for line in own], "others": len(others)}
    items = rules.week_suggestions(found.week)
    numbers = dict(
        Client.objects.filter(pk__in=[i.client_id for i in items if i.client_id]).values_list(
            "pk", "client_number"
        )
    )
    suggestions = [
        {
            "customer_number": item.customer_number,
            "client_number": numbers.get(item.client_id),
            "reasons": sorted(item.reasons),
        }
        for item in items
    ]
    return {
        "week": found.week,
        "dry_run": dry_run,
        "sent": sent is not None,
        "lines": len(found.lines),
        "recipients": recipients,
        "unfollowed": [_line(line) for line in found.unfollowed],
        "water_scan_suggestions": suggestions,
    }
