"""Background work of the intake (django-tasks: a worker in production, immediate in tests and
development)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from bereik.accounts import background
from bereik.dossiers import flow
from bereik.dossiers.models import Dossier
from bereik.lib import dbstats


@task()
def after_import_task(
    dossier_ids: list[int],
    signal_kinds: list[str],
    actor_id: int | None,
    options: dict | None = None,
):
    """The next steps of the flow for the dossiers an import opened or added to
    (`flow.arrived`): matching to the client register (which triages and assigns them), for a
    LAC list placing them on the agenda of their session, and the volgende stap of each dossier.
    For a long list this takes longer than the import itself, so it does not hold up the upload.
    Each step runs in its own transaction: when one fails the import stands, the problem is
    reported, and the step can be redone from its page ("Koppelen", "Agenda aanvullen uit
    imports"). `options` (JSON): the import's id, the register clients a person recognised
    (dossier id -> client id) and the choice for LAC households already on another session.
    Returns the problems, in Dutch."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    options = options or {}
    _results, problems = flow.arrived.send_guarded(
        dossier_ids,
        actor=actor,
        signal_kinds=signal_kinds,
        import_id=options.get("import_id"),
        clients={int(pk): client for pk, client in (options.get("clients") or {}).items()},
        on_other_session=options.get("on_other_session") or "",
    )
    # A large list into a young database: the worklists' plans follow now, not at night.
    dbstats.refresh_after(Dossier, len(dossier_ids))
    return problems


# Each step does nothing twice (a dossier already matched, placed or given its step is left as it
# is), so after a failure of the task itself (the database away) the worker runs it again.
background.register(after_import_task, _("Volgende stappen na een import"), retry=True)


@task()
def after_lines_task(signal_ids: list[int], actor_id: int | None, import_id: int | None = None):
    """The next steps for the lines of a weekly report (`flow.lines_arrived`): matching each
    line to the client register, the protected flag, the weekly digest's water-scan
    suggestions. Each step in its own transaction; returns the problems, in Dutch."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    _results, problems = flow.lines_arrived.send_guarded(
        signal_ids, actor=actor, import_id=import_id
    )
    return problems


background.register(after_lines_task, _("Volgende stappen na een weekrapport"), retry=True)
