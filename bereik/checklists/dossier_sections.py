"""The guiding questions' section of the dossier page (registered from ChecklistsConfig.ready()):
the lists gone through with the household, how many suggestions each gave and how many were
referred. The answers themselves are on their own page, whose every view is an audited read."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.checklists import queries
from bereik.dossiers import presence, sections

SHOWN = 10


@sections.register(order=48, key="richtvragen", reads=("filled_checklists",))
def checklist_section(request, dossier, ctx):
    filled = presence.rows(dossier, "filled_checklists", queries.filled_for(dossier)[: SHOWN + 1])
    waiting = sum(item.suggestion_count - item.referred_count for item in filled[:SHOWN])
    caption = (
        ngettext("%(count)s keer overlopen", "%(count)s keer overlopen", len(filled))
        % {"count": len(filled)}
        if filled
        else _("nog niet overlopen")
    )
    return {
        "title": _("Richtvragen"),
        "template": "checklists/section.html",
        "caption": caption,
        "filled": filled[:SHOWN],
        "more": len(filled) > SHOWN,
        # Open while a suggestion of the lists gone through waits for a referral.
        "collapsed": not waiting or not dossier.is_open,
    }
