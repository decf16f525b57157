"""The live server the browser tests talk to: a fresh SQLite database with the demo in a temporary
directory, served by `manage.py runserver` on a free port (DEBUG on, so it serves the static
files itself). Also usable on its own, to look at what the tests see:

    .venv/bin/python -m tests.browser.server     # prints the URL, Ctrl-C stops it
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(ROOT / "manage.py")]
COMMAND_TIMEOUT = 600  # seconds for migrate and load_demo
START_TIMEOUT = 60  # seconds for runserver to answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(var_dir: Path) -> dict[str, str]:
    """The environment of the commands: everything in `var_dir`, development settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        # The tests' own settings must not leak into the server: its database is the SQLite
        # file in var_dir and its uploads are there too.
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith(("PYTEST_", "TASKS_"))
    }
    environment.update(
        BEREIK_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="bereik.settings",
        DEBUG="1",
        # Test settings (bereik/settings.py): a fast password hasher, for the demo users made by
        # load_demo and for each sign-in.
        BEREIK_TESTING="1",
        # The browser tests sign in through the login form with the password alone (the second
        # factor has its own tests in bereik/signin/tests); production requires it.
        BEREIK_MFA_REQUIRED="0",
        PYTHONUNBUFFERED="1",
    )
    return environment


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own server)
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def live_server(var_dir: Path) -> Iterator[str]:
    """Migrate, load the demo and serve it from `var_dir`; yields the base URL."""
    environment = server_environment(var_dir)
    log_path = var_dir / "server.log"
    for command in (["migrate", "--noinput"], ["load_demo"]):
        done = subprocess.run(  # noqa: S603 (our own manage.py)
            [*MANAGE, *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [*MANAGE, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _answers(f"{url}/login/"):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"runserver did not answer on {url}:\n{log_path.read_text()[-3000:]}"
                    )
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    # `kill` (SIGTERM) stops the server too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with (
        tempfile.TemporaryDirectory(prefix="bereik-live-") as directory,
        live_server(Path(directory)) as base_url,
    ):
        print(base_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
