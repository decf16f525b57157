"""A LAC list whose households are already on another open session's agenda.

The intake shows it in the preview and asks what to do (move them, keep both, skip them); the
LAC, above the intake, knows the agenda: it registers its finder from its `AppConfig.ready()`:

    placements.register(find_elsewhere)

`find_elsewhere(wanted) -> list[Elsewhere]`, where `wanted` is {dossier id: the session date the
list asks}. The user's choice goes with the import (`ImportBatch.options["on_other_session"]`)
to the flow's `arrived` event, where the LAC honours it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from bereik.dossiers.models import Signal
from bereik.intake.models import ImportRow

LAC_KINDS = (Signal.Kind.LAC_WATER, Signal.Kind.LAC_ENERGIE)


class OnOtherSession(models.TextChoices):
    MOVE = "verplaatsen", _("Verplaatsen naar de zitting van deze lijst")
    KEEP = "beide", _("Op beide zittingen laten staan")
    SKIP = "overslaan", _("Overslaan: ze blijven op de zitting waar ze al staan")


@dataclass(frozen=True)
class Elsewhere:
    dossier_id: int
    number: str
    household: str
    session: str  # the other session, as the user reads it
    session_url: str
    asked: datetime.date  # the session date the list asks


_finders: list[Callable] = []


def register(func: Callable) -> Callable:
    if func not in _finders:
        _finders.append(func)
    return func


def elsewhere(plan) -> list[Elsewhere]:
    """The households of a LAC list's plan that are on another open session's agenda: the rows
    added to an open dossier whose session date differs from the session it is on."""
    if plan.options.kind not in LAC_KINDS:
        return []
    wanted = {
        row.dossier.pk: row.signal.get("session_date")
        for row in plan.rows
        if row.outcome == ImportRow.Outcome.ADDED
        and row.dossier is not None
        and row.dossier.pk
        and row.signal.get("session_date")
    }
    if not wanted:
        return []
    found = []
    for finder in _finders:
        found += finder(wanted)
    return sorted(found, key=lambda item: (item.household, item.number))
