"""Letters for the ticked rows of a worklist: the action outreach adds to the dossiers' lists."""

from django.utils.translation import gettext as _

from bereik.accounts import roles
from bereik.dossiers.worklists import BulkAction, register_bulk_action
from bereik.outreach import letters, next_step
from bereik.outreach.letter_types import INVITATION


def letter_choices() -> list[tuple[str, str]]:
    """The letters that make sense for a selection of dossiers (outreach:batch_create)."""
    choices = [(INVITATION, _("Uitnodiging LAC (water of energie, volgens het dossier)"))]
    for code in (next_step.LAST_LETTER, "vrije_brief"):
        try:
            choices.append((code, str(letters.get_letter_type(code).label)))
        except LookupError:
            continue
    return choices


def register() -> None:
    register_bulk_action(
        BulkAction(
            20,
            "letters",
            "outreach:batch_create",
            "outreach/partials/bulk_letters.html",
            roles.writes_dossiers,
            lambda request: {"letter_choices": letter_choices()},
        )
    )
