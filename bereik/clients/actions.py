"""Writes on the client register: clients added and corrected by hand (a change in guidance is
kept in the client's history), and what a register import stores.

The register export is one kind of import of the intake's pipeline (registered by
`import_kind.py`): upload, preview, column mapping, confirm and the history are the intake's;
`RegisterStore` is what the kind writes inside the import's transaction, a batch of rows at a time
while the plan is made (`register_store` writes a whole plan through it). `register_upload` and
`register_import_file` are that pipeline for the register kind (the command line, the demo).
Matching dossiers to clients is the triage's (it follows the flow's `register_changed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.clients import register
from bereik.clients.models import Client, GuidanceChange
from bereik.dossiers import bulk, flow
from bereik.intake import actions as intake_actions
from bereik.intake.models import ImportBatch, ImportRow
from bereik.lib import dbstats, locking
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
def client_update(
    client: Client, *, actor, reason: str = "", version: str | None = None, **fields
) -> Client:
    """Correct a client by hand. A change in guidance is kept in the history; linked open
    dossiers are triaged again (routes set by hand stay). `version`: the one the form was loaded
    from; locking.StaleEdit when someone saved the client in between."""
    client = locking.check(client, version)
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
    plan: register.Plan
    batch: ImportBatch | None = None  # None for a dry run
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


def register_upload(*, content: bytes, file_name: str, actor) -> ImportBatch:
    """Keep an uploaded register export as a preview: the intake's upload, of the register kind."""
    return intake_actions.import_upload(
        content=content, file_name=file_name, kind=register.KIND, actor=actor
    )


def register_import_file(
    content: bytes, *, file_name: str, overrides: dict | None = None, actor, dry_run=False
) -> RegisterResult:
    """Upload and confirm in one go (the command line, the demo), through the intake's pipeline.
    A dry run stores nothing."""
    return intake_actions.import_file(
        content,
        file_name=file_name,
        kind=register.KIND,
        overrides=overrides,
        actor=actor,
        dry_run=dry_run,
    )


