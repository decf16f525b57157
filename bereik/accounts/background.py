"""The task worker's tasks as the beheerder sees them (Beheer → E-mails en achtergrondtaken): a
Dutch name per task, a retry with backoff for the tasks that may safely run again, and the
tasks that still failed.

An app registers its task where it defines it: `background.register(task, label, retry=True)`.
After a failure a registered task is queued again after 1 minute, 10 minutes and an hour (only
where the backend can wait: the database backend of the worker); a task that keeps failing is
listed for the beheerder, who can run it again. Mails have their own retries (`delivery.py`).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
)


@dataclass(frozen=True)
class Registered:
    label: str
    retry: bool


_tasks: dict[str, Registered] = {}


def register(task, label, *, retry: bool = False) -> None:
    """Name a task for the beheerder; `retry`: it may run again after a failure (it does
    nothing twice)."""
    _tasks[task.module_path] = Registered(label, retry)


def label_for(task_path: str) -> str:
    registered = _tasks.get(task_path)
    return str(registered.label) if registered else task_path.rsplit(".", 1)[-1]


def _same_call(task_result) -> dict:
    return {
        "task_path": task_result.task.module_path,
        "args_kwargs": {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)},
    }


def retry_after_failure(sender, task_result, **kwargs) -> None:
    """Connected to django-tasks' `task_finished` (AccountsConfig.ready)."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    registered = _tasks.get(task_result.task.module_path)
    if registered is None or not registered.retry:
        return
    task = task_result.task
    if not task.get_backend().supports_defer:
        return
    failures = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, **_same_call(task_result)
    ).count()
    if failures > len(RETRY_DELAYS):
        return  # given up: the beheerder sees it
    run_after = timezone.now() + RETRY_DELAYS[max(failures, 1) - 1]
    task.using(run_after=run_after).enqueue(*task_result.args, **task_result.kwargs)


def failed_results():
    """The failed tasks, newest first; each marked whether another attempt is still queued."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")


def mark_pending(results) -> None:
    """Set `.label` and `.retry_queued` on a page of failed results (one query)."""
    paths = {result.task_path for result in results}
    queued = {
        (path, repr(args))
        for path, args in DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path__in=paths
        ).values_list("task_path", "args_kwargs")
    }
    for result in results:
        result.label = label_for(result.task_path)
        result.retry_queued = (result.task_path, repr(result.args_kwargs)) in queued
