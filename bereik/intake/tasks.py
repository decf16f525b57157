"""Background work of the intake (django-tasks: a worker in production, immediate in tests and
development)."""

from django.contrib.auth import get_user_model
from django_tasks import task


@task()
def after_import_task(dossier_ids: list[int], lac: bool, actor_id: int | None) -> list[str]:
    """Register matching, triage, assignment and LAC agenda for the dossiers of an import: for a
    long list this takes longer than the import itself, so it does not hold up the upload."""
    from bereik.intake import actions

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return actions.after_import(dossier_ids, lac=lac, actor=actor)
