"""`make demo` shows Bereik as users meet it: with DEBUG off, a refused or missing page is the
Dutch error page (not Django's technical page with the URL list), over plain http on this
machine, with static files and a secret key of its own."""

import json

from bereik.lib.tests.processes import ROOT, django_process


def _settings(tmp_path, **env) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name, None) for name in ("
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'WHITENOISE_USE_FINDERS', "
        "'ALLOWED_HOSTS', 'SECRET_KEY', 'EMAIL_BACKEND', 'EMAIL_FILE_PATH', 'TASKS')}, "
        "default=str))"
    )
    return json.loads(django_process(code, tmp_path, drop=("DEBUG", "SECRET_KEY"), **env))


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
