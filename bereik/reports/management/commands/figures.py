"""The figures from the command line, for scripts and checks: the same figures as the Cijfers page
(all dossiers, with the breakdown per worker), for a period compared with the same days a year
earlier.

    python manage.py figures [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

Without dates: this year up to today. `--json` prints `opened`, `reached`,
`reached_before_deadline`, `not_reached` and `reach_rate` (reached / opened, a fraction), the same
per `route`, `kind`, `company`, `worker` and `team`, per month, the durations and every other
table. Reading the figures per worker is recorded in the audit trail.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bereik.lib.documents import format_number, format_percent
from bereik.reports import periods, serialize
from bereik.reports.figures import compute
from bereik.reports.reads import record_workers_read
from bereik.reports.scope import ALL, PARTS, Scope


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Geen datum (JJJJ-MM-DD): {text}", returncode=2) from exc


class Command(BaseCommand):
    help = "Toon de cijfers (bereik, contact, hulp, LAC, uitkomsten) van een periode."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="first", help="eerste dag (JJJJ-MM-DD); standaard 1 januari"
        )
        parser.add_argument("--to", dest="last", help="laatste dag (JJJJ-MM-DD); standaard vandaag")
        parser.add_argument("--json", action="store_true", help="als JSON, voor scripts")

    def handle(self, *args, **options):
        today = timezone.localdate()
        last = _date(options["last"]) if options["last"] else today
        first = _date(options["first"]) if options["first"] else last.replace(month=1, day=1)
        if last < first:
            raise CommandError("--to valt vóór --from.", returncode=2)
        if first > today:
            raise CommandError("De periode begint na vandaag.", returncode=2)
        period = periods.between(first, last)
        scope = Scope(ALL, PARTS, per_worker=True, small_numbers=True)
        figures = compute(scope, period, per_worker=True)
        record_workers_read(None, period, purpose="manage.py figures")
        data = serialize.as_data(figures)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self._text(data)

    def _text(self, data):
        out = self.stdout.write

        def reach(values):
            rate = values["reach_rate"]
            shown = format_percent(100 * rate) if rate is not None else "–"
            return (
                f"{format_number(values['opened'])} geopend, {format_number(values['reached'])} "
                f"bereikt ({shown}), {format_number(values['reached_before_deadline'])} vóór de "
                f"termijn"
            )

        period, previous = data["period"], data["previous_period"]
        out(f"Cijfers van {period['from']} tot en met {period['to']}")
        out(f"  {reach(data)}")
        out(f"  een jaar eerder ({previous['from']} – {previous['to']}): {reach(data['previous'])}")
        for name, title in (
            ("route", "Per route"),
            ("kind", "Per soort"),
            ("company", "Per maatschappij"),
            ("team", "Per team"),
            ("worker", "Per medewerker"),
        ):
            out("")
            out(title)
            for row in data[name]:
                out(f"  {row['label']}: {reach(row)}")
        for key, label in (("eerste_poging", "eerste poging"), ("bereikt", "bereikt")):
            durations = data["durations"].get(key)
            if durations:
                out("")
                out(
                    f"Dagen tot {label}: mediaan {durations['median_days']}, 90ste percentiel "
                    f"{durations['p90_days']} ({durations['measured']} dossiers)"
                )
        for table in data["tables"].values():
            out("")
            out(table["title"])
            for row in table["rows"]:
                values = ", ".join(
                    f"{header}: {self._value(value)}"
                    for header, value in zip(table["headers"], row["values"], strict=True)
                )
                out(f"  {row['label']}: {values}")

    @staticmethod
    def _value(value):
        if value is None:
            return "–"
        if isinstance(value, float):
            return format_number(value, 1)
        return format_number(value)
