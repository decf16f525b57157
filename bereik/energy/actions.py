"""Writes of the energy specifics: each takes `actor=`, runs in a transaction, leaves an audit
event and a timeline entry on the energy dossier."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bereik import audit
from bereik.dossiers.actions import dossier_log
from bereik.dossiers.models import Dossier
from bereik.energy.models import MinimumSupply, SupplySituation

EVENT = "energie"


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _check_dossier(dossier: Dossier) -> None:
    if dossier.kind != Dossier.Kind.ENERGIE:
        raise ValidationError(_("Dit is geen energiedossier."))


@transaction.atomic
def minimum_supply_record(
    dossier: Dossier,
    *,
    fuel: str,
    decision: str,
    decided_on: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    power: str = "",
    paid_by: str = "",
    note: str = "",
    actor,
) -> MinimumSupply:
    """The OCMW's decision on minimum supply of gas (MLA) or electricity (MLE): granted from a
    day to a day, at a power, paid by the OCMW, the client or both; or refused."""
    _check_dossier(dossier)
    if fuel not in MinimumSupply.Fuel.values:
        raise ValidationError({"fuel": _("Kies aardgas of elektriciteit.")})
    if decision not in MinimumSupply.Decision.values:
        raise ValidationError({"decision": _("Kies de beslissing.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("Deze datum ligt in de toekomst.")})
    if decision == MinimumSupply.Decision.GRANTED:
        errors = {}
        if start is None:
            errors["start"] = _("Vanaf wanneer?")
        if end is None:
            errors["end"] = _("Tot wanneer?")
        elif start is not None and end < start:
            errors["end"] = _("Het einde valt na het begin.")
        if paid_by not in MinimumSupply.Payer.values:
            errors["paid_by"] = _("Wie betaalt de minimale levering?")
        if errors:
            raise ValidationError(errors)
    else:
        start = end = None
        power, paid_by = "", ""
    supply = MinimumSupply.objects.create(
        dossier=dossier,
        fuel=fuel,
        decision=decision,
        decided_on=decided_on,
        start=start,
        end=end,
        power=power.strip(),
        paid_by=paid_by,
        note=note.strip(),
        created_by=_user(actor),
    )
    if decision == MinimumSupply.Decision.GRANTED:
        summary = _(
            "Minimale levering %(code)s toegekend van %(start)s tot en met %(end)s"
            "%(power)s, betaald door %(payer)s"
        ) % {
            "code": supply.code,
            "start": _d(start),
            "end": _d(end),
            "power": f" ({supply.power})" if supply.power else "",
            "payer": str(supply.get_paid_by_display()).lower(),
        }
    else:
        summary = _("Minimale levering %(code)s geweigerd") % {"code": supply.code}
    dossier_log(
        dossier, f"{EVENT}.minimale_levering", summary, actor=actor, text=supply.note,
        data={"supply": supply.pk, "fuel": fuel, "decision": decision},
    )  # fmt: skip
    audit.record(
        "energy.minimum_supply",
        actor=actor,
        obj=supply,
        details={"fuel": fuel, "decision": decision, "start": _d(start), "end": _d(end)},
    )
    return supply


@transaction.atomic
def supply_situation_record(
    dossier: Dossier,
    *,
    meter: str,
    meter_status: str = "",
    social_supplier: bool = False,
    recorded_on: datetime.date | None = None,
    note: str = "",
    actor,
) -> SupplySituation:
    """The household's supply now: Fluvius as social supplier or not, the budget meter or the
    prepaid function and its status (active, removal asked, removed)."""
    _check_dossier(dossier)
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Deze datum ligt in de toekomst.")})
    if meter not in SupplySituation.Meter.values:
        raise ValidationError({"meter": _("Kies de meter.")})
    if meter == SupplySituation.Meter.NONE:
        meter_status = ""
    elif meter_status not in SupplySituation.MeterStatus.values:
        raise ValidationError({"meter_status": _("Kies de status van de meter.")})
    situation = SupplySituation.objects.create(
        dossier=dossier,
        recorded_on=recorded_on,
        social_supplier=social_supplier,
        meter=meter,
        meter_status=meter_status,
        note=note.strip(),
        created_by=_user(actor),
    )
    dossier_log(
        dossier,
        f"{EVENT}.levering",
        _("Leveringssituatie: %(summary)s") % {"summary": situation.summary},
        actor=actor,
        text=situation.note,
        data={"situation": situation.pk, "meter": meter, "status": meter_status},
    )
    audit.record(
        "energy.supply_situation",
        actor=actor,
        obj=situation,
        details={"meter": meter, "status": meter_status, "social_supplier": social_supplier},
    )
    return situation
