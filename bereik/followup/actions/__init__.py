"""Writes of the follow-up: every function takes `actor=`, runs in one transaction, records an audit
event and, when the people on the dossier should see it, a timeline entry (DossierEvent).

One module per topic; other apps call them as `bereik.followup.actions.<name>`. What only reads or
checks lives in `queries.py` and `rules.py`."""

from bereik.followup.actions.closing import aftercare_tasks_create, dossier_close, dossier_reopen
from bereik.followup.actions.config import config_item_save
from bereik.followup.actions.conversation import proposal_create, report_save
from bereik.followup.actions.records import (
    document_add,
    note_add,
    water_scan_record,
    water_scan_request,
)
from bereik.followup.actions.referrals import (
    handover_cancel,
    handover_confirm,
    handover_create,
    handover_reminders_create,
    referral_accept,
    referral_create,
    referral_return,
    referral_to_cell,
)
from bereik.followup.actions.rights import (
    rights_update,
    support_request_create,
    support_request_decide,
)

__all__ = [
    "aftercare_tasks_create",
    "config_item_save",
    "document_add",
    "dossier_close",
    "dossier_reopen",
    "handover_cancel",
    "handover_confirm",
    "handover_create",
    "handover_reminders_create",
    "note_add",
    "proposal_create",
    "referral_accept",
    "referral_create",
    "referral_return",
    "referral_to_cell",
    "report_save",
    "rights_update",
    "support_request_create",
    "support_request_decide",
    "water_scan_record",
    "water_scan_request",
]
