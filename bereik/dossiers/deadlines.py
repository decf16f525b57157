"""What a dossier's deadline says today: the days left or past, whether it is near (the
organisation's warning period), and for energy the winter stop that covers it. A mixin of
`Dossier` (its fields `deadline`, `deadline_kind` and `kind`); the worklists draw the same
against one page (`cells.Page`), the lists filter with `DossierQuerySet`'s rules."""

from __future__ import annotations

import datetime

from django.utils import timezone

from bereik.organisation.models import Organisation


class DeadlineRules:
    @property
    def days_left(self) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        days = self.days_left
        return -days if days is not None and days < 0 else 0

    @property
    def deadline_is_near(self) -> bool:
        """Within the organisation's warning period (default 7 days), or past."""
        days = self.days_left
        if days is None:
            return False
        return days <= Organisation.warning_days()

    # The winter stop (energy): whether it covers the deadline, and a cut-off planned inside it.
    @property
    def winter_stop_ends(self) -> datetime.date | None:
        """For an energy dossier whose deadline falls in the winter stop: the day cut-offs may
        start again (no query: the organisation's setting is cached)."""
        if self.kind != self.Kind.ENERGIE or self.deadline is None:
            return None
        return Organisation.winter_stop().ends(self.deadline)

    @property
    def cutoff_in_winter_stop(self) -> bool:
        """A cut-off planned (a warning's measure date) inside the winter stop: it may not
        happen then."""
        return self.deadline_kind == self.DeadlineKind.MEASURE and self.winter_stop_ends is not None
