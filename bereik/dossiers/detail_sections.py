from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.dossiers import sections
from bereik.lib import insz, tabular
from bereik.lib.documents import format_amount as euro


# Below the work on the dossier and folded: the page header already shows what the signals say
# (company, customer number, amount, deadline); the details are one click away.
@sections.register(order=80, key="signalen")
def signals_section(request, dossier, ctx):
    signals = list(
        dossier.signals.select_related("company", "entered_by").order_by("-received_at", "-id")
    )
    for signal in signals:
        signal.raw_items = _raw_items(signal)
        signal.facts = _facts(signal)
    summary = ngettext("%(count)s signaal", "%(count)s signalen", len(signals)) % {
        "count": len(signals)
    }
    if signals:
        latest = signals[0]
        summary += f" · {_('laatste')}: {latest.get_kind_display()}, " + date_format(
            latest.received_at, "d/m/Y"
        )
    return {
        "title": _("Signalen"),
        "template": "dossiers/sections/signals.html",
        "signals": signals,
        "caption": summary,
    }


def _raw_items(signal) -> list[tuple[str, object]]:
    """The original row, with the INSZ columns masked: the full number is never in a list."""
    masked = set((signal.extra or {}).get("insz_columns", []))
    items = []
    for header, value in (signal.raw or {}).items():
        if header in masked and value not in ("", None):
            value = insz.mask(value) or "•••••••••••"
        items.append((header, _raw_display(value)))
    return items


def _raw_display(value) -> str:
    """A cell as the spreadsheet showed it: dates as 15/12/2026, numbers with a decimal comma
    (a workbook stores 1253.97 where Excel shows 1253,97)."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, float):
        return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")
    return tabular.display(value)


def _facts(signal) -> list[tuple[str, object]]:
    """The parsed fields worth reading at a glance, as (label, value)."""
    extra = signal.extra or {}
    facts = [
        (_("Bron"), signal.get_source_display() if signal.source else ""),
        (_("Van"), extra.get("sender", "") if "landlord" not in extra else ""),
        (_("Geregistreerd door"), signal.entered_by.get_full_name() if signal.entered_by else ""),
        (_("Klantnummer"), signal.customer_number),
        (_("Datum"), signal.reference_date),
        (_("Datum LAC"), signal.session_date),
        (_("Maatregel / actie"), signal.measure),
        (_("Datum maatregel"), signal.measure_date),
        (_("Bedrag"), euro(signal.amount)),
        (_("Energie"), extra.get("energy", "")),
        (_("Reden"), extra.get("reason", "")),
        (_("Huurder(s)"), ", ".join(extra.get("tenants", []))),
        (_("Verhuurder"), extra.get("landlord", "")),
        (_("Gerechtsdeurwaarder of griffie"), extra.get("sender", "")),
        (_("Vredegerecht"), extra.get("court", "")),
    ]
    if signal.consent is not None:
        facts.append((_("Toestemming van het gezin"), _("ja") if signal.consent else _("nee")))
    if signal.note:
        facts.append((_("Toelichting"), signal.note))
    if signal.protected_customer is not None:
        facts.append((_("Beschermde klant"), _("ja") if signal.protected_customer else _("nee")))
    return [(label, value) for label, value in facts if value not in ("", None)]
