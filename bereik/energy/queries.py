"""Reads of the energy specifics, for the dossier page, the LAC's energy advice and the figures.

For the figures (`bereik.reports`): `figures(start, end)` counts, in a fixed number of queries,
the decisions on minimum supply taken in a period (per fuel and decision, and who pays what was
granted), the current supply situation of the open energy dossiers (per meter and status, and
how many have Fluvius as social supplier) and the open energy dossiers whose deadline falls in
the winter stop (and whose planned cut-off does). The models' fields are indexed for the same
counts: `MinimumSupply.decided_on/fuel/decision`, `SupplySituation.meter/meter_status`.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from bereik.dossiers.models import Dossier
from bereik.energy.models import MinimumSupply, SupplySituation
from bereik.organisation.models import Organisation


def current_situations(dossier_ids) -> dict[int, SupplySituation]:
    """dossier id -> its latest supply situation (one query)."""
    latest: dict[int, SupplySituation] = {}
    rows = SupplySituation.objects.filter(dossier_id__in=list(dossier_ids)).order_by(
        "dossier_id", "-recorded_on", "-pk"
    )
    for situation in rows:
        latest.setdefault(situation.dossier_id, situation)
    return latest


def supplies_for(dossier_ids) -> dict[int, list[MinimumSupply]]:
    """dossier id -> its decisions on minimum supply, latest first (one query)."""
    found = defaultdict(list)
    for supply in MinimumSupply.objects.filter(dossier_id__in=list(dossier_ids)):
        found[supply.dossier_id].append(supply)
    return found


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class EnergyFacts:
    """What the LAC and the dossier page say of an energy dossier."""

    winter_stop_ends: datetime.date | None = None  # the day (or deadline) is in the winter stop
    cutoff_in_winter_stop: bool = False
    supplies: list[MinimumSupply] = field(default_factory=list)
    situation: SupplySituation | None = None

    def lines(self) -> list[str]:
        """In Dutch, one fact a line, for the LAC's preparation and advice."""
        lines = []
        if self.winter_stop_ends is not None:
            lines.append(
                _("Winterstop: geen afsluiting vóór %(date)s.")
                % {"date": _d(self.winter_stop_ends)}
            )
        if self.cutoff_in_winter_stop:
            lines.append(_("De geplande afsluiting valt in de winterstop: ze mag niet."))
        for supply in self.supplies:
            if supply.decision == MinimumSupply.Decision.GRANTED:
                text = _(
                    "Minimale levering %(code)s toegekend van %(start)s tot en met %(end)s"
                    "%(power)s, betaald door %(payer)s."
                )
                lines.append(
                    text
                    % {
                        "code": supply.code,
                        "start": _d(supply.start),
                        "end": _d(supply.end),
                        "power": f" ({supply.power})" if supply.power else "",
                        "payer": str(supply.get_paid_by_display()).lower(),
                    }
                )
            else:
                lines.append(
                    _("Minimale levering %(code)s geweigerd op %(date)s.")
                    % {"code": supply.code, "date": _d(supply.decided_on)}
                )
        if self.situation is not None:
            lines.append(self.situation.summary + ".")
        return lines


def facts_for(dossiers, *, on: datetime.date | None = None) -> dict[int, EnergyFacts]:
    """dossier id -> EnergyFacts for the energy dossiers among `dossiers` (two queries). The
    winter stop is looked at on `on` (a session's date), else on each dossier's deadline."""
    energy = [d for d in dossiers if d.kind == Dossier.Kind.ENERGIE]
    if not energy:
        return {}
    winter = Organisation.winter_stop()
    ids = [d.pk for d in energy]
    supplies, situations = supplies_for(ids), current_situations(ids)
    return {
        dossier.pk: EnergyFacts(
            winter_stop_ends=winter.ends(on) if on is not None else dossier.winter_stop_ends,
            cutoff_in_winter_stop=dossier.cutoff_in_winter_stop,
            supplies=supplies.get(dossier.pk, []),
            situation=situations.get(dossier.pk),
        )
        for dossier in energy
    }


def figures(start: datetime.date, end: datetime.date) -> dict:
    """The energy figures of a period (see the module's docstring), as plain counts."""
    decided = MinimumSupply.objects.filter(decided_on__range=(start, end))
    decisions = {
        (row["fuel"], row["decision"]): row["n"]
        for row in decided.values("fuel", "decision").annotate(n=Count("id")).order_by()
    }
    payers = {
        row["paid_by"]: row["n"]
        for row in decided.filter(decision=MinimumSupply.Decision.GRANTED)
        .values("paid_by")
        .annotate(n=Count("id"))
        .order_by()
    }
    open_energy = Dossier.objects.filter(
        kind=Dossier.Kind.ENERGIE, status__in=Dossier.OPEN_STATUSES
    )
    situations = current_situations(open_energy.values_list("pk", flat=True))
    meters = Counter((s.meter, s.meter_status) for s in situations.values())
    winter = Organisation.winter_stop()
    in_winter = [
        (deadline, kind)
        for deadline, kind in open_energy.exclude(deadline=None).values_list(
            "deadline", "deadline_kind"
        )
        if winter.applies(deadline)
    ]
    return {
        "minimum_supply": {f"{fuel}:{decision}": n for (fuel, decision), n in decisions.items()},
        "minimum_supply_granted_paid_by": payers,
        "meters": {f"{meter}:{status}": n for (meter, status), n in meters.items()},
        "social_supplier": sum(1 for s in situations.values() if s.social_supplier),
        "deadline_in_winter_stop": len(in_winter),
        "cutoff_in_winter_stop": sum(
            1 for _deadline, kind in in_winter if kind == Dossier.DeadlineKind.MEASURE
        ),
    }
