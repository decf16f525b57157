"""Writes of the intake, by topic; every function runs in a transaction and leaves an audit event.

- `imports`: the one pipeline for every kind of file (upload, confirm, discard, `import_file`);
- `lists`: what a company list stores (signals, dossiers, timeline, a result per row);
- `documents`: court documents (eviction), with their own form;
- `profiles`: column profiles;
- `weekly_actions`: which actions of a weekly report open a dossier.

The public names stay importable from here (other apps' demos and tests use them).
"""

from bereik.intake.actions.documents import EVICTION_DOCUMENT_TYPES, eviction_register
from bereik.intake.actions.imports import (
    import_confirm,
    import_discard,
    import_file,
    import_kind,
    import_note,
    import_set_kind,
    import_upload,
)
from bereik.intake.actions.lists import ImportResult
from bereik.intake.actions.profiles import column_profile_delete, column_profile_save
from bereik.intake.actions.weekly_actions import weekly_actions_save
from bereik.intake.queries import PREVIEW_LIFETIME, plan_for
from bereik.intake.rules import is_pdf

__all__ = [
    "EVICTION_DOCUMENT_TYPES",
    "PREVIEW_LIFETIME",
    "ImportResult",
    "column_profile_delete",
    "column_profile_save",
    "eviction_register",
    "import_confirm",
    "import_discard",
    "import_file",
    "import_kind",
    "import_note",
    "import_set_kind",
    "import_upload",
    "is_pdf",
    "plan_for",
    "weekly_actions_save",
]
