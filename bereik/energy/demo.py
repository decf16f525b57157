"""Demo data: Fluvius dossiers in the winter stop with minimum supply. On the energy dossiers of
the imported Fluvius list the Energie- en Watercel records the OCMW's decisions (electricity and
gas granted for the winter stop now under way, or the next one; one refused) and the supply
situation (budget meter active with Fluvius as social supplier, a removal asked, a prepaid
function). With the call from Fluvius entered at reception (a cut-off planned inside the winter
stop), every energy specific is on screen."""

from __future__ import annotations

import datetime

from django.utils import timezone

from bereik.dossiers.models import Dossier
from bereik.energy import actions
from bereik.energy.models import MinimumSupply, SupplySituation
from bereik.lib import clock
from bereik.organisation.models import Organisation

M, S = MinimumSupply, SupplySituation


def load(ctx):
    today = timezone.localdate()
    cell = ctx.users["celine"]
    dossiers = list(
        Dossier.objects.filter(
            kind=Dossier.Kind.ENERGIE,
            status__in=Dossier.OPEN_STATUSES,
            company=ctx.companies["Fluvius"],
        ).order_by("opened_at", "number")[:4]
    )
    if not dossiers:
        return
    start, end = Organisation.winter_stop().current_or_next(today)
    last_day = end - datetime.timedelta(days=1)
    decided = clock.working_day_before(min(today, start) - datetime.timedelta(days=2))
    decided = min(decided, today)
    stories = [
        [
            ("supply", {"fuel": M.Fuel.ELECTRICITY, "decision": M.Decision.GRANTED,
                        "power": "10 A", "paid_by": M.Payer.OCMW,
                        "note": "Gezin met een baby; de woning wordt elektrisch verwarmd."}),
            ("situation", {"meter": S.Meter.BUDGET, "meter_status": S.MeterStatus.ACTIVE,
                           "social_supplier": True}),
        ],
        [
            ("supply", {"fuel": M.Fuel.GAS, "decision": M.Decision.GRANTED,
                        "power": "0,5 m³/u", "paid_by": M.Payer.SHARED}),
            ("situation", {"meter": S.Meter.PREPAID, "meter_status": S.MeterStatus.ACTIVE,
                           "social_supplier": True}),
        ],
        [
            ("situation", {"meter": S.Meter.BUDGET, "meter_status": S.MeterStatus.REMOVAL_ASKED,
                           "note": "Schuld afbetaald: wegname gevraagd aan Fluvius."}),
        ],
        [
            ("supply", {"fuel": M.Fuel.ELECTRICITY, "decision": M.Decision.REFUSED,
                        "note": "Voldoende inkomen; afbetalingsplan afgesproken."}),
        ],
    ]  # fmt: skip
    for dossier, story in zip(dossiers, stories, strict=False):
        for what, values in story:
            with clock.at(clock.on(decided, "namiddag"), after=dossier):
                if what == "supply":
                    granted = values["decision"] == M.Decision.GRANTED
                    actions.minimum_supply_record(
                        dossier,
                        decided_on=decided,
                        start=start if granted else None,
                        end=last_day if granted else None,
                        actor=cell,
                        **values,
                    )
                else:
                    actions.supply_situation_record(
                        dossier, recorded_on=decided, actor=cell, **values
                    )
    ctx.data["energy"] = dossiers
