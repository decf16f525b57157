"""Import the OCMW's client register export from the command line (what the upload does).

    python manage.py import_register FILE [--map "Header=field" ...] [--dry-run] [--json]

Re-importing updates clients in place (a change in guidance is kept in the history); clients
missing from the new export are flagged, not deleted. After the import, open dossiers without a
client are matched again. Exit status 0 when imported (rows with errors are listed, not
imported); 1, storing nothing, when the file can't be read, was imported before, or required
fields can't be mapped.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bereik.clients import actions
from bereik.clients.register import SPEC
from bereik.intake.importing import ColumnsMissing, ImportRefused


class Command(BaseCommand):
    help = "Importeer de export van het cliëntenregister van het OCMW (zoals opladen in Bereik)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- of XLSX-bestand")
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
        return actions.register_import_file(
            content,
            file_name=path.name,
            overrides=self._overrides(options["map"]) or None,
            actor=None,
            dry_run=options["dry_run"],
        )

    def _overrides(self, pairs) -> dict:
        overrides = {}
        for pair in pairs:
            header, sep, name = pair.partition("=")
            header, name = header.strip(), name.strip()
            if not sep or not header:
                raise ImportRefused(
                    _("--map '%(pair)s' moet de vorm \"Kolom=veld\" hebben.") % {"pair": pair}
                )
            if name and SPEC.field(name) is None:
                known = ", ".join(field.name for field in SPEC.fields)
                raise ImportRefused(
                    _("--map '%(pair)s': onbekend veld '%(name)s'. Mogelijk: %(known)s.")
                    % {"pair": pair, "name": name, "known": known}
                )
            overrides[header] = name
        return overrides

    def _report(self, summary):
        verb = "Proefdraai" if summary["dry_run"] else f"Import {summary['import']}"
        self.stdout.write(
            f"{verb}: {summary['rows']} rijen, {summary['clients_created']} nieuwe cliënten, "
            f"{summary['clients_updated']} bijgewerkt, {summary['clients_unchanged']} ongewijzigd, "
            f"{summary['rows_with_errors']} met fouten, "
            f"{summary['guidance_changes']} wijzigingen in de begeleiding, "
            f"{summary['clients_missing']} niet meer in de export."
        )
        for error in summary["errors"]:
            self.stdout.write(f"  rij {error['row']}, {error['label']}: {error['message']}")
        if summary["unmatched_worker_names"]:
            self.stdout.write(
                "Maatschappelijk werkers zonder gebruiker in Bereik (naam bewaard): "
                + ", ".join(
                    f"{name} ({count})" for name, count in summary["unmatched_worker_names"].items()
                )
            )
        if summary["unrecognised_columns"]:
            self.stdout.write(
                "Niet herkende kolommen (niet gebruikt): "
                + ", ".join(summary["unrecognised_columns"])
            )
        match = summary.get("matching")
        if match:
            self.stdout.write(
                f"Koppelen: {match['linked_insz'] + match['linked_auto']} dossiers gekoppeld "
                f"({match['linked_insz']} via INSZ), {match['to_confirm']} te bevestigen, "
                f"{match['new']} nieuw voor het OCMW."
            )
