from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from bereik import audit
from bereik.audit.models import AuditEvent
from bereik.dossiers import personal_data
from bereik.dossiers.personal_data import Erased, Scope
from bereik.lib import locking, sqlite_fts
from bereik.privacy import export, rules
from bereik.privacy.models import RetentionPeriod, periods


@dataclass
class RetentionResult:
    dry_run: bool
    periods: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0


class _DryRun(Exception):
    pass


def _erase(scope: Scope) -> Erased:
    erased = Erased()
    for part in personal_data.parts():
        if part.erase is not None:
            erased.add(part.erase(scope))
    return erased


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def retention_apply(*, actor=None, dry_run: bool = False, now=None) -> RetentionResult:
    """Anonymise the closed dossiers past their kind's period (each app's part, in one
    transaction), then delete the register clients that are due once those dossiers are done;
    remove their stored files after the commit. Records the counts (never a name) in the audit
    trail. A dry run does it all and rolls back, so its counts are exact."""
    now = now or timezone.now()
    result = RetentionResult(dry_run=dry_run, periods=periods())
    try:
        with transaction.atomic():
            erased = _erase(
                Scope(
                    dossier_ids=frozenset(rules.due_dossiers(now)),
                    signal_ids=frozenset(rules.due_signals(now)),
                    import_ids=frozenset(rules.due_register_imports(now)),
                )
            )
            erased.add(_erase(Scope(client_ids=frozenset(rules.due_clients(now)))))
            result.counts = dict(sorted(erased.counts.items()))
            result.files = len(set(erased.files))
            if dry_run:
                raise _DryRun
            if any(erased.counts.values()):
                # The erased names' trigrams leave the search indexes now (dossiers, signals,
                # the register's clients), not at some later merge.
                sqlite_fts.optimize_all()
            audit.record(
                "retention.apply",
                actor=actor,
                details={"counts": result.counts, "files": result.files, "years": result.periods},
            )
            names = sorted(set(erased.files))
            transaction.on_commit(lambda: _remove_files(names))
    except _DryRun:
        pass
    return result


@transaction.atomic
def retention_periods_update(
    years: dict[str, int], *, actor, version: str | None = None
) -> dict[str, tuple[int, int]]:
    """Set the periods (years per dossier kind and for clients); returns what changed.
    `version`: that of the periods the page showed; StaleEdit when someone saved in between."""
    list(RetentionPeriod.objects.select_for_update().values_list("pk", flat=True))
    before = periods()
    if version:
        shown = {subject: before.get(subject) for subject in years}
        locking.refuse_if_changed(version, locking.version_of_values(shown), current=shown)
    changes = {}
    for subject, value in years.items():
        if before.get(subject) != value:
            RetentionPeriod.objects.update_or_create(
                subject=subject, defaults={"years": value, "updated_by": actor}
            )
            changes[subject] = (before.get(subject), value)
    if changes:
        audit.record(
            "retention.periods_update",
            actor=actor,
            details={key: {"from": old, "to": new} for key, (old, new) in changes.items()},
        )
    return changes


def person_export(person, subject, *, reason: str, actor) -> bytes:
    """Everything Bereik holds about one person as a ZIP (right of access), for the beheerder,
    with the reason in the audit trail (a read of all their data)."""
    data, counts = export.build(person, export.collect(person.scope), reason=reason, actor=actor)
    with transaction.atomic():
        audit.record(
            "privacy.export",
            actor=actor,
            obj=subject,
            purpose=reason,
            kind=AuditEvent.Kind.READ,
            details=counts,
        )
    return data
