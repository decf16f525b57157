"""The weekly report (weekrapport) as a kind of import: its lines are kept whether or not the
household has an open dossier, matched to the client register like the other lists, and a line
opens a dossier by itself only when its action calls for follow-up.

- **Which actions open a dossier.** A line about a household without an open dossier of its kind
  stays a signal without dossier, kept with its client once matched (the client's page shows it),
  unless its action calls for follow-up: by default an `Afsluiting` (the water is cut off) or a
  `Debietbegrenzer geplaatst` (the supply is limited), the two actions after which the household
  lives without normal water and the OCMW must act. The beheerder changes this per action (Beheer
  → Acties van het weekrapport, `WeeklyAction`); an action nobody configured follows the default.
- **The plan** is the lists' plan (`importing.make_plan`) with that rule applied to the lines it
  left without dossier (`make_plan` below), so the preview says which lines open a dossier.
- **After the commit** the lists' next steps run for the dossiers (matching, volgende stap), and
  the flow's `lines_arrived` for every line of the report (`tasks.after_lines_task`): the triage
  matches the lines to the register, later apps follow (the weekly digest, the protected flag).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus

from bereik.intake import importing
from bereik.intake.actions import lists
from bereik.intake.models import ImportRow
from bereik.intake.rules import action_key, follow_up_keys
from bereik.intake.tasks import after_lines_task


def make_plan(content: bytes, *, filename: str, options) -> importing.Plan:
    """The lists' plan, with the lines whose action calls for follow-up opening a dossier (a
    second line of the same household in the file goes to that new dossier)."""
    plan = importing.make_plan(content, filename=filename, options=options)
    if not plan.rows:
        return plan
    keys = follow_up_keys()
    target_kind = importing.dossier_kind(options.kind, options.company)
    opened: dict[str, object] = {}
    for row in plan.rows:
        if row.outcome != ImportRow.Outcome.UNATTACHED:
            continue
        number = row.signal["customer_number"]
        dossier = opened.get(number)
        if dossier is not None:
            row.outcome, row.dossier = ImportRow.Outcome.ADDED, dossier
            row.note = _("Bij het nieuwe dossier van rij %(row)s.") % {"row": dossier._first_row}
        elif action_key(row.signal.get("measure", "")) in keys:
            dossier = importing._new_dossier(row, options.company, target_kind)
            opened[number] = dossier
            plan.new_dossiers.append(dossier)
            row.outcome, row.dossier = ImportRow.Outcome.NEW_DOSSIER, dossier
            row.note = _("Nieuw dossier: deze actie vraagt opvolging.")
    return plan


def after_commit(result, *, actor) -> None:
    """The lists' next steps for the dossiers, then `lines_arrived` for every stored line."""
    lists.after_commit(result, actor=actor)
    batch = result.batch
    if batch is None:
        return
    # The lines as stored (the store keeps each row's signal on its ImportRow).
    ids = list(
        ImportRow.objects.filter(batch=batch, signal__isnull=False).values_list(
            "signal_id", flat=True
        )
    )
    if not ids:
        return
    user = actor if getattr(actor, "is_authenticated", False) else None
    queued = after_lines_task.enqueue(ids, user.pk if user else None, batch.pk)
    problems = queued.return_value if queued.status == TaskResultStatus.SUCCESSFUL else None
    if problems:
        result.follow_up_problems = [*result.follow_up_problems, *problems]
