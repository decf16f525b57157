from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bereik.dossiers import sections
from bereik.dossiers.models import Dossier
from bereik.eviction import queries
from bereik.followup.queries import latest_closure


# The procedure is what a woonst dossier is about: open in every phase, also once it ended.
@sections.register(
    order=35,
    key="uithuiszetting",
    open_in=(sections.CONTACT, sections.HELP, sections.CLOSED),
)
def eviction_section(request, dossier, ctx):
    """The procedure after the summons, from the hearing to how it ended, with its forms."""
    if dossier.kind != Dossier.Kind.WOONST:
        return None
    procedure = queries.procedure_of(dossier, today=timezone.localdate())
    return {
        "title": _("Uithuiszetting"),
        "template": "eviction/section.html",
        "procedure": procedure,
        "closure": None if dossier.is_open else latest_closure(dossier),
        "caption": procedure.stage,
        "letter": queries.LETTER_BEFORE_HEARING,
    }
