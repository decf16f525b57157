"""Writes on LAC sessions and their agenda, one module per topic. Every function takes `actor=`,
runs in a transaction and leaves an audit event; what the people on a dossier should see also goes
on its timeline. Rules that write nothing are in `bereik.lac.rules`, reads in `bereik.lac.queries`.

Other apps call the actions through this package (`from bereik.lac import actions`); modules of
the LAC may import from the topic module.
"""

from bereik.lac.actions.advice import agenda_item_correct, agenda_item_record, session_close
from bereik.lac.actions.agenda import (
    PlacementResult,
    agenda_add,
    agenda_fill_from_imports,
    agenda_item_move,
    agenda_item_remove,
    agenda_place_imported,
)
from bereik.lac.actions.letters import decision_letters_create, session_invitations_create
from bereik.lac.actions.people import person_save
from bereik.lac.actions.preparers import (
    agenda_item_set_preparer,
    agenda_items_set_preparer,
    agenda_preparers_follow,
    agenda_refresh_preparers,
)
from bereik.lac.actions.sessions import session_create, session_update

__all__ = [
    "PlacementResult",
    "agenda_add",
    "agenda_fill_from_imports",
    "agenda_item_correct",
    "agenda_item_move",
    "agenda_item_record",
    "agenda_item_remove",
    "agenda_item_set_preparer",
    "agenda_items_set_preparer",
    "agenda_place_imported",
    "agenda_preparers_follow",
    "agenda_refresh_preparers",
    "decision_letters_create",
    "person_save",
    "session_close",
    "session_create",
    "session_invitations_create",
    "session_update",
]
