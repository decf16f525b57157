"""What the import commands share: `import_signals` and the commands of the kinds other apps
register (`import_register`) read one file and import it as the upload does, through the one
pipeline (`bereik.intake.actions.import_file`).

`ImportCommand` gives them the options (the file, `--map`, `--dry-run`, `--json`), reading the
file, a refusal (printed as JSON with `--json`, exit status 1) and the summary: a headline, a line
per row with an error, then the command's own notes. A command adds its own options in
`add_source_arguments`, imports in `run_import` and words the summary in `headline` and `notes`.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bereik.intake.rules import ColumnsMissing, ImportRefused


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(
            _("Het bestand %(path)s kan niet gelezen worden: %(error)s.")
            % {"path": path, "error": exc.strerror}
        ) from exc


def overrides_from(pairs: list[str], spec) -> dict[str, str]:
    """`--map "Kolom=veld"` options as the column overrides of an import; an empty field ignores
    the column. Refuses a pair without "=" or a field `spec` does not know."""
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


def refusal(refused: ImportRefused) -> dict:
    """A refusal as the `--json` output gives it: the message, and for missing columns the file's
    columns and the fields still to map."""
    payload = {"status": "refused", "message": refused.message}
    if isinstance(refused, ColumnsMissing):
        plan = refused.plan
        payload["columns"] = plan.table.headers
        payload["missing_fields"] = [field.name for field in plan.recognition.missing]
        if getattr(plan, "needs_session_date", False):
            payload["missing_fields"].append("session_date")
    return payload


def unrecognised_line(summary: dict, what_happens: str) -> list[str]:
    """The columns nobody recognised, if any, and what happens to them."""
    if not summary["unrecognised_columns"]:
        return []
    return [
        f"Niet herkende kolommen ({what_happens}): " + ", ".join(summary["unrecognised_columns"])
    ]


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- of XLSX-bestand")
        self.add_source_arguments(parser)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="koppel een kolom aan een veld (zie README); FIELD leeg = kolom negeren",
        )
        parser.add_argument("--dry-run", action="store_true", help="niets opslaan")
        parser.add_argument("--json", action="store_true", help="samenvatting als JSON")

    def add_source_arguments(self, parser):
        """Options of this command's own, between the file and `--map`."""

    def run_import(self, path: Path, content: bytes, options):
        """Import (or with `--dry-run` plan) `content`; returns a result with `summary()`."""
        raise NotImplementedError

    def headline(self, summary: dict) -> str:
        raise NotImplementedError

    def notes(self, summary: dict) -> list[str]:
        """Lines after the rows with an error."""
        return []

    def handle(self, *args, **options):
        as_json = options["json"]
        try:
            path = Path(options["file"])
            result = self.run_import(path, read_file(path), options)
        except ImportRefused as refused:
            if as_json:
                self.stdout.write(json.dumps(refusal(refused), ensure_ascii=False, indent=2))
            raise CommandError(refused.message, returncode=1) from refused

        summary = {"status": "ok", **result.summary()}
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
            return
        self.report(summary)

    def report(self, summary: dict) -> None:
        verb = "Proefdraai" if summary["dry_run"] else f"Import {summary['import']}"
        self.stdout.write(f"{verb}: {self.headline(summary)}")
        for error in summary["errors"]:
            self.stdout.write(f"  rij {error['row']}, {error['label']}: {error['message']}")
        for line in self.notes(summary):
            self.stdout.write(line)
