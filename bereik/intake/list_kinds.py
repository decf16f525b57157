"""The intake's own kinds of import: the companies' lists (LAC water, LAC energie, verwittiging,
weekrapport), and the court document, which is registered with its own form (no table, no
preview) so that the history and an import's page know it. Registered from `IntakeConfig.ready()`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import partial

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bereik.dossiers.models import Signal
from bereik.intake import importing, kinds, placements, weekly
from bereik.intake.actions import lists
from bereik.intake.forms import OtherSessionForm
from bereik.intake.models import ImportRow
from bereik.intake.rules import check_company
from bereik.intake.specs import SPECS
from bereik.lib import insz

LAC_KINDS = (Signal.Kind.LAC_WATER, Signal.Kind.LAC_ENERGIE)


def row_view(row, can_see_insz: bool, *, spec) -> dict:
    """A planned row of a list as the preview shows it (parsed values, not the file's text)."""
    signal = row.signal or {}
    values = row.parsed.values
    number = values.get("house_number", "") + (f" bus {values['box']}" if values.get("box") else "")
    street = f"{values.get('street', '')} {number}".strip()
    place = f"{values.get('postcode', '')} {values.get('city', '')}".strip()
    # The parsed values (Decimal, date) rather than their stored JSON text, to show them as such.
    extra = {
        str(spec.field(key).label if spec.field(key) else key): values.get(key, value)
        for key, value in (signal.get("extra") or {}).items()
        if key != "insz_columns" and value not in ("", None)
    }
    return {
        "number": row.number,
        "customer_number": values.get("customer_number", ""),
        "name": row.name,
        "address": ", ".join(part for part in (street, place) if part),
        "insz": insz.mask(values.get("insz")) if can_see_insz and values.get("insz") else "",
        "amount": signal.get("amount", values.get("amount")),
        "date": signal.get("reference_date"),
        "deadline": row.deadline,
        "measure": values.get("measure", ""),
        "protected": values.get("protected_customer"),
        "extra": {key: _shown(value) for key, value in extra.items()},
        "outcome": row.outcome,
        "outcome_label": dict(ImportRow.Outcome.choices)[row.outcome],
        "note": row.note,
        "errors": row.parsed.errors,
    }


def _shown(value) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return number_format(value, 2, force_grouping=True)  # 1.377,02
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def success_message(result) -> str:
    counts = result.plan.counts
    return _(
        "Geïmporteerd. Nieuwe signalen: %(created)s · nieuwe dossiers: %(new)s · aangevulde "
        "dossiers: %(updated)s · al gekend: %(known)s · rijen met fouten: %(errors)s."
    ) % {
        "created": counts["signals_created"],
        "new": counts["dossiers_created"],
        "updated": counts["dossiers_updated"],
        "known": counts["signals_skipped"],
        "errors": counts["rows_with_errors"],
    }


def other_session_form(plan, data):
    """For a LAC list whose households are already on another open session's agenda: the
    question what to do with them (None when there are none)."""
    elsewhere = placements.elsewhere(plan)
    return OtherSessionForm(data, elsewhere=elsewhere) if elsewhere else None


LIST_INTRO = gettext_lazy(
    "Een LAC-lijst, verwittigingen of een weekrapport van een maatschappij, als CSV of Excel "
    "(.xlsx). Je ziet eerst een voorbeeld: pas na je bevestiging wordt er iets opgeslagen."
)


def register_all() -> None:
    for order, (code, spec) in enumerate(SPECS.items(), start=1):
        kinds.register(
            kinds.ImportKind(
                code=code,
                label=spec.label,
                spec=spec,
                plan=weekly.make_plan if code == Signal.Kind.WEEKRAPPORT else importing.make_plan,
                store=lists.store,
                # The weekly report decides its lines after the lists' plan: stored whole.
                stream=None if code == Signal.Kind.WEEKRAPPORT else lists.ListStore,
                result=lists.ImportResult,
                needs_company=True,
                asks_session_date=code in LAC_KINDS,
                check=check_company,
                after_commit=(
                    weekly.after_commit if code == Signal.Kind.WEEKRAPPORT else lists.after_commit
                ),
                confirm_options=other_session_form if code in LAC_KINDS else None,
                row_view=partial(row_view, spec=spec),
                success_message=success_message,
                upload_intro=LIST_INTRO,
                order=order * 10,
            )
        )
    kinds.register(
        kinds.ImportKind(
            code=Signal.Kind.UITHUISZETTING,
            label=Signal.Kind.UITHUISZETTING.label,
            order=50,
        )
    )
