"""Letters for the ticked rows of a worklist: the action outreach adds to the dossiers' lists."""

from bereik.accounts import roles
from bereik.dossiers.worklists import BulkAction, register_bulk_action
from bereik.outreach.rules import batch_letter_choices


def register() -> None:
    register_bulk_action(
        BulkAction(
            20,
            "letters",
            "outreach:batch_create",
            "outreach/partials/bulk_letters.html",
            roles.writes_dossiers,
            lambda request: {"letter_choices": batch_letter_choices()},
        )
    )
