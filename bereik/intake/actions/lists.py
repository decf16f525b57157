"""The company lists' writes (LAC lists, warnings, weekly reports): the `store` and
`after_commit` of their import kinds (`bereik/intake/list_kinds.py`).

Storing a list's plan: the dossiers it opens (numbered at commit) or brings up to date, the
signals with their raw rows, their timeline entries and a result per row, with bulk inserts.
After the commit, the next steps of the flow are queued for those dossiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from bereik.dossiers import bulk
from bereik.dossiers.actions import next_dossier_numbers
from bereik.dossiers.models import Dossier, DossierEvent, Signal
from bereik.intake.actions.common import EVENT_KIND, follow_up, user_or_none
from bereik.intake.importing import SIGNAL_OUTCOMES, Plan
from bereik.intake.models import ImportBatch, ImportRow

CHUNK = 2000  # rows stored together


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
            "notes": [] if self.batch is None else self._notes(),
        }

    def _notes(self) -> list[dict]:
        """What the later steps of the flow reported (where the LAC placed the dossiers)."""
        self.batch.refresh_from_db(fields=["notes"])
        return [{"text": note["text"]} for note in self.batch.notes]


def after_commit(result: ImportResult, *, actor) -> None:
    """Queue matching, the LAC agenda and the volgende stap of the dossiers the list opened or
    added to; their problems (known at once with the immediate backend) go on the result."""
    plan = result.plan
    dossier_ids = [d.pk for d in plan.new_dossiers] + list(plan.updated_dossiers)
    batch = result.batch
    result.follow_up_problems = follow_up(
        dossier_ids,
        signal_kinds=[plan.options.kind],
        actor=actor,
        import_id=batch.pk if batch else None,
        on_other_session=(batch.options if batch else {}).get("on_other_session", ""),
    )


def store(batch: ImportBatch, plan: Plan, *, actor) -> ImportResult:
    """Write a company list's plan, inside the import's transaction, with bulk inserts (a
    fixed number of queries per CHUNK rows)."""
    now = batch.imported_at or timezone.now()
    user = user_or_none(actor)
    options = plan.options
    kind_label = dict(Signal.Kind.choices)[options.kind]

    if plan.new_dossiers:
        numbers = next_dossier_numbers(len(plan.new_dossiers))
        for dossier, number in zip(plan.new_dossiers, numbers, strict=True):
            dossier.number = number
            dossier.opened_at = now
        ids = bulk.insert(
            Dossier,
            (
                {**dossier.values, "number": dossier.number, "opened_at": now, "updated_at": now}
                for dossier in plan.new_dossiers
            ),
            returning=True,
        )
        for dossier, pk in zip(plan.new_dossiers, ids, strict=True):
            dossier.pk = dossier.id = pk

    # Dossiers that got new household data or a new deadline, grouped by what changed: an
    # update statement per group, each with only the fields that change (few groups in practice).
    groups: dict[tuple, list[Dossier]] = {}
    for dossier in plan.updated_dossiers.values():
        changed = getattr(dossier, "_changed_fields", None)
        if changed:
            dossier.updated_at = now
            groups.setdefault(tuple(sorted(changed)), []).append(dossier)
    for fields, dossiers in groups.items():
        bulk.update_many(dossiers, [*fields, "updated_at"])

    # The signals, their timeline entries and the row results, a chunk of rows at a time, each
    # chunk's values built while it is inserted. Once stored, a row's values are released: the
    # result keeps its outcome and problems (what the summary and the counts read), so the next
    # steps after the commit do not run next to a copy of the whole file.
    for start in range(0, len(plan.rows), CHUNK):
        chunk = plan.rows[start : start + CHUNK]
        _store_rows(chunk, batch, options, now, user, kind_label)
        for row in chunk:
            row.signal = {}
            row.parsed.values, row.parsed.cells = {}, []
    plan.table.rows = []

    return ImportResult(
        plan=plan,
        batch=batch,
        dossiers_created=[dossier.number for dossier in plan.new_dossiers],
        dossiers_updated=sorted(dossier.number for dossier in plan.updated_dossiers.values()),
    )


def _store_rows(rows, batch: ImportBatch, options, now, user, kind_label: str) -> None:
    """A chunk of a plan's rows: its signals (the raw row kept on each), their timeline entries
    and a result per row, each in one insert (`dossiers.bulk.insert`: no model instances)."""
    with_signal = [row for row in rows if row.outcome in SIGNAL_OUTCOMES]
    company_id = options.company.pk
    user_id = user.pk if user is not None else None
    ids = bulk.insert(
        Signal,
        [
            {
                **row.signal,
                "kind": options.kind,
                "company_id": company_id,
                "dossier_id": row.dossier.pk if row.dossier is not None else None,
                "received_at": now,
                "raw": row.parsed.raw,
                "warnings": [problem.as_dict() for problem in row.parsed.warnings],
            }
            for row in with_signal
        ],
        returning=True,
    )
    signals = {row.number: pk for row, pk in zip(with_signal, ids, strict=True)}
    bulk.insert(
        DossierEvent,
        (
            {
                "dossier_id": row.dossier.pk,
                "at": now,
                "actor_id": user_id,
                "kind": EVENT_KIND,
                "summary": _event_summary(row, kind_label, options.company, batch)[:300],
                "data": {"signal": signals[row.number], "import": batch.pk, "row": row.number},
            }
            for row in with_signal
            if row.dossier is not None
        ),
    )
    bulk.insert(
        ImportRow,
        (
            {
                "batch_id": batch.pk,
                "number": row.number,
                "outcome": row.outcome,
                "customer_number": (row.parsed.values.get("customer_number") or "")[:60],
                "name": row.name[:250],
                "note": row.note[:300],
                "signal_id": signals.get(row.number),
                "dossier_id": row.dossier.pk if row.dossier is not None else None,
                "errors": [problem.as_dict() for problem in row.parsed.errors],
                "warnings": [problem.as_dict() for problem in row.parsed.warnings],
                "raw": {} if row.outcome in SIGNAL_OUTCOMES else row.parsed.raw,
            }
            for row in rows
        ),
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
