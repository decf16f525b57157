"""The dossier page's section "Waterverbruik" (water dossiers): what the worker learnt of the
household's water use and who proposed a scan, the grounds of a water-scan suggestion."""

from django.utils.translation import gettext as _

from bereik.dossiers import presence, sections
from bereik.weekly.forms import WaterUsageForm
from bereik.weekly.models import ScanSuggestion
from bereik.weekly.rules import household_key


@sections.register(order=42, key="waterverbruik", column="side", reads=("water_usages",))
def water_usage_section(request, dossier, ctx):
    if dossier.kind != "water":
        return None
    usages = presence.rows(dossier, "water_usages", dossier.water_usages.all()[:5])
    key = household_key(dossier.client_id, dossier.company_id, dossier.customer_number)
    suggestion = ScanSuggestion.objects.filter(household=key).first()
    return {
        "title": _("Waterverbruik"),
        "template": "weekly/section.html",
        "caption": suggestion.get_status_display() if suggestion else _("niets genoteerd"),
        "usages": usages,
        "suggestion": suggestion,
        "form": WaterUsageForm(prefix="verbruik")
        if ctx.get("can_change") and dossier.is_open
        else None,
    }
