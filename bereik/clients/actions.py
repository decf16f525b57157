"""Writes on the client register and on the links between dossiers and clients.

Matching (bereik.lib.matching does the scoring) is applied here:

- `match_dossiers(dossier_ids, actor)`: after an import, after a register import (for dossiers
  still without a client) and on demand. A valid INSZ on both sides links for certain; a strong
  name-and-address match links automatically; a middle band goes to the queue "Te bevestigen
  koppelingen"; the rest is new to the OCMW. Linked and new dossiers are then triaged (route) and
  assigned by the organisation's model.
- By hand: confirm or reject a candidate, mark a household new, link to a chosen client, undo a
  link, make a new client from the dossier. Every link records how it was made and by whom, and
  every change is in the dossier's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients.models import Client, GuidanceChange
from bereik.dossiers import bulk, flow
from bereik.lib import insz as insz_lib

# Above this many dossiers the whole register is loaded at once instead of by blocking keys.
LOAD_WHOLE_REGISTER_FROM = 1500
_CHUNK = 500

CLIENT_FIELDS = (
    "client_number",
    "insz",
    "last_name",
    "first_name",
    "birth_date",
    "street",
    "house_number",
    "box",
    "postcode",
    "city",
    "phone",
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker",
    "social_worker_name",
)
GUIDANCE_FIELDS = (
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker",
    "social_worker_name",
)


# --- Clients ---------------------------------------------------------------------------------


def _guidance_snapshot(client: Client) -> dict:
    return {
        "guidance_status": client.guidance_status,
        "intensive_guidance": client.intensive_guidance,
        "guidance_end_date": (
            client.guidance_end_date.isoformat() if client.guidance_end_date else None
        ),
        "social_worker_name": client.social_worker_name
        or (client.social_worker.get_full_name() if client.social_worker else ""),
    }


def _guidance_changed(client: Client, previous: dict | None, *, actor, source: str) -> None:
    snapshot = _guidance_snapshot(client)
    if previous is not None and previous == snapshot:
        return
    GuidanceChange.objects.create(
        client=client,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        source=source[:200],
        guidance_status=client.guidance_status,
        intensive_guidance=client.intensive_guidance,
        guidance_end_date=client.guidance_end_date,
        social_worker_name=snapshot["social_worker_name"][:100],
        previous=previous or {},
    )


def _clean_client(client: Client) -> None:
    client.insz = insz_lib.normalize(client.insz) if client.insz else ""
    if client.insz and not insz_lib.is_valid(client.insz):
        raise ValidationError({"insz": _("Dit INSZ is niet geldig (controlegetal klopt niet).")})
    if not client.last_name.strip():
        raise ValidationError({"last_name": _("De naam is verplicht.")})
    if client.guidance_status not in dict(Client.Guidance.choices):
        raise ValidationError({"guidance_status": _("Onbekende begeleidingsstatus.")})


def next_client_number() -> str:
    """A number for a client made in Bereik (B000001), distinct from the register's own."""
    last = (
        Client.objects.filter(client_number__regex=r"^B\d{6}$")
        .order_by("-client_number")
        .values_list("client_number", flat=True)
        .first()
    )
    return f"B{(int(last[1:]) + 1 if last else 1):06d}"


@transaction.atomic
def client_create(*, actor, source: str = Client.Source.HAND, **fields) -> Client:
    """Add a client by hand (or from a dossier). A blank client number gets a Bereik number."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    if not fields.get("client_number"):
        fields["client_number"] = next_client_number()
    elif Client.objects.filter(client_number=fields["client_number"]).exists():
        raise ValidationError({"client_number": _("Dit cliëntnummer bestaat al.")})
    client = Client(source=source, **fields)
    _clean_client(client)
    client.save()
    _guidance_changed(client, None, actor=actor, source=_("met de hand toegevoegd"))
    audit.record("client.create", actor=actor, obj=client, details={"source": source})
    return client


@transaction.atomic
def client_update(client: Client, *, actor, reason: str = "", **fields) -> Client:
    """Correct a client by hand. A change in guidance is kept in the history; linked open
    dossiers are triaged again (routes set by hand stay)."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    if (
        fields.get("client_number")
        and Client.objects.filter(client_number=fields["client_number"])
        .exclude(pk=client.pk)
        .exists()
    ):
        raise ValidationError({"client_number": _("Dit cliëntnummer bestaat al.")})
    previous = _guidance_snapshot(client)
    changed = sorted(name for name, value in fields.items() if getattr(client, name) != value)
    for name, value in fields.items():
        setattr(client, name, value)
    _clean_client(client)
    client.save()
    if set(changed) & set(GUIDANCE_FIELDS):
        _guidance_changed(
            client, previous, actor=actor, source=reason or _("met de hand gecorrigeerd")
        )
        flow.register_changed.send([client.pk], actor=actor, guidance_changed=[client.pk])
    audit.record("client.update", actor=actor, obj=client, details={"fields": changed})
    return client


