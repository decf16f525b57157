"""`make demo` runs `manage.py serve_demo`: the web server and the task worker start together
and stop together, whether Ctrl-C stops the demo or one of the two stops on its own."""

import subprocess
import sys
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

REAL_POPEN = subprocess.Popen
SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
QUITTER = [sys.executable, "-c", "import sys; sys.exit(3)"]


class Launcher:
    """Stands in for subprocess.Popen: runs a harmless process for each one the command asks."""

    def __init__(self, replacements):
        self.replacements = replacements
        self.started = []

    def __call__(self, args, env=None):
        role = "db_worker" if "db_worker" in args else "runserver"
        self.started.append((role, args, env))
        process = REAL_POPEN(self.replacements[role])  # noqa: S603
        self.started[-1] = (role, args, env, process)
        return process


@pytest.fixture
def no_mail_sweep():
    with mock.patch("bereik.demo.management.commands.serve_demo.subprocess.run") as run:
        yield run


def test_when_the_web_server_stops_the_worker_is_stopped_too(no_mail_sweep):
    launcher = Launcher({"db_worker": SLEEPER, "runserver": QUITTER})
    with (
        mock.patch("bereik.demo.management.commands.serve_demo.subprocess.Popen", launcher),
        pytest.raises(CommandError, match="de webserver stopte"),
    ):
        call_command("serve_demo", "127.0.0.1:8131")

    roles = {role: (args, env, process) for role, args, env, process in launcher.started}
    worker_args, env, worker = roles["db_worker"]
    assert worker.poll() is not None  # no worker left behind
    assert env["BEREIK_DEMO"] == "1" and env["BEREIK_BASE_URL"] == "http://127.0.0.1:8131"
    assert roles["runserver"][0][-3:] == ["runserver", "--noreload", "127.0.0.1:8131"]
    # The story's mails, kept while the demo loaded, are handed to the worker first.
    assert no_mail_sweep.call_args.args[0][-2:] == ["send_queued_mail", "--enqueue"]


def test_ctrl_c_stops_both(no_mail_sweep):
    launcher = Launcher({"db_worker": SLEEPER, "runserver": SLEEPER})
    with (
        mock.patch("bereik.demo.management.commands.serve_demo.subprocess.Popen", launcher),
        mock.patch(
            "bereik.demo.management.commands.serve_demo._pause", side_effect=KeyboardInterrupt
        ),
        mock.patch("bereik.demo.management.commands.serve_demo.GRACE_SECONDS", 0.2),
    ):
        call_command("serve_demo")

    assert len(launcher.started) == 2
    assert all(process.poll() is not None for _role, _args, _env, process in launcher.started)
