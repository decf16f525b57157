"""Writes of the intake: uploading a list, confirming its import, column profiles, eviction
documents. Every function runs in a transaction and leaves an audit event.

An import stores everything or nothing: the signals, the dossiers it opens or brings up to date,
their timeline entries, a result per row and the batch itself, with bulk inserts (a constant
number of queries whatever the number of rows).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus

from bereik import audit
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.intake import importing
from bereik.intake.importing import (
    SIGNAL_OUTCOMES,
    ColumnsMissing,
    ImportRefused,
    Options,
    Plan,
    refuse_if_imported,
    sha256,
)
from bereik.intake.models import ColumnProfile, ImportBatch, ImportRow
from bereik.intake.tasks import after_import_task
from bereik.lib import tabular, values
from bereik.organisation.models import Company

logger = logging.getLogger(__name__)
PREVIEW_LIFETIME = datetime.timedelta(days=1)
EVENT_KIND = "signaal"


@dataclass
class ImportResult:
    plan: Plan
    batch: ImportBatch | None = None  # None for a dry run
    dossiers_created: list[str] = field(default_factory=list)
    dossiers_updated: list[str] = field(default_factory=list)
    follow_up_problems: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """What the command prints with --json."""
        plan = self.plan
        return {
            "import": self.batch.pk if self.batch else None,
            "dry_run": self.batch is None,
            "kind": plan.options.kind,
            "company": plan.options.company.name,
            **plan.counts,
            "errors": [problem.as_dict() for problem in plan.errors],
            "warnings": [problem.as_dict() for problem in plan.warnings],
            "dossiers_created_numbers": self.dossiers_created,
            "dossiers_updated_numbers": self.dossiers_updated,
            "unrecognised_columns": plan.recognition.unrecognised_headers,
            "mapping": {h: f for h, f in plan.mapping.items() if f},
            "follow_up_problems": self.follow_up_problems,
        }


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_size(content: bytes) -> None:
    limit = settings.BEREIK_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise ImportRefused(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(limit)s MB.")
            % {"size": tabular._megabytes(len(content)), "limit": tabular._megabytes(limit)}
        )


def _check_company(kind: str, company: Company | None) -> None:
    if company is None:
        raise ImportRefused(_("Kies de maatschappij die de lijst stuurde."))
    expected = {
        Signal.Kind.LAC_WATER: Company.Kind.WATER,
        Signal.Kind.LAC_ENERGIE: Company.Kind.ENERGIE,
    }.get(kind)
    if expected and company.kind != expected:
        raise ImportRefused(
            _("%(company)s is geen %(what)s: een %(kind)s komt van een %(what)s.")
            % {
                "company": company,
                "kind": dict(Signal.Kind.choices)[kind],
                "what": _("watermaatschappij")
                if expected == Company.Kind.WATER
                else _("netbeheerder"),
            }
        )


# --------------------------------------------------------------------------------------------
# Lists: upload -> preview -> confirm


@transaction.atomic
def import_upload(
    *,
    content: bytes,
    file_name: str,
    kind: str,
    company: Company,
    session_date: datetime.date | None = None,
    actor,
) -> ImportBatch:
    """Keep an uploaded list as a preview until it is confirmed. Refuses (ImportRefused, nothing
    stored) a file that is too big, can't be read as a list, or was imported before."""
    _check_size(content)
    _check_company(kind, company)
    digest = sha256(content)
    refuse_if_imported(digest)
    table = importing.read(content, filename=file_name, kind=kind)
    _purge_stale_previews()
    batch = ImportBatch(
        kind=kind,
        company=company,
        status=ImportBatch.Status.PREVIEW,
        file_name=file_name[:255],
        file_size=len(content),
        file_format=table.file_format,
        sha256=digest,
        session_date=session_date,
        created_by=_user(actor),
    )
    batch.file.save(file_name, ContentFile(content), save=False)
    try:
        batch.save()
        audit.record(
            "import.upload",
            actor=actor,
            obj=batch,
            details={"kind": kind, "company": company.pk, "rows": len(table.rows)},
        )
    except Exception:
        batch.file.delete(save=False)
        raise
    return batch


