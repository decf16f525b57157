"""The register export as a kind of the intake's one import pipeline (`bereik.intake.kinds`),
registered from `ClientsConfig.ready()`: the intake's upload (no company), preview, column mapping
with the register's profile, confirm, history, import page, file download and `import_register`,
with the register's own plan (`register.py`), store (`actions.RegisterStore`, which stores the
rows a batch at a time while the plan is made), "what will happen" and rows
(`templates/clients/import_kind.html`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bereik.clients import actions, register
from bereik.clients.models import Client
from bereik.intake import kinds
from bereik.lib import insz as insz_lib

FIELD_LABELS = {
    "last_name": gettext_lazy("naam"),
    "first_name": gettext_lazy("voornaam"),
    "insz": gettext_lazy("INSZ"),
    "birth_date": gettext_lazy("geboortedatum"),
    "street": gettext_lazy("straat"),
    "house_number": gettext_lazy("huisnummer"),
    "box": gettext_lazy("bus"),
    "postcode": gettext_lazy("postcode"),
    "city": gettext_lazy("gemeente"),
    "phone": gettext_lazy("telefoon"),
    "guidance_status": gettext_lazy("begeleiding"),
    "intensive_guidance": gettext_lazy("intensief"),
    "guidance_end_date": gettext_lazy("einddatum"),
    "social_worker_id": gettext_lazy("maatschappelijk werker"),
    "social_worker_name": gettext_lazy("naam maatschappelijk werker"),
    "client_number": gettext_lazy("cliëntnummer"),
    "missing_from_register_since": gettext_lazy("terug in de export"),
    "source": gettext_lazy("herkomst"),
}


def row_view(row: register.PlannedRow, can_see_insz: bool) -> dict:
    """A planned row of the export as the preview shows it."""
    v = row.parsed.values
    number = v.get("house_number", "") + (f" bus {v['box']}" if v.get("box") else "")
    street = f"{v.get('street', '')} {number}".strip()
    place = f"{v.get('postcode', '')} {v.get('city', '')}".strip()
    fields = row.fields
    return {
        "number": row.number,
        "client_number": row.client_number,
        "name": row.name,
        "insz": insz_lib.mask(v.get("insz")) if can_see_insz and v.get("insz") else "",
        "address": ", ".join(part for part in (street, place) if part),
        "guidance": dict(Client.Guidance.choices).get(fields.get("guidance_status"), ""),
        "intensive": fields.get("intensive_guidance"),
        "worker": fields.get("social_worker_name", ""),
        "worker_linked": bool(fields.get("social_worker_id")),
        "outcome": row.outcome,
        "outcome_label": register.OUTCOMES[row.outcome],
        "changed": [str(FIELD_LABELS.get(name, name)) for name in row.changed],
        "note": row.note,
        "errors": row.parsed.errors,
    }


def changed_rows(plan: register.Plan) -> list[register.PlannedRow]:
    """The preview lists every new and changed client (not the unchanged ones)."""
    return [row for row in plan.rows if row.outcome in (register.NEW, register.UPDATED)]


def success_message(result: actions.RegisterResult) -> str:
    counts = result.plan.counts
    new, errors = counts["clients_created"], counts["rows_with_errors"]
    return _(
        "Register ingelezen: %(new)s, %(updated)s bijgewerkt, %(same)s ongewijzigd, %(errors)s, "
        "%(missing)s niet meer in de export."
    ) % {
        "new": ngettext("%(count)s nieuwe cliënt", "%(count)s nieuwe cliënten", new)
        % {"count": new},
        "updated": counts["clients_updated"],
        "same": counts["clients_unchanged"],
        "errors": ngettext("%(count)s rij met fouten", "%(count)s rijen met fouten", errors)
        % {"count": errors},
        "missing": counts["clients_missing"],
    }


def notes(result: actions.RegisterResult) -> list[str]:
    """What the matching that followed the import did."""
    return [result.match.message()] if result.match is not None else []


def success_url(result: actions.RegisterResult) -> str:
    return reverse("clients:list")


REGISTER_IMPORT = kinds.ImportKind(
    code=register.KIND,
    label=gettext_lazy("Cliëntenregister"),
    spec=register.SPEC,
    plan=register.make_plan,
    store=actions.register_store,
    stream=actions.RegisterStore,
    result=actions.RegisterResult,
    needs_company=False,
    template="clients/import_kind.html",
    row_view=row_view,
    listed_rows=changed_rows,
    listed_rows_title=gettext_lazy("Alle nieuwe en gewijzigde cliënten"),
    success_message=success_message,
    notes=notes,
    success_url=success_url,
    upload_title=gettext_lazy("Registerexport inlezen"),
    upload_intro=gettext_lazy(
        "Laad de export van het registratiesysteem van het OCMW op. Bestaande cliënten worden "
        "bijgewerkt (wijzigingen in de begeleiding blijven in de geschiedenis), nieuwe worden "
        "toegevoegd, en wie niet meer in de export staat wordt gemarkeerd, nooit gewist. Daarna "
        "worden de dossiers zonder cliënt opnieuw gekoppeld. Je ziet eerst een voorbeeld: pas na "
        "je bevestiging wordt er iets opgeslagen."
    ),
    number_label=gettext_lazy("Cliëntnummer"),
    unrecognised_note=gettext_lazy("niet herkend: niet gebruikt"),
    order=60,
)
