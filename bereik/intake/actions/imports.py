"""The one import pipeline, for every kind of file (`bereik.intake.kinds`): upload -> preview ->
confirm, or discard; `import_file` does upload and confirm in one go (the command line, the demo).

An import stores everything or nothing: the kind's `store` runs inside the transaction that locks
the batch, refuses a file imported before and marks the batch imported with the plan's counts and
one audit event. The same file (sha256) is refused the second time, naming the earlier import.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.intake import detect, importing, kinds, queries
from bereik.intake.actions.common import delete_file, user_or_none
from bereik.intake.models import ImportBatch
from bereik.intake.rules import ColumnsMissing, ImportRefused, check_size, refuse_if_imported
from bereik.lib import locking
from bereik.organisation.models import Company

# The counts of a plan that the batch keeps (besides "rows", kept as rows_total).
BATCH_COUNTS = (
    "signals_created", "signals_skipped", "signals_unattached", "rows_with_errors",
    "rows_with_warnings", "dossiers_created", "dossiers_updated",
)  # fmt: skip


def import_kind(code: str) -> kinds.ImportKind:
    """The registered kind that can be uploaded, or a refusal."""
    kind = kinds.find(code)
    if kind is None or not kind.uploadable:
        raise ImportRefused(_("Onbekende soort import: %(kind)s.") % {"kind": code})
    return kind


def _options(kind: kinds.ImportKind, *, company=None, session_date=None, overrides=None):
    return kinds.Options(
        kind=kind.code,
        company=company if kind.needs_company else None,
        session_date=session_date if kind.asks_session_date else None,
        overrides=overrides,
    )


def _check(kind: kinds.ImportKind, content: bytes, options: kinds.Options) -> None:
    check_size(content)
    if kind.check is not None:
        kind.check(options)


@transaction.atomic
def import_upload(
    *,
    content: bytes,
    file_name: str,
    kind: str,
    company: Company | None = None,
    session_date: datetime.date | None = None,
    actor,
) -> ImportBatch:
    """Keep an uploaded file as a preview until it is confirmed. Refuses (ImportRefused, nothing
    stored) a file that is too big, can't be read as a table, or was imported before.

    Without a kind, or without the company its kind needs, Bereik proposes them from the file
    (`bereik.intake.detect`): the preview waits until the user confirms them
    (`import_set_kind`)."""
    the_kind = import_kind(kind) if kind else None
    to_confirm = the_kind is None or (the_kind.needs_company and company is None)
    if to_confirm:
        check_size(content)
    else:
        options = _options(the_kind, company=company, session_date=session_date)
        _check(the_kind, content, options)
        company, session_date = options.company, options.session_date
    digest = importing.sha256(content)
    refuse_if_imported(digest)
    table = importing.read(
        content, filename=file_name, spec=the_kind.spec if the_kind and not to_confirm else None
    )
    _purge_stale_previews()
    extra = {}
    if to_confirm:
        proposal = detect.propose(table)
        kind = kind or proposal.kind
        company = company or proposal.company
        extra = {"to_confirm": True, "proposal": proposal.as_options}
    batch = ImportBatch(
        kind=kind,
        company=company,
        status=ImportBatch.Status.PREVIEW,
        file_name=file_name[:255],
        file_size=len(content),
        file_format=table.file_format,
        sha256=digest,
        session_date=session_date,
        created_by=user_or_none(actor),
        options=extra,
    )
    batch.file.save(file_name, ContentFile(content), save=False)
    try:
        batch.save()
        audit.record(
            "import.upload",
            actor=actor,
            obj=batch,
            details={
                "kind": kind,
                "company": batch.company_id,
                "rows": len(table.rows),
                "proposed": bool(extra),
            },
        )
    except Exception:
        batch.file.delete(save=False)
        raise
    return batch


@transaction.atomic
def import_set_kind(
    batch: ImportBatch,
    *,
    kind: str,
    company: Company | None = None,
    session_date: datetime.date | None = None,
    actor,
    version: str | None = None,
) -> ImportBatch:
    """The user confirms (or changes) the kind and the company of a file before its preview:
    what Bereik proposed from the file is never used without this. `version`: the batch as the
    page showed it; StaleEdit when someone else confirmed it in between (ADR 0025)."""
    batch = locking.check(batch, version)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportRefused(_("Een bevestigde import kan niet meer gewijzigd worden."))
    the_kind = import_kind(kind)
    options = _options(the_kind, company=company, session_date=session_date)
    if the_kind.check is not None:
        the_kind.check(options)
    proposal = batch.options.get("proposal") or {}
    batch.kind, batch.company, batch.session_date = kind, options.company, options.session_date
    batch.options = {key: value for key, value in batch.options.items() if key != "to_confirm"}
    batch.save(update_fields=["kind", "company", "session_date", "options"])
    audit.record(
        "import.kind",
        actor=actor,
        obj=batch,
        details={
            "kind": kind,
            "company": batch.company_id,
            "as_proposed": (proposal.get("kind"), proposal.get("company"))
            == (kind, batch.company_id),
        },
    )
    return batch


def _purge_stale_previews() -> None:
    """Previews nobody confirmed hold personal data for nothing: drop them after a day."""
    for batch in queries.stale_previews():
        name = batch.file.name
        batch.delete()
        transaction.on_commit(lambda name=name: delete_file(name))


@transaction.atomic
def import_discard(batch: ImportBatch, *, actor) -> None:
    """Drop a preview that will not be imported, with its file."""
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportRefused(_("Een bevestigde import kan niet meer weggegooid worden."))
    audit.record("import.discard", actor=actor, obj=batch, details={"file": batch.file_name})
    name = batch.file.name
    batch.delete()
    transaction.on_commit(lambda: delete_file(name))


def import_confirm(
    batch: ImportBatch, *, actor, overrides: dict | None = None, options: dict | None = None
):
    """Import a previewed file: all of it or nothing. The plan is made again inside the
    transaction, so what was imported in the meantime is taken into account. `options`: what
    the user chose with the confirm button (the kind's `confirm_options`), kept on the batch.
    Returns the kind's result; what follows the import (`after_commit`) runs once it is
    committed."""
    kind = import_kind(batch.kind)
    try:
        with transaction.atomic():
            company = None
            if batch.company_id:
                # Imports of one company wait for each other (PostgreSQL; SQLite takes the write
                # lock when the transaction starts).
                company = Company.objects.select_for_update().filter(pk=batch.company_id).first()
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            batch.company = company
            if batch.status != ImportBatch.Status.PREVIEW:
                raise ImportRefused(
                    _("Deze import werd al bevestigd: %(batch)s.") % {"batch": batch.describe()},
                    earlier=batch,
                )
            if batch.options.get("to_confirm"):
                raise ImportRefused(
                    _("Bevestig eerst de soort en de maatschappij van het bestand.")
                )
            refuse_if_imported(batch.sha256)
            batch.imported_at = timezone.now()
            if kind.stream is not None:
                # Stored a batch of rows at a time while the plan is made.
                sink = kind.stream(batch, actor=actor)
                plan = queries.plan_for(batch, overrides=overrides, sink=sink)
                if not plan.ready:
                    raise ColumnsMissing(plan)
                result = sink.finish(plan)
                _mark_imported(batch, plan, actor=actor, options=options)
            else:
                plan = queries.plan_for(batch, overrides=overrides)
                if not plan.ready:
                    raise ColumnsMissing(plan)
                _mark_imported(batch, plan, actor=actor, options=options)
                result = kind.store(batch, plan, actor=actor)
    except IntegrityError as exc:
        # Another import of the same file won the race.
        refuse_if_imported(batch.sha256)
        raise ImportRefused(_("De import kon niet opgeslagen worden; probeer opnieuw.")) from exc
    if kind.after_commit is not None:
        kind.after_commit(result, actor=actor)
    return result


def _mark_imported(batch: ImportBatch, plan, *, actor, options: dict | None = None) -> None:
    counts = plan.counts
    batch.options = {
        **batch.options,
        **{key: value for key, value in (options or {}).items() if value},
    }
    for name in BATCH_COUNTS:
        setattr(batch, name, counts.get(name, 0))
    batch.rows_total = counts["rows"]
    batch.status = ImportBatch.Status.IMPORTED
    batch.mapping = plan.mapping
    batch.unrecognised = plan.recognition.unrecognised_headers
    batch.imported_at = batch.imported_at or timezone.now()
    batch.imported_by = user_or_none(actor)
    batch.save()
    audit.record("import.confirm", actor=actor, obj=batch, details={"kind": batch.kind, **counts})


def import_file(
    content: bytes,
    *,
    file_name: str,
    kind: str,
    company: Company | None = None,
    session_date: datetime.date | None = None,
    overrides: dict | None = None,
    options: dict | None = None,
    actor,
    dry_run: bool = False,
):
    """Upload and confirm in one go (the command line, the demo). A dry run stores nothing and
    returns the kind's result without a batch. `options`: as chosen with the confirm button."""
    the_kind = import_kind(kind)
    said = _options(the_kind, company=company, session_date=session_date, overrides=overrides)
    _check(the_kind, content, said)
    if dry_run:
        refuse_if_imported(importing.sha256(content))
        plan = the_kind.plan(content, filename=file_name, options=said)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return the_kind.result(plan=plan)
    stored = []
    try:
        with transaction.atomic(), importing.read_once():
            batch = import_upload(
                content=content,
                file_name=file_name,
                kind=kind,
                company=company,
                session_date=session_date,
                actor=actor,
            )
            stored.append(batch.file.name)
            return import_confirm(batch, actor=actor, overrides=overrides, options=options)
    except Exception:
        for name in stored:
            delete_file(name)
        raise


@transaction.atomic
def import_note(batch_id: int, *, key: str, notes: list[dict], actor) -> None:
    """What a later step of the flow did with an import's dossiers (where the LAC placed them),
    kept on the import and shown on its page: `notes` ({"text", "url"}) replace the earlier ones
    of the same `key`."""
    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None:
        return
    kept = [note for note in batch.notes if note.get("key") != key]
    batch.notes = kept + [{"key": key, "text": n["text"], "url": n.get("url", "")} for n in notes]
    batch.save(update_fields=["notes"])
    audit.record("import.note", actor=actor, obj=batch, details={"key": key, "notes": len(notes)})