def _purge_stale_previews() -> None:
    """Previews nobody confirmed hold personal data for nothing: drop them after a day."""
    stale = ImportBatch.objects.filter(
        status=ImportBatch.Status.PREVIEW, created_at__lt=timezone.now() - PREVIEW_LIFETIME
    )
    for batch in stale:
        name = batch.file.name
        batch.delete()
        transaction.on_commit(lambda name=name: _delete_file(name))


def _delete_file(name: str) -> None:
    from django.core.files.storage import default_storage

    if name:
        default_storage.delete(name)


@transaction.atomic
def import_discard(batch: ImportBatch, *, actor) -> None:
    """Drop a preview that will not be imported, with its file."""
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportRefused(_("Een bevestigde import kan niet meer weggegooid worden."))
    audit.record("import.discard", actor=actor, obj=batch, details={"file": batch.file_name})
    name = batch.file.name
    batch.delete()
    transaction.on_commit(lambda: _delete_file(name))


def plan_for(batch: ImportBatch, *, overrides: dict | None = None) -> Plan:
    """The plan for a stored preview, as it would be imported now."""
    with batch.file.open("rb") as stream:
        content = stream.read()
    options = Options(
        kind=batch.kind,
        company=batch.company,
        session_date=batch.session_date,
        overrides=overrides,
    )
    return importing.make_plan(content, filename=batch.file_name, options=options)


def import_confirm(batch: ImportBatch, *, actor, overrides: dict | None = None) -> ImportResult:
    """Import a previewed list: all of it or nothing. The plan is made again inside the
    transaction, so what was imported in the meantime is taken into account."""
    try:
        with transaction.atomic():
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
            refuse_if_imported(batch.sha256)
            plan = plan_for(batch, overrides=overrides)
            if not plan.ready:
                raise ColumnsMissing(plan)
            result = _store(batch, plan, actor=actor)
    except IntegrityError as exc:
        # Another import of the same file won the race.
        refuse_if_imported(batch.sha256)
        raise ImportRefused(_("De import kon niet opgeslagen worden; probeer opnieuw.")) from exc
    dossier_ids = [d.pk for d in plan.new_dossiers] + list(plan.updated_dossiers)
    result.follow_up_problems = _follow_up(dossier_ids, signal_kinds=[batch.kind], actor=actor)
    return result


def _follow_up(dossier_ids: list[int], *, signal_kinds: list[str], actor) -> list[str]:
    """Queue the next steps of the flow (`bereik.dossiers.flow.arrived`, see intake/tasks.py).
    With the immediate backend they have run when this returns and their problems are known; a
    worker reports its own."""
    if not dossier_ids:
        return []
    user = _user(actor)
    queued = after_import_task.enqueue(dossier_ids, signal_kinds, user.pk if user else None)
    if queued.status == TaskResultStatus.SUCCESSFUL:
        return queued.return_value or []
    if queued.status == TaskResultStatus.FAILED:
        return [_("De import is bewaard, maar de volgende stappen (koppelen aan het register, "
                  "LAC-agenda) zijn niet gelukt; doe ze later opnieuw.")]  # fmt: skip
    return []


def import_file(
    content: bytes,
    *,
    file_name: str,
    kind: str,
    company: Company,
    session_date: datetime.date | None = None,
    overrides: dict | None = None,
    actor,
    dry_run: bool = False,
) -> ImportResult:
    """Upload and confirm in one go (the command line, the demo). A dry run stores nothing."""
    _check_size(content)
    _check_company(kind, company)
    if dry_run:
        refuse_if_imported(sha256(content))
        options = Options(kind, company, session_date, overrides)
        plan = importing.make_plan(content, filename=file_name, options=options)
        if not plan.ready:
            raise ColumnsMissing(plan)
        return ImportResult(plan=plan)
    stored = []
    try:
        with transaction.atomic():
            batch = import_upload(
                content=content,
                file_name=file_name,
                kind=kind,
                company=company,
                session_date=session_date,
                actor=actor,
            )
            stored.append(batch.file.name)
            return import_confirm(batch, actor=actor, overrides=overrides)
    except Exception:
        for name in stored:
            _delete_file(name)
        raise