class RegisterStore:
    """Writes a register export's plan inside the import's transaction, a batch of rows at a time
    (`register.make_plan`'s sink, so that a long export is stored while it is read and never
    held whole): new clients, updates in place with a history of every change in guidance, the
    rows with an error kept with their raw data. `finish` flags the clients no longer listed
    (never deleted), then sends the flow's `register_changed`: the triage matches the dossiers
    still without a client and triages those clients' dossiers again, in the same transaction.
    """

    def __init__(self, batch: ImportBatch, *, actor):
        self.batch, self.actor = batch, actor
        self.now = batch.imported_at or timezone.now()
        self.user = actor if getattr(actor, "is_authenticated", False) else None
        self.source = _("registerimport %(number)s (%(file)s)") % {
            "number": batch.pk,
            "file": batch.file_name,
        }
        self.created_ids: list[int] = []
        self.updated_ids: list[int] = []
        self.guidance_changed_ids: list[int] = []

    def __call__(self, plan: register.Plan, rows: list[register.PlannedRow]) -> None:
        now, user, source = self.now, self.user, self.source
        # New clients as values (no model instance each), their ids returned by the insert.
        new_rows = [row for row in rows if row.outcome == register.NEW]
        ids = bulk.insert(
            Client,
            (
                {
                    **row.fields,
                    "client_number": row.client_number,
                    "source": Client.Source.REGISTER,
                    **Client.matching_keys(
                        row.fields["last_name"],
                        row.fields["street"],
                        row.fields["house_number"],
                        row.fields["box"],
                        row.fields["postcode"],
                    ),
                    "created_at": now,
                    "updated_at": now,
                }
                for row in new_rows
            ),
            returning=True,
        )
        self.created_ids += ids
        # A new client's first history entry repeats its guidance: made by the database from
        # the rows just inserted.
        bulk.insert_copies(
            GuidanceChange,
            Client,
            ids,
            copied={"client_id": "id", **{name: name for name in _FIRST_HISTORY}},
            fixed={
                "at": now,
                "actor_id": user.pk if user else None,
                "source": source[:200],
                "previous": {},
            },
        )

        changes = []
        updated = []
        for row in rows:
            if row.outcome != register.UPDATED:
                continue
            client = row.client
            previous = {name: getattr(client, name) for name in register.GUIDANCE_FIELDS}
            for name, value in row.fields.items():
                setattr(client, name, value)
            client.client_number = row.client_number
            client.source = Client.Source.REGISTER
            client.missing_from_register_since = None
            client.updated_at = now
            client.refresh_keys()
            updated.append(client)
            if set(row.changed) & set(register.GUIDANCE_FIELDS):
                changes.append(
                    _history(client.pk, previous, row.fields, user=user, source=source, at=now)
                )
                self.guidance_changed_ids.append(client.pk)
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
        self.updated_ids += [client.pk for client in updated]
        bulk.insert(GuidanceChange, changes)

        ImportRow.objects.bulk_create(
            [
                ImportRow(
                    batch=self.batch,
                    number=row.number,
                    outcome=ImportRow.Outcome.ERROR,
                    customer_number=row.client_number[:60],
                    name=row.name[:250],
                    errors=[problem.as_dict() for problem in row.parsed.errors],
                    warnings=[problem.as_dict() for problem in row.parsed.warnings],
                    raw=row.parsed.raw,
                )
                for row in rows
                if row.outcome == register.ERROR
            ]
        )

    def finish(self, plan: register.Plan) -> RegisterResult:
        today = timezone.localdate(self.now)
        missing = plan.missing_ids
        for start in range(0, len(missing), _CHUNK):
            Client.objects.filter(pk__in=missing[start : start + _CHUNK]).update(
                missing_from_register_since=today
            )
        results = flow.register_changed.send(
            [*self.created_ids, *self.updated_ids],
            actor=self.actor,
            guidance_changed=self.guidance_changed_ids,
            match_unlinked_dossiers=True,
        )
        dbstats.refresh_after(Client, len(self.created_ids))  # a new register: the plans follow
        return RegisterResult(plan=plan, batch=self.batch, match=results.get("triage"))


def register_store(batch: ImportBatch, plan: register.Plan, *, actor) -> RegisterResult:
    """The register kind's `store` for a whole plan made without a sink: the same writes as the
    streamed import (`RegisterStore`), a batch of rows at a time."""
    sink = RegisterStore(batch, actor=actor)
    for start in range(0, len(plan.rows), register.BATCH_ROWS):
        sink(plan, plan.rows[start : start + register.BATCH_ROWS])
    return sink.finish(plan)


# What a new client's first guidance history entry takes from the client (its `previous` is
# empty: there was nothing before).
_FIRST_HISTORY = (
    "guidance_status",
    "intensive_guidance",
    "guidance_end_date",
    "social_worker_name",
)


def _history(client_id, previous: dict | None, fields: dict, *, user, source, at):
    def shown(snapshot):
        end = snapshot.get("guidance_end_date")
        return {
            "guidance_status": snapshot.get("guidance_status"),
            "intensive_guidance": snapshot.get("intensive_guidance"),
            "guidance_end_date": end.isoformat() if end else None,
            "social_worker_name": snapshot.get("social_worker_name") or "",
        }

    return {  # the values of a GuidanceChange, inserted together (`bulk.insert`)
        "client_id": client_id,
        "at": at,
        "actor_id": user.pk if user is not None else None,
        "source": source[:200],
        "guidance_status": fields["guidance_status"],
        "intensive_guidance": fields["intensive_guidance"],
        "guidance_end_date": fields["guidance_end_date"],
        "social_worker_name": (fields.get("social_worker_name") or "")[:100],
        "previous": shown(previous) if previous is not None else {},
    }
