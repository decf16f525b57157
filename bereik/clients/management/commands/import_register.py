"""Import the OCMW's client register export from the command line: the intake's one import
pipeline, of the register kind (what the upload does).

    python manage.py import_register FILE [--map "Header=field" ...] [--dry-run] [--json]

Re-importing updates clients in place (a change in guidance is kept in the history); clients
missing from the new export are flagged, not deleted. After the import, open dossiers without a
client are matched again. Exit status 0 when imported (rows with errors are listed, not
imported); 1, storing nothing, when the file can't be read, was imported before, or required
fields can't be mapped.
"""

from bereik.clients.register import KIND, SPEC
from bereik.intake import actions
from bereik.intake.commands import ImportCommand, overrides_from, unrecognised_line


class Command(ImportCommand):
    help = "Importeer de export van het cliëntenregister van het OCMW (zoals opladen in Bereik)."

    def run_import(self, path, content, options):
        return actions.import_file(
            content,
            file_name=path.name,
            kind=KIND,
            overrides=overrides_from(options["map"], SPEC) or None,
            actor=None,
            dry_run=options["dry_run"],
        )

    def headline(self, summary):
        return (
            f"{summary['rows']} rijen, {summary['clients_created']} nieuwe cliënten, "
            f"{summary['clients_updated']} bijgewerkt, {summary['clients_unchanged']} ongewijzigd, "
            f"{summary['rows_with_errors']} met fouten, "
            f"{summary['guidance_changes']} wijzigingen in de begeleiding, "
            f"{summary['clients_missing']} niet meer in de export."
        )

    def notes(self, summary):
        lines = []
        if summary["unmatched_worker_names"]:
            lines.append(
                "Maatschappelijk werkers zonder gebruiker in Bereik (naam bewaard): "
                + ", ".join(
                    f"{name} ({count})" for name, count in summary["unmatched_worker_names"].items()
                )
            )
        lines += unrecognised_line(summary, "niet gebruikt")
        match = summary.get("matching")
        if match:
            lines.append(
                f"Koppelen: {match['linked_insz'] + match['linked_auto']} dossiers gekoppeld "
                f"({match['linked_insz']} via INSZ), {match['to_confirm']} te bevestigen, "
                f"{match['new']} nieuw voor het OCMW."
            )
        return lines