def _store(batch: ImportBatch, plan: Plan, *, actor) -> ImportResult:
    now = timezone.now()
    user = _user(actor)
    options = plan.options
    kind_label = dict(Signal.Kind.choices)[options.kind]

    if plan.new_dossiers:
        numbers = next_dossier_numbers(len(plan.new_dossiers))
        for dossier, number in zip(plan.new_dossiers, numbers, strict=True):
            dossier.number = number
            dossier.opened_at = now
        Dossier.objects.bulk_create(plan.new_dossiers)

    signals = []
    for row in plan.rows:
        if row.outcome not in SIGNAL_OUTCOMES:
            continue
        fields = dict(row.signal)
        row.stored = Signal(
            kind=options.kind,
            company=options.company,
            dossier=row.dossier,
            received_at=now,
            raw=row.parsed.raw,
            warnings=[problem.as_dict() for problem in row.parsed.warnings],
            **fields,
        )
        signals.append(row.stored)
    Signal.objects.bulk_create(signals)

    # Dossiers that got new household data or a new deadline, grouped by what changed: an
    # update statement per group, each with only the fields that change (few groups in practice).
    groups: dict[tuple, list[Dossier]] = {}
    for dossier in plan.updated_dossiers.values():
        changed = getattr(dossier, "_changed_fields", None)
        if changed:
            dossier.updated_at = now
            groups.setdefault(tuple(sorted(changed)), []).append(dossier)
    for fields, dossiers in groups.items():
        Dossier.objects.bulk_update(dossiers, [*fields, "updated_at"])

    events = [
        DossierEvent(
            dossier=row.dossier,
            at=now,
            actor=user,
            kind=EVENT_KIND,
            summary=_event_summary(row, kind_label, options.company, batch)[:300],
            data={"signal": row.stored.pk, "import": batch.pk, "row": row.number},
        )
        for row in plan.rows
        if row.outcome in SIGNAL_OUTCOMES and row.dossier is not None
    ]
    DossierEvent.objects.bulk_create(events)

    ImportRow.objects.bulk_create(
        [
            ImportRow(
                batch=batch,
                number=row.number,
                outcome=row.outcome,
                customer_number=(row.parsed.values.get("customer_number") or "")[:60],
                name=row.name[:250],
                note=row.note[:300],
                signal=getattr(row, "stored", None),
                dossier=row.dossier,
                errors=[problem.as_dict() for problem in row.parsed.errors],
                warnings=[problem.as_dict() for problem in row.parsed.warnings],
                raw={} if row.outcome in SIGNAL_OUTCOMES else row.parsed.raw,
            )
            for row in plan.rows
        ]
    )

    counts = plan.counts
    for name, value in counts.items():
        if name != "rows":
            setattr(batch, name, value)
    batch.rows_total = counts["rows"]
    batch.status = ImportBatch.Status.IMPORTED
    batch.mapping = plan.mapping
    batch.unrecognised = plan.recognition.unrecognised_headers
    batch.imported_at = now
    batch.imported_by = user
    batch.save()
    audit.record("import.confirm", actor=actor, obj=batch, details=counts)
    return ImportResult(
        plan=plan,
        batch=batch,
        dossiers_created=[dossier.number for dossier in plan.new_dossiers],
        dossiers_updated=sorted(dossier.number for dossier in plan.updated_dossiers.values()),
    )


def _event_summary(row, kind_label: str, company, batch: ImportBatch) -> str:
    signal = row.signal
    details = []
    if signal.get("measure"):
        details.append(signal["measure"])
    if signal.get("session_date"):
        details.append(_("LAC-zitting %(date)s") % {"date": f"{signal['session_date']:%d/%m/%Y}"})
    elif signal.get("measure_date"):
        details.append(_("gepland op %(date)s") % {"date": f"{signal['measure_date']:%d/%m/%Y}"})
    template = (
        _("Dossier geopend: %(kind)s van %(company)s%(details)s (import %(batch)s, rij %(row)s)")
        if row.outcome == ImportRow.Outcome.NEW_DOSSIER
        else _("Signaal: %(kind)s van %(company)s%(details)s (import %(batch)s, rij %(row)s)")
    )
    return template % {
        "kind": kind_label,
        "company": company,
        "details": (" · " + ", ".join(details)) if details else "",
        "batch": batch.pk,
        "row": row.number,
    }


