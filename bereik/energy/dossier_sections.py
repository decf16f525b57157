from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import sections
from bereik.dossiers.models import Dossier
from bereik.energy import queries
from bereik.organisation.models import Organisation


@sections.register(order=36, key="energie", open_in=(sections.CONTACT, sections.HELP))
def energy_section(request, dossier, ctx):
    """The winter stop on the dossier's deadline, minimum supply, the budget meter or prepaid and
    Fluvius as social supplier."""
    if dossier.kind != Dossier.Kind.ENERGIE:
        return None
    facts = queries.facts_for([dossier])[dossier.pk]
    history = list(dossier.supply_situations.select_related("created_by")[:5])
    today = timezone.localdate()
    winter = Organisation.winter_stop()
    caption = []
    if facts.winter_stop_ends:
        caption.append(_("winterstop"))
    if any(s.active_on(today) for s in facts.supplies):
        caption.append(_("minimale levering"))
    if facts.situation is not None:
        caption.append(facts.situation.get_meter_display())
    return {
        "title": _("Energie"),
        "template": "energy/section.html",
        "facts": facts,
        "history": history,
        "today": today,
        "winter_now": winter.period(today),
        "winter_next": winter.current_or_next(today),
        "caption": " · ".join(str(part) for part in caption),
    }
