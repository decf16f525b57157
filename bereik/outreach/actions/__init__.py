"""Writes of the outreach app, by topic: contact attempts (`attempts`), planned home visits
(`visits`), letters and batches (`letters`), the beheerder's letter templates (`templates`), the
brochure (`brochure`) and the dossier's reached date, status and volgende stap (`reach`).

Every function takes `actor=`, runs in a transaction, leaves an audit event, and keeps the
dossier's reached_on, next step and status in line with the practice's rules
(`outreach_refresh`). Other apps call them through this package
(`from bereik.outreach import actions; actions.letter_generate(...)`); the demo's clock wraps
some of them here by name (`bereik.lib.clock.derive`)."""

from bereik.outreach.actions.attempts import attempt_correct, attempt_record, attempt_withdraw
from bereik.outreach.actions.brochure import (
    brochure_hand_over,
    brochure_hand_over_once,
    brochure_upload,
)
from bereik.outreach.actions.letters import (
    letter_generate,
    letter_mark_sent,
    letters_generate_batch,
)
from bereik.outreach.actions.reach import outreach_refresh, reached_and_status_sync
from bereik.outreach.actions.templates import letter_template_restore, letter_template_upload
from bereik.outreach.actions.visits import visit_cancel, visit_plan

__all__ = [
    "attempt_correct",
    "attempt_record",
    "attempt_withdraw",
    "brochure_hand_over",
    "brochure_hand_over_once",
    "brochure_upload",
    "letter_generate",
    "letter_mark_sent",
    "letter_template_restore",
    "letter_template_upload",
    "letters_generate_batch",
    "outreach_refresh",
    "reached_and_status_sync",
    "visit_cancel",
    "visit_plan",
]
