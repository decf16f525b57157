"""The WSGI application as gunicorn loads it: the views are loaded and start-up's objects are
frozen out of the garbage collector's reach (ADR 0029), in a process of its own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_process_loads_the_views_and_freezes_start_up(tmp_path):
    code = (
        "import gc, sys; import bereik.wsgi; "
        "print(gc.get_freeze_count(), 'bereik.dossiers.views' in sys.modules)"
    )
    env = {
        **os.environ,
        "BEREIK_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "bereik.settings",
    }
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, views_loaded = int(out[0]), out[1]
    assert frozen > 50_000
    assert views_loaded == "True"
