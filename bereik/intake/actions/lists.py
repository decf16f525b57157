"""The company lists' writes (LAC lists, warnings, weekly reports): the `store` and
`after_commit` of their import kinds (`bereik/intake/list_kinds.py`).

Storing a list's plan: the dossiers it opens (numbered at commit) or brings up to date, the
signals with their raw rows, their timeline entries and a result per row, with bulk inserts, a
batch of rows at a time while the plan is made (`ListStore`, `importing.make_plan`'s sink).
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
from bereik.intake.importing import SIGNAL_OUTCOMES, Plan, Stored
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


class ListStore:
    """Writes a company list's plan inside the import's transaction, a batch of rows at a time
    (`importing.make_plan`'s sink, so that a long list is stored while it is read and never held
    whole): the batch's new dossiers (numbered here), the dossiers its rows brought up to date,
    then its signals, timeline entries and row results, each with one bulk insert. `finish`
    gives the import's result."""

    def __init__(self, batch: ImportBatch, *, actor):
        self.batch = batch
        self.now = batch.imported_at or timezone.now()
        self.user = user_or_none(actor)
        # The timeline texts of the signals, their fixed parts translated once per import.
        self.summaries = _EventSummaries(dict(Signal.Kind.choices)[batch.kind], batch)

    def __call__(self, plan: Plan, rows) -> None:
        options, now = plan.options, self.now
        new = [row.dossier for row in rows if row.outcome == ImportRow.Outcome.NEW_DOSSIER]
        if new:
            numbers = next_dossier_numbers(len(new))
            ids = bulk.insert(
                Dossier,
                (
                    {**dossier.values, "number": number, "opened_at": now, "updated_at": now}
                    for dossier, number in zip(new, numbers, strict=True)
                ),
                returning=True,
            )
            for dossier, number, pk in zip(new, numbers, ids, strict=True):
                dossier.pk = dossier.id = pk
                dossier.number, dossier.opened_at = number, now
                dossier._changed_fields = set()  # what the insert wrote

        # Dossiers stored before (in the database, or by an earlier batch) that got new
        # household data or a new deadline, grouped by what changed: an update statement per
        # group, each with only the fields that change (few groups in practice).
        groups: dict[tuple, dict[int, object]] = {}
        for row in rows:
            dossier = row.dossier
            changed = getattr(dossier, "_changed_fields", None)
            if changed:
                dossier.updated_at = now
                groups.setdefault(tuple(sorted(changed)), {})[dossier.pk] = dossier
                dossier._changed_fields = set()
        for fields, dossiers in groups.items():
            bulk.update_many(list(dossiers.values()), [*fields, "updated_at"])

        for start in range(0, len(rows), CHUNK):
            _store_rows(
                rows[start : start + CHUNK], self.batch, options, now, self.user, self.summaries
            )

    def finish(self, plan: Plan) -> ImportResult:
        """The import's result. The plan then keeps of its dossiers only their id and number
        (what the next steps and the summary read), not their values."""
        plan.new_dossiers = [
            dossier if isinstance(dossier, Stored) else Stored(dossier.pk, dossier.number)
            for dossier in plan.new_dossiers
        ]
        plan.updated_dossiers = {
            pk: Stored(pk, dossier.number) for pk, dossier in plan.updated_dossiers.items()
        }
        return ImportResult(
            plan=plan,
            batch=self.batch,
            dossiers_created=[dossier.number for dossier in plan.new_dossiers],
            dossiers_updated=sorted(dossier.number for dossier in plan.updated_dossiers.values()),
        )


def store(batch: ImportBatch, plan: Plan, *, actor) -> ImportResult:
    """Write a whole plan made without a sink (the weekly report's, which decides its lines
    after the lists' plan): the same writes as the streamed import, CHUNK rows at a time."""
    sink = ListStore(batch, actor=actor)
    for start in range(0, len(plan.rows), CHUNK):
        chunk = plan.rows[start : start + CHUNK]
        sink(plan, chunk)
        for row in chunk:
            row.release()
    plan.table.rows = []
    return sink.finish(plan)


def _store_rows(rows, batch: ImportBatch, options, now, user, summary) -> None:
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
                "summary": summary(row)[:300],
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


class _EventSummaries:
    """The timeline text of each row's signal, its fixed parts translated once per import (a
    100,000-row list would otherwise translate them 300,000 times)."""

    def __init__(self, kind_label: str, batch: ImportBatch):
        # str(): a choice's label is lazy, translated again each time it is formatted.
        self.kind_label, self.company = str(kind_label), str(batch.company)
        self.batch = batch.pk
        self.session = _("LAC-zitting %(date)s")
        self.planned = _("gepland op %(date)s")
        self.opened = _(
            "Dossier geopend: %(kind)s van %(company)s%(details)s (import %(batch)s, rij %(row)s)"
        )
        self.added = _(
            "Signaal: %(kind)s van %(company)s%(details)s (import %(batch)s, rij %(row)s)"
        )

    def __call__(self, row) -> str:
        signal = row.signal
        details = []
        if signal.get("measure"):
            details.append(signal["measure"])
        if signal.get("session_date"):
            details.append(self.session % {"date": f"{signal['session_date']:%d/%m/%Y}"})
        elif signal.get("measure_date"):
            details.append(self.planned % {"date": f"{signal['measure_date']:%d/%m/%Y}"})
        template = self.opened if row.outcome == ImportRow.Outcome.NEW_DOSSIER else self.added
        return template % {
            "kind": self.kind_label,
            "company": self.company,
            "details": (" · " + ", ".join(details)) if details else "",
            "batch": self.batch,
            "row": row.number,
        }
