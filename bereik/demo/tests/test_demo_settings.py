"""`make demo` shows Bereik as users meet it: with DEBUG off, a refused or missing page is the
Dutch error page (not Django's technical page with the URL list), over plain http on this
machine, with static files and a secret key of its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _settings(tmp_path, **env) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name, None) for name in ("
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'WHITENOISE_USE_FINDERS', "
        "'ALLOWED_HOSTS', 'SECRET_KEY', 'EMAIL_BACKEND', 'EMAIL_FILE_PATH', 'TASKS')}, "
        "default=str))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "BEREIK_TESTING")
    }
    environment.update(DJANGO_SETTINGS_MODULE="bereik.settings", BEREIK_VAR_DIR=str(tmp_path))
    environment.update(env)
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_demo_runs_with_debug_off_on_plain_http(tmp_path):
    values = _settings(tmp_path, BEREIK_DEMO="1")
    assert values["DEBUG"] is False
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["WHITENOISE_USE_FINDERS"] is True
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    # Mail goes to a sink on this machine (the beheerder reads it under Beheer → Verstuurde
    # e-mails); tasks go to the worker that `make demo` starts.
    assert values["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert values["EMAIL_FILE_PATH"] == str(tmp_path / "demo-mail")
    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    # A random key of its own, kept for the next start of the same demo.
    assert values["SECRET_KEY"] == (tmp_path / "demo-secret-key").read_text().strip()
    assert _settings(tmp_path, BEREIK_DEMO="1")["SECRET_KEY"] == values["SECRET_KEY"]


def test_make_demo_serves_in_demo_mode():
    makefile = (ROOT / "Makefile").read_text()
    assert "BEREIK_DEMO=1 $(BIN)/python manage.py serve_demo" in makefile
