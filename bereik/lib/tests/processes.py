"""Settings are read once a process: a test of what the environment makes of them starts Django in
a process of its own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def django_process(code: str, var_dir, *, drop: tuple[str, ...] = (), **env) -> str:
    """Run `code` after `django.setup()` with Bereik's settings, in this environment without
    the variables in `drop` (and BEREIK_TESTING), with BEREIK_VAR_DIR=`var_dir` and `env`;
    returns what it printed."""
    environment = {
        key: value for key, value in os.environ.items() if key not in (*drop, "BEREIK_TESTING")
    }
    environment.update(DJANGO_SETTINGS_MODULE="bereik.settings", BEREIK_VAR_DIR=str(var_dir))
    environment.update(env)
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout
