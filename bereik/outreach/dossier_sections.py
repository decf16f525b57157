"""The "Contact en brieven" section of the dossier page: reached or not, planned visits, contact
attempts (with their corrections), letters and the brochure. The next step with its buttons is
in the page header (`step_rule.py`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bereik.dossiers import presence, sections
from bereik.outreach import letters, queries
from bereik.outreach.forms import AttemptForm, HandoverForm
from bereik.outreach.models import ContactAttempt


def attempt_entries(attempts: list[ContactAttempt]) -> list[dict]:
    """Current and struck attempts, newest first, each with its earlier versions (`attempts`:
    every version, as recorded)."""
    by_id = {attempt.pk: attempt for attempt in attempts}
    entries = []
    for attempt in attempts:
        if not attempt.is_current and attempt.withdrawn_at is None:
            continue  # an older version: shown under the version that replaced it
        history, previous = [], by_id.get(attempt.replaces_id)
        while previous is not None:
            history.append(previous)
            previous = by_id.get(previous.replaces_id)
        entries.append({"attempt": attempt, "history": history})
    entries.sort(key=lambda entry: entry["attempt"].sort_key(), reverse=True)
    return entries


@sections.register(
    order=30,
    key="contacten",
    open_in=(sections.CONTACT,),
    reads=("contact_attempts", "letters", "planned_visits", "brochure_handovers"),
)
def outreach_section(request, dossier, ctx):
    # The rows the header's next step was decided from: read once for the page.
    rows = queries.page_rows(dossier)
    situation = queries.situation_on_page(dossier)
    can_change = ctx.get("can_change", False)
    count = len(situation.attempts)
    tried = ngettext("%(count)s contactpoging", "%(count)s contactpogingen", count) % {
        "count": count
    }
    reached = (
        _("bereikt op %(date)s") % {"date": f"{dossier.reached_on:%d/%m/%Y}"}
        if dossier.reached_on
        else _("nog niet bereikt")
    )
    return {
        "title": _("Contact en brieven"),
        "template": "outreach/section.html",
        "caption": f"{reached} · {tried}",
        "attempt_count": len(situation.attempts),
        "entries": attempt_entries(rows.attempts),
        "letters": rows.letters,
        "letter_types": letters.letter_types_for(dossier) if can_change else [],
        "visits": rows.visits,
        "handovers": presence.rows(dossier, "brochure_handovers", dossier.brochure_handovers.all()),
        "today": timezone.localdate(),
        "attempt_form": AttemptForm(user=request.user, auto_id="poging_%s") if can_change else None,
        "handover_form": HandoverForm(auto_id="brochure_%s") if can_change else None,
    }
