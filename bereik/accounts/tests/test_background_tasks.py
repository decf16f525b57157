"""A background task that fails is retried (when it may run again and the backend can wait),
then listed for the beheerder, who can run it again."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bereik.accounts import background
from bereik.audit.models import AuditEvent
from bereik.intake.tasks import after_import_task

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def failed(db):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [[1, 2], ["lac_water"], None], "kwargs": {}},
        task_path=after_import_task.module_path,
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="django.db.utils.OperationalError",
        traceback="...",
    )


def test_the_beheerder_sees_failed_tasks_by_name_and_runs_them_again(
    login, beheerder, failed, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_BACKEND
    client = login(beheerder)
    assert "1 achtergrondtaak is mislukt" in client.get(reverse("home")).content.decode()
    text = client.get(reverse("accounts:background_tasks")).content.decode()
    assert "Volgende stappen na een import" in text and "OperationalError" in text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:background_task_retry", args=[failed.pk]))

    assert response.status_code == 302
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert queued.args_kwargs == failed.args_kwargs
    assert AuditEvent.objects.filter(action="task.retry").exists()


def test_a_registered_task_is_retried_with_backoff_then_left_to_the_beheerder(failed, settings):
    settings.TASKS = DB_BACKEND
    result = mock.Mock(
        status=TaskResultStatus.FAILED,
        task=after_import_task,
        args=[[1, 2], ["lac_water"], None],
        kwargs={},
    )
    background.retry_after_failure(None, result)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert 50 < (retry.run_after - timezone.now()).total_seconds() <= 60

    for _ in range(3):  # three more failures of the same call
        DBTaskResult.objects.create(
            **{
                field: getattr(failed, field)
                for field in ("status", "args_kwargs", "task_path", "backend_name", "run_after")
            }
        )
    retry.delete()
    background.retry_after_failure(None, result)
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_without_a_worker_a_failed_task_is_not_queued_again(failed):
    result = mock.Mock(status=TaskResultStatus.FAILED, task=after_import_task, args=[], kwargs={})
    background.retry_after_failure(None, result)  # the immediate backend cannot wait
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
