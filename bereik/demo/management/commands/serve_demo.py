"""`make demo`: the demo's web server and its task worker, as production runs them, started
together and stopped together.

The worker (`manage.py db_worker`) runs the imports' follow-up and sends the mails (to the demo's
sink: nothing leaves the machine). Ctrl-C stops both; when one of them stops on its own, the
other is stopped too and the command says which one ended.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

GRACE_SECONDS = 5


class Command(BaseCommand):
    help = "Start de demo: de webserver en de achtergrondtaak samen (Ctrl-C stopt beide)."

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="Adres en poort van de demo."
        )

    def handle(self, *args, addrport, **options):
        env = {**os.environ, "BEREIK_DEMO": "1"}
        env.setdefault("BEREIK_BASE_URL", f"http://{addrport}")
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        # The mails of the demo's story, stored while it loaded: now the worker sends them.
        subprocess.run([*manage, "send_queued_mail", "--enqueue"], env=env, check=False)  # noqa: S603
        processes: dict[str, subprocess.Popen] = {}

        def terminated(signum, frame):
            # SIGTERM (a supervisor, `kill`) reaches this process only: pass it on, then stop
            # the way Ctrl-C does.
            for proc in processes.values():
                if proc.poll() is None:
                    proc.terminate()
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, terminated)
        # Ctrl-C reaches the whole process group. A shell that started this in the background
        # may have set SIGINT to be ignored, which the children would inherit: take it back, so
        # that they start with its default again.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        ended = None
        try:
            processes["de achtergrondtaak"] = subprocess.Popen(  # noqa: S603
                [*manage, "db_worker", "--no-startup-delay"], env=env
            )
            processes["de webserver"] = subprocess.Popen(  # noqa: S603
                [*manage, "runserver", "--noreload", addrport], env=env
            )
            while ended is None:
                _pause()
                ended = next(
                    (name for name, proc in processes.items() if proc.poll() is not None), None
                )
        except KeyboardInterrupt:
            self.stdout.write("\nDe demo stopt: de webserver en de achtergrondtaak.")
        finally:
            _stop_all(processes.values())
        if ended is not None:
            raise CommandError(f"De demo is gestopt omdat {ended} stopte.")


def _pause() -> None:
    time.sleep(0.5)


def _stop_all(processes) -> None:
    """Let each process finish what it does (Ctrl-C reached it too), then ask it to stop, then
    end it."""
    deadline = time.monotonic() + GRACE_SECONDS
    for proc in processes:
        _wait(proc, max(deadline - time.monotonic(), 0))
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
            if not _wait(proc, GRACE_SECONDS):
                proc.kill()
                proc.wait()


def _wait(proc, seconds: float) -> bool:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True
