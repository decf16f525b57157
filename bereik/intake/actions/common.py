"""What the intake's actions share: the user behind an actor, removing a stored file once the
transaction is committed, and the next steps of the flow after dossiers got a signal."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus

from bereik.intake.tasks import after_import_task

EVENT_KIND = "signaal"  # the timeline entries of a signal


def user_or_none(actor):
    """The user to store as who did it; None for the command line."""
    return actor if getattr(actor, "is_authenticated", False) else None


def delete_file(name: str) -> None:
    if name:
        default_storage.delete(name)


def follow_up(
    dossier_ids: list[int],
    *,
    signal_kinds: list[str],
    actor,
    import_id: int | None = None,
    clients: dict[int, int] | None = None,
    on_other_session: str = "",
) -> list[str]:
    """Queue the next steps of the flow (`bereik.dossiers.flow.arrived`, see intake/tasks.py).
    With the immediate backend they have run when this returns and their problems are known; a
    worker reports its own. `import_id`: the import the dossiers came with; `clients`: dossier id
    -> the register client a person recognised; `on_other_session`: what the user chose for the
    households of a LAC list already on another session (`bereik.intake.placements`)."""
    if not dossier_ids:
        return []
    user = user_or_none(actor)
    options = {
        "import_id": import_id,
        "clients": {str(pk): client for pk, client in (clients or {}).items()},
        "on_other_session": on_other_session,
    }
    queued = after_import_task.enqueue(
        dossier_ids, signal_kinds, user.pk if user else None, options
    )
    if queued.status == TaskResultStatus.SUCCESSFUL:
        return queued.return_value or []
    if queued.status == TaskResultStatus.FAILED:
        return [_("De import is bewaard, maar de volgende stappen (koppelen aan het register, "
                  "LAC-agenda) zijn niet gelukt; doe ze later opnieuw.")]  # fmt: skip
    return []


def follow_up_signal(signal, *, signal_kinds: list[str], actor, clients=None):
    """`follow_up` for the dossier of one signal entered or imported by a person, whose page
    then asks who may open that dossier: its problems on the signal (`follow_up_problems`) and
    the dossier read again, as the next steps may have linked, routed or given it to a colleague
    (`dossiers.access.can_view_dossier` answers from its columns)."""
    signal.follow_up_problems = follow_up(
        [signal.dossier_id], signal_kinds=signal_kinds, actor=actor, clients=clients
    )
    signal.dossier.refresh_from_db()
    return signal
