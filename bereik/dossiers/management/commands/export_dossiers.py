"""Export dossiers as CSV or XLSX, with the columns and escaping of the worklist export.

    python manage.py export_dossiers [--format csv|xlsx] [--output FILE] [--user NAME] [--open]

CSV goes to standard output when no file is given (XLSX needs --output). With --user only the
dossiers that user may see are exported (the same access policy as the worklists); without it
the command exports every dossier, as whoever runs it on the server can read the database anyway.
Every export is recorded in the audit trail.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bereik.accounts.models import User
from bereik.dossiers import access, export
from bereik.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Exporteer dossiers als CSV of XLSX (dezelfde kolommen als de export van een lijst)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=export.FORMATS, default="csv")
        parser.add_argument("--output", help="bestand; zonder: CSV naar standaarduitvoer")
        parser.add_argument("--user", help="gebruikersnaam: alleen wat die gebruiker mag zien")
        parser.add_argument("--open", action="store_true", help="alleen open dossiers")

    def handle(self, *args, **options):
        fmt = options["format"]
        output = options["output"]
        if fmt == "xlsx" and not output:
            raise CommandError("XLSX schrijft naar een bestand: geef --output op.", returncode=1)
        user = None
        queryset = Dossier.objects.all()
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(
                    f"Onbekende of niet-actieve gebruiker '{options['user']}'.", returncode=1
                )
            queryset = access.visible_dossiers(user, queryset)
        if options["open"]:
            queryset = queryset.filter(status__in=Dossier.OPEN_STATUSES)
        queryset = queryset.order_by("deadline", "number")

        if output:
            path = Path(output)
            mode = "wb" if fmt == "xlsx" else "w"
            extra = {} if fmt == "xlsx" else {"encoding": "utf-8", "newline": ""}
            try:
                with path.open(mode, **extra) as stream:
                    rows = export.write(queryset, fmt, stream)
            except OSError as exc:
                raise CommandError(f"Kan {path} niet schrijven: {exc.strerror}.") from exc
        else:
            rows = export.write(queryset, fmt, sys.stdout if self.stdout is None else self.stdout)
        export.record_export(
            actor=user,
            ids=list(queryset.values_list("pk", flat=True)),
            fmt=fmt,
            purpose="export via de opdrachtregel",
            details={"user": user.username if user else None, "file": bool(output)},
        )
        if output:
            self.stderr.write(f"{rows} dossiers geëxporteerd naar {output}.")
