"""Import a company list from the command line (drop folders, cron): what the upload does.

    python manage.py import_signals FILE --kind lac-water --company "De Watergroep" \
        [--session-date 2026-12-08] [--on-other-session verplaatsen|beide|overslaan] \
        [--map "Klant=full_name" ...] [--dry-run] [--json]

`--on-other-session`: for a LAC list, what happens to households already on another open
session's agenda (without it they are not placed again, and the LAC reports them).

Exit status 0 when imported (rows with errors are listed, not imported); 1, storing nothing, when
the file can't be read, was imported before, or required fields can't be mapped.
"""

import datetime

from django.utils.translation import gettext as _

from bereik.intake import actions
from bereik.intake.commands import ImportCommand, overrides_from, unrecognised_line
from bereik.intake.placements import OnOtherSession
from bereik.intake.rules import ImportRefused
from bereik.intake.specs import SPECS
from bereik.organisation.models import Company


class Command(ImportCommand):
    help = "Importeer een lijst van een maatschappij als signalen (zoals opladen in Bereik)."

    def add_source_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(SPECS))
        parser.add_argument("--company", required=True, help="naam van de maatschappij")
        parser.add_argument(
            "--session-date", help="datum van de LAC-zitting (YYYY-MM-DD) als de lijst ze mist"
        )
        parser.add_argument(
            "--on-other-session",
            choices=OnOtherSession.values,
            help="LAC-lijst: gezinnen die al op een andere open zitting staan",
        )

    def run_import(self, path, content, options):
        company = Company.objects.filter(name__iexact=options["company"].strip()).first()
        if company is None:
            names = ", ".join(Company.objects.values_list("name", flat=True))
            raise ImportRefused(
                _("Onbekende maatschappij '%(name)s'. Bekend: %(names)s.")
                % {"name": options["company"], "names": names}
            )
        session_date = None
        if options["session_date"]:
            try:
                session_date = datetime.date.fromisoformat(options["session_date"])
            except ValueError as exc:
                raise ImportRefused(
                    _("--session-date '%(value)s' is geen datum (YYYY-MM-DD).")
                    % {"value": options["session_date"]}
                ) from exc
        overrides = overrides_from(options["map"], SPECS[options["kind"]])
        return actions.import_file(
            content,
            file_name=path.name,
            kind=options["kind"],
            company=company,
            session_date=session_date,
            overrides=overrides or None,
            options={"on_other_session": options["on_other_session"] or ""},
            actor=None,
            dry_run=options["dry_run"],
        )

    def headline(self, summary):
        return (
            f"{summary['rows']} rijen, {summary['signals_created']} nieuwe signalen, "
            f"{summary['signals_skipped']} al gekend, {summary['rows_with_errors']} met fouten, "
            f"{summary['dossiers_created']} nieuwe dossiers, "
            f"{summary['dossiers_updated']} aangevulde dossiers."
        )

    def notes(self, summary):
        lines = unrecognised_line(summary, "bewaard in de oorspronkelijke rij")
        return lines + [note["text"] for note in summary.get("notes", [])]