# --- Register import -------------------------------------------------------------------------


@dataclass
class RegisterResult:
    plan: object  # register.Plan
    batch: object = None  # intake ImportBatch; None for a dry run
    match: object = None  # the triage's MatchSummary, when it ran

    def summary(self) -> dict:
        """What `import_register --json` prints."""
        plan = self.plan
        return {
            "import": self.batch.pk if self.batch else None,
            "dry_run": self.batch is None,
            **plan.counts,
            "unmatched_worker_names": dict(sorted(plan.unmatched_workers.items())),
            "errors": [problem.as_dict() for problem in plan.errors],
            "warnings": [problem.as_dict() for problem in plan.warnings],
            "unrecognised_columns": plan.recognition.unrecognised_headers,
            "mapping": {h: f for h, f in plan.mapping.items() if f},
            "matching": self.match.as_dict() if self.match else None,
        }


def _check_upload_size(content: bytes) -> None:
    from bereik.intake.importing import ImportRefused
    from bereik.lib import tabular

    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise ImportRefused(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": tabular._megabytes(len(content)), "limit": tabular._megabytes(limit)}
        )
    if not content:
        raise ImportRefused(_("Het bestand is leeg."))


@transaction.atomic
def register_upload(*, content: bytes, file_name: str, actor):
    """Keep an uploaded register export as a preview (an intake ImportBatch of kind
    "register") until it is confirmed. Refuses a file that can't be read or was imported."""
    from django.core.files.base import ContentFile

    from bereik.clients import register
    from bereik.intake.importing import refuse_if_imported, sha256
    from bereik.intake.models import REGISTER, ImportBatch

    _check_upload_size(content)
    digest = sha256(content)
    refuse_if_imported(digest)
    table = register.read(content, filename=file_name)
    batch = ImportBatch(
        kind=REGISTER,
        status=ImportBatch.Status.PREVIEW,
        file_name=file_name[:255],
        file_size=len(content),
        file_format=table.file_format,
        sha256=digest,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    batch.file.save(file_name, ContentFile(content), save=False)
    batch.save()
    audit.record("register.upload", actor=actor, obj=batch, details={"rows": len(table.rows)})
    return batch


def register_plan_for(batch, *, overrides: dict | None = None):
    from bereik.clients import register

    with batch.file.open("rb") as stream:
        content = stream.read()
    return register.make_plan(content, filename=batch.file_name, overrides=overrides)


def register_confirm(batch, *, actor, overrides: dict | None = None) -> RegisterResult:
    """Import a previewed register export: all of it or nothing. Then the open dossiers still
    without a client are matched again, and the open dossiers of clients whose guidance changed
    are triaged again (routes and assignments set by hand stay)."""
    from bereik.intake.importing import ColumnsMissing, ImportRefused, refuse_if_imported
    from bereik.intake.models import ImportBatch

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            raise ImportRefused(
                _("Deze import werd al bevestigd: %(batch)s.") % {"batch": batch.describe()},
                earlier=batch,
            )
        refuse_if_imported(batch.sha256)
        plan = register_plan_for(batch, overrides=overrides)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return _register_store(batch, plan, actor=actor)


def register_import_file(
    content: bytes, *, file_name: str, overrides: dict | None = None, actor, dry_run=False
) -> RegisterResult:
    """Upload and confirm in one go (the command line, the demo). A dry run stores nothing."""
    from bereik.clients import register
    from bereik.intake.importing import ColumnsMissing, refuse_if_imported, sha256

    _check_upload_size(content)
    if dry_run:
        refuse_if_imported(sha256(content))
        plan = register.make_plan(content, filename=file_name, overrides=overrides)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return RegisterResult(plan=plan)
    stored = []
    try:
        with transaction.atomic():
            batch = register_upload(content=content, file_name=file_name, actor=actor)
            stored.append(batch.file.name)
            return register_confirm(batch, actor=actor, overrides=overrides)
    except Exception:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise


def _register_store(batch, plan, *, actor) -> RegisterResult:
    from bereik.clients import register
    from bereik.intake.models import ImportBatch, ImportRow

    now = timezone.now()
    today = timezone.localdate()
    user = actor if getattr(actor, "is_authenticated", False) else None
    source = _("registerimport %(number)s (%(file)s)") % {
        "number": batch.pk,
        "file": batch.file_name,
    }

    created = []
    for row in plan.rows:
        if row.outcome != register.NEW:
            continue
        client = Client(
            client_number=row.client_number[:40], source=Client.Source.REGISTER, **row.fields
        )
        client.refresh_keys()
        created.append(client)
    Client.objects.bulk_create(created, batch_size=500)
    # bulk_create gives no primary keys on every database: fetch them by number.
    created_ids = {}
    numbers = [c.client_number for c in created]
    for start in range(0, len(numbers), _CHUNK):
        created_ids.update(
            Client.objects.filter(client_number__in=numbers[start : start + _CHUNK]).values_list(
                "client_number", "pk"
            )
        )

    changes = []
    updated = []
    guidance_changed_ids = []
    for row in plan.rows:
        if row.outcome == register.NEW:
            client_id = created_ids[row.client_number]
            changes.append(_history(client_id, None, row.fields, user=user, source=source, at=now))
            continue
        if row.outcome != register.UPDATED:
            continue
        client = row.client
        previous = {name: getattr(client, name) for name in register.GUIDANCE_FIELDS}
        for name, value in row.fields.items():
            setattr(client, name, value)
        client.client_number = row.client_number[:40]
        client.source = Client.Source.REGISTER
        client.missing_from_register_since = None
        client.updated_at = now
        client.refresh_keys()
        updated.append(client)
        if set(row.changed) & set(register.GUIDANCE_FIELDS):
            changes.append(
                _history(client.pk, previous, row.fields, user=user, source=source, at=now)
            )
            guidance_changed_ids.append(client.pk)
    bulk.update_many(
        updated,
        [
            *register.ROW_FIELDS,
            "client_number",
            "source",
            "missing_from_register_since",
            "name_key",
            "address_key",
            "updated_at",
        ],
    )
    GuidanceChange.objects.bulk_create(changes, batch_size=500)

    listed = {row.client_number for row in plan.rows if row.client_number}
    missing = [
        pk
        for pk, number in Client.objects.filter(
            source=Client.Source.REGISTER, missing_from_register_since__isnull=True
        ).values_list("pk", "client_number")
        if number not in listed
    ]
    for start in range(0, len(missing), _CHUNK):
        Client.objects.filter(pk__in=missing[start : start + _CHUNK]).update(
            missing_from_register_since=today
        )

    ImportRow.objects.bulk_create(
        [
            ImportRow(
                batch=batch,
                number=row.number,
                outcome=ImportRow.Outcome.ERROR,
                customer_number=row.client_number[:60],
                name=row.name[:250],
                errors=[problem.as_dict() for problem in row.parsed.errors],
                warnings=[problem.as_dict() for problem in row.parsed.warnings],
                raw=row.parsed.raw,
            )
            for row in plan.rows
            if row.outcome == register.ERROR
        ]
    )
    counts = plan.counts
    batch.status = ImportBatch.Status.IMPORTED
    batch.rows_total = counts["rows"]
    batch.rows_with_errors = counts["rows_with_errors"]
    batch.rows_with_warnings = counts["rows_with_warnings"]
    batch.mapping = plan.mapping
    batch.unrecognised = plan.recognition.unrecognised_headers
    batch.imported_at = now
    batch.imported_by = user
    batch.save()
    audit.record("register.import", actor=actor, obj=batch, details=counts)

    results = flow.register_changed.send(
        [*created_ids.values(), *(client.pk for client in updated)],
        actor=actor,
        guidance_changed=guidance_changed_ids,
        match_unlinked_dossiers=True,
    )
    return RegisterResult(plan=plan, batch=batch, match=results.get("triage"))


def _history(client_id, previous: dict | None, fields: dict, *, user, source, at):
    def shown(snapshot):
        end = snapshot.get("guidance_end_date")
        return {
            "guidance_status": snapshot.get("guidance_status"),
            "intensive_guidance": snapshot.get("intensive_guidance"),
            "guidance_end_date": end.isoformat() if end else None,
            "social_worker_name": snapshot.get("social_worker_name") or "",
        }

    return GuidanceChange(
        client_id=client_id,
        at=at,
        actor=user,
        source=source[:200],
        guidance_status=fields["guidance_status"],
        intensive_guidance=fields["intensive_guidance"],
        guidance_end_date=fields["guidance_end_date"],
        social_worker_name=(fields.get("social_worker_name") or "")[:100],
        previous=shown(previous) if previous is not None else {},
    )
