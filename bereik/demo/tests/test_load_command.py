"""`manage.py load_demo` tells its story with the tasks run as they come, whatever task backend
the environment sets (a demo server's, with BEREIK_DEMO=1, is the database backend): the LAC's
loader reads the agenda that the import's follow-up made."""

from types import SimpleNamespace

from django.core.management import call_command
from django_tasks import task_backends

from bereik.demo.management.commands import load_demo


def test_the_demo_loads_with_its_tasks_run_immediately(db, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seen = []

    def load_all():
        seen.append(type(task_backends["default"]).__name__)
        return SimpleNamespace(users={}, data={})

    monkeypatch.setattr(load_demo, "load_all", load_all)
    call_command("load_demo")
    assert seen == ["ImmediateBackend"]
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"  # as set, afterwards
