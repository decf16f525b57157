"""Import a company list from the command line (drop folders, cron): what the upload does.

    python manage.py import_signals FILE --kind lac-water --company "De Watergroep" \
        [--session-date 2026-12-08] [--map "Klant=full_name" ...] [--dry-run] [--json]

Exit status 0 when imported (rows with errors are listed, not imported); 1, storing nothing, when
the file can't be read, was imported before, or required fields can't be mapped.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bereik.intake import actions
from bereik.intake.importing import ColumnsMissing, ImportRefused
from bereik.intake.specs import SPECS
from bereik.organisation.models import Company


class Command(BaseCommand):
    help = "Importeer een lijst van een maatschappij als signalen (zoals opladen in Bereik)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- of XLSX-bestand")
        parser.add_argument("--kind", required=True, choices=sorted(SPECS))
        parser.add_argument("--company", required=True, help="naam van de maatschappij")
        parser.add_argument(
            "--session-date", help="datum van de LAC-zitting (YYYY-MM-DD) als de lijst ze mist"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="koppel een kolom aan een veld (zie README); FIELD leeg = kolom negeren",
        )
        parser.add_argument("--dry-run", action="store_true", help="niets opslaan")
        parser.add_argument("--json", action="store_true", help="samenvatting als JSON")

    def handle(self, *args, **options):
        as_json = options["json"]
        try:
            result = self._import(options)
        except ImportRefused as refused:
            if as_json:
                payload = {"status": "refused", "message": refused.message}
                if isinstance(refused, ColumnsMissing):
                    payload["columns"] = refused.plan.table.headers
                    payload["missing_fields"] = [f.name for f in refused.plan.recognition.missing]
                    if refused.plan.needs_session_date:
                        payload["missing_fields"].append("session_date")
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            raise CommandError(refused.message, returncode=1) from refused

        summary = {"status": "ok", **result.summary()}
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
            return
        self._report(summary)

    def _import(self, options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise ImportRefused(
                _("Het bestand %(path)s kan niet gelezen worden: %(error)s.")
                % {"path": path, "error": exc.strerror}
            ) from exc
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
        overrides = self._overrides(options["map"], options["kind"])
        return actions.import_file(
            content,
            file_name=path.name,
            kind=options["kind"],
            company=company,
            session_date=session_date,
            overrides=overrides or None,
            actor=None,
            dry_run=options["dry_run"],
        )

    def _overrides(self, pairs, kind) -> dict:
        spec = SPECS[kind]
        overrides = {}
        for pair in pairs:
            header, sep, name = pair.partition("=")
            header, name = header.strip(), name.strip()
            if not sep or not header:
                raise ImportRefused(
                    _("--map '%(pair)s' moet de vorm \"Kolom=veld\" hebben.") % {"pair": pair}
                )
            if name and spec.field(name) is None:
                known = ", ".join(field.name for field in spec.fields)
                raise ImportRefused(
                    _("--map '%(pair)s': onbekend veld '%(name)s'. Mogelijk: %(known)s.")
                    % {"pair": pair, "name": name, "known": known}
                )
            overrides[header] = name
        return overrides

    def _report(self, summary):
        verb = "Proefdraai" if summary["dry_run"] else f"Import {summary['import']}"
        self.stdout.write(
            f"{verb}: {summary['rows']} rijen, {summary['signals_created']} nieuwe signalen, "
            f"{summary['signals_skipped']} al gekend, {summary['rows_with_errors']} met fouten, "
            f"{summary['dossiers_created']} nieuwe dossiers, "
            f"{summary['dossiers_updated']} aangevulde dossiers."
        )
        for error in summary["errors"]:
            self.stdout.write(f"  rij {error['row']}, {error['label']}: {error['message']}")
        if summary["unrecognised_columns"]:
            self.stdout.write(
                "Niet herkende kolommen (bewaard in de oorspronkelijke rij): "
                + ", ".join(summary["unrecognised_columns"])
            )