# --------------------------------------------------------------------------------------------
# Column profiles


@transaction.atomic
def column_profile_save(*, company: Company | None, kind: str, mapping: dict, actor):
    """Save how this company's lists of this kind map their columns; used for the next file."""
    profile, created = ColumnProfile.objects.update_or_create(
        company=company, kind=kind, defaults={"mapping": mapping, "updated_by": _user(actor)}
    )
    audit.record(
        "column_profile.create" if created else "column_profile.update",
        actor=actor,
        obj=profile,
        details={"mapping": {header: name for header, name in mapping.items() if name}},
    )
    return profile


@transaction.atomic
def column_profile_delete(profile: ColumnProfile, *, actor) -> None:
    audit.record("column_profile.delete", actor=actor, obj=profile)
    profile.delete()


# --------------------------------------------------------------------------------------------
# Eviction documents


def is_pdf(content: bytes) -> bool:
    """A PDF by its content: the %PDF- header near the start and an %%EOF marker near the end."""
    return b"%PDF-" in content[:1024] and b"%%EOF" in content[-2048:]


def eviction_register(
    *,
    document: bytes,
    file_name: str,
    document_type: str,
    tenants: str,
    street: str,
    house_number: str = "",
    box: str = "",
    postcode: str = "",
    city: str = "",
    landlord: str = "",
    sender: str = "",
    court: str = "",
    hearing_date: datetime.date,
    amount: Decimal | None = None,
    received_on: datetime.date,
    reference: str = "",
    actor,
) -> Signal:
    """Register a copy of a dagvaarding or verzoekschrift tot uithuiszetting (art. 1344ter Ger.W.)
    with its PDF: a signal, and a woonst dossier whose deadline is the hearing date (stored in one
    transaction; then matched to the register like the dossiers of a list)."""
    _check_size(document)
    if not is_pdf(document):
        raise ImportRefused(_("Het bestand is geen PDF-document (gecontroleerd op de inhoud)."))
    digest = sha256(document)
    refuse_if_imported(digest)
    tenant_lines = [line.strip() for line in tenants.splitlines() if line.strip()]
    if not tenant_lines:
        raise ImportRefused(_("Vul minstens één huurder in."))
    last_name, first_name = values.split_name(tenant_lines[0])
    reference = reference.strip()
    if (
        reference
        and Signal.objects.filter(
            kind=Signal.Kind.UITHUISZETTING,
            company=None,
            customer_number=reference,
            reference_date=received_on,
        ).exists()
    ):
        raise ImportRefused(
            _(
                "Een document met referentie %(reference)s, ontvangen op %(date)s, is al "
                "geregistreerd."
            )
            % {"reference": reference, "date": f"{received_on:%d/%m/%Y}"}
        )

    now = timezone.now()
    type_label = dict(EVICTION_DOCUMENT_TYPES)[document_type]
    batch = ImportBatch(
        kind=Signal.Kind.UITHUISZETTING,
        status=ImportBatch.Status.IMPORTED,
        file_name=file_name[:255],
        file_size=len(document),
        file_format="pdf",
        sha256=digest,
        rows_total=1,
        signals_created=1,
        created_by=_user(actor),
        imported_by=_user(actor),
        imported_at=now,
    )
    batch.file.save(file_name, ContentFile(document), save=False)
    try:
        signal = _register_document(
            batch,
            now=now,
            type_label=type_label,
            document_type=document_type,
            tenant_lines=tenant_lines,
            last_name=last_name,
            first_name=first_name,
            address={
                "street": street,
                "house_number": house_number,
                "box": box,
                "postcode": postcode,
                "city": city,
            },
            landlord=landlord,
            sender=sender,
            court=court,
            hearing_date=hearing_date,
            amount=amount,
            received_on=received_on,
            reference=reference,
            actor=actor,
        )
    except Exception:
        _delete_file(batch.file.name)
        raise
    signal.follow_up_problems = _follow_up(
        [signal.dossier_id], signal_kinds=[Signal.Kind.UITHUISZETTING], actor=actor
    )
    return signal


EVICTION_DOCUMENT_TYPES = [
    ("dagvaarding", _("Dagvaarding")),
    ("verzoekschrift", _("Verzoekschrift")),
]


