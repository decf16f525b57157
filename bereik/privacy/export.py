"""A right of access as one ZIP: `overzicht.pdf` (readable, WeasyPrint), `gegevens.json` (every
part's records) and the person's documents and letters as they were stored."""

import io
import json
import re
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.dossiers import personal_data
from bereik.lib.documents import render_pdf


def _safe(name: str) -> str:
    name = re.sub(r"[^\w.\- ]+", "_", name).strip(" .") or "bestand"
    return name[:150]


def collect(scope) -> list[tuple[personal_data.Part, personal_data.Exported]]:
    return [(part, part.export(scope)) for part in personal_data.parts()]


def build(person, parts, *, reason: str, actor, now=None) -> tuple[bytes, dict]:
    """The ZIP's bytes and what it holds (counts for the audit trail)."""
    now = now or timezone.now()
    made = {
        "over": person.label,
        "gemaakt_op": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
        "door": actor.get_full_name() or actor.get_username(),
        "reden": reason,
    }
    data = {
        **made,
        "onderdelen": {
            part.key: {"titel": str(part.title), "gegevens": exported.records}
            for part, exported in parts
        },
    }
    buffer = io.BytesIO()
    names, missing = set(), []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for _part, exported in parts:
            for item in exported.files:
                name = f"{item.folder}/{_safe(item.name)}"
                while name in names:
                    name = name.replace("/", "/_", 1)
                try:
                    with item.file.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except (FileNotFoundError, OSError, ValueError):
                    missing.append(item.name)
                    continue
                names.add(name)
        data["bestanden"] = sorted(names)
        data["ontbrekende_bestanden"] = missing
        archive.writestr(
            "gegevens.json",
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
        )
        sections = [
            {
                "title": part.title,
                "records": [
                    [(key, _show(value)) for key, value in record.items() if key != "id"]
                    for record in exported.records
                ],
            }
            for part, exported in parts
        ]
        pdf = render_pdf(
            "privacy/export.html",
            {"made": made, "person": person, "sections": sections, "files": sorted(names),
             "missing": missing, "title": _("Inzage in persoonsgegevens")},
        )  # fmt: skip
        archive.writestr("overzicht.pdf", pdf)
    counts = {
        "records": sum(len(exported.records) for _part, exported in parts),
        "files": len(names),
        "dossiers": len(person.scope.dossier_ids),
    }
    return buffer.getvalue(), counts


def _show(value) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