@transaction.atomic
def _register_document(batch, *, now, type_label, document_type, tenant_lines, last_name,
                       first_name, address, landlord, sender, court, hearing_date, amount,
                       received_on, reference, actor) -> Signal:  # fmt: skip
    user = _user(actor)
    dossier = None
    if reference:
        dossier = (
            Dossier.objects.filter(
                kind=Dossier.Kind.WOONST,
                company=None,
                customer_number=reference,
                status__in=Dossier.OPEN_STATUSES,
            )
            .order_by("-opened_at")
            .first()
        )
    opened = dossier is None
    household = {"last_name": last_name, "first_name": first_name, **address}
    if opened:
        dossier = Dossier.objects.create(
            number=next_dossier_numbers(1)[0],
            kind=Dossier.Kind.WOONST,
            customer_number=reference,
            status=Dossier.Status.NEW,
            amount_due=amount,
            deadline=hearing_date,
            deadline_kind=Dossier.DeadlineKind.HEARING,
            opened_at=now,
            **household,
        )
    else:
        for name, value in household.items():
            if value:
                setattr(dossier, name, value)
        if amount is not None:
            dossier.amount_due = amount
        dossier.deadline, dossier.deadline_kind = importing.pick_deadline(
            dossier.deadline, dossier.deadline_kind, hearing_date, Dossier.DeadlineKind.HEARING
        )
        dossier.save()

    raw = {
        str(_("Soort document")): str(type_label),
        str(_("Huurder(s)")): "\n".join(tenant_lines),
        str(_("Adres")): _address_text(address),
        str(_("Verhuurder")): landlord,
        str(_("Gerechtsdeurwaarder of griffie")): sender,
        str(_("Vredegerecht")): court,
        str(_("Inleidende zitting")): f"{hearing_date:%d/%m/%Y}",
        str(_("Gevorderd bedrag")): "" if amount is None else f"{amount}".replace(".", ","),
        str(_("Ontvangen op")): f"{received_on:%d/%m/%Y}",
        str(_("Rolnummer of referentie")): reference,
    }
    signal = Signal.objects.create(
        dossier=dossier,
        kind=Signal.Kind.UITHUISZETTING,
        customer_number=reference,
        reference_date=received_on,
        received_at=now,
        last_name=last_name,
        first_name=first_name,
        amount=amount,
        measure=str(_("Inleidende zitting %(court)s") % {"court": court}).strip()[:200],
        measure_date=hearing_date,
        extra={
            "document_type": document_type,
            "tenants": tenant_lines,
            "landlord": landlord,
            "sender": sender,
            "court": court,
            "hearing_date": hearing_date.isoformat(),
        },
        raw={key: value for key, value in raw.items() if value},
        **address,
    )
    batch.dossiers_created = 1 if opened else 0
    batch.dossiers_updated = 0 if opened else 1
    batch.save()
    ImportRow.objects.create(
        batch=batch,
        number=1,
        outcome=ImportRow.Outcome.NEW_DOSSIER if opened else ImportRow.Outcome.ADDED,
        customer_number=reference,
        name=f"{last_name} {first_name}".strip(),
        signal=signal,
        dossier=dossier,
    )
    summary = (
        _("Dossier geopend: %(type)s tot uithuiszetting, inleidende zitting %(date)s")
        if opened
        else _("Signaal: %(type)s tot uithuiszetting, inleidende zitting %(date)s")
    ) % {"type": type_label, "date": f"{hearing_date:%d/%m/%Y}"}
    DossierEvent.objects.create(
        dossier=dossier,
        at=now,
        actor=user,
        kind=EVENT_KIND,
        summary=summary[:300],
        data={"signal": signal.pk, "import": batch.pk},
    )
    audit.record(
        "eviction.register",
        actor=actor,
        obj=signal,
        subject=dossier.audit_subject(),
        details={"import": batch.pk, "dossier": dossier.number, "opened": opened},
    )
    return signal


def _address_text(address: dict) -> str:
    number = address["house_number"] + (f" bus {address['box']}" if address["box"] else "")
    line = f"{address['street']} {number}".strip()
    place = f"{address['postcode']} {address['city']}".strip()
    return ", ".join(part for part in (line, place) if part)
