"""Production settings and the headers that keep personal data out of caches."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kP2-production-like-secret-of-sufficient-length-and-entropy-9fQ",
    "ALLOWED_HOSTS": "bereik.example.org",
}


def _manage(*args, env_extra, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.pop("BEREIK_TESTING", None)
    env.update(env_extra)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_settings_pass_the_deploy_checks_without_warnings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={**PRODUCTION, "BEREIK_VAR_DIR": str(tmp_path)},
        drop=("SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr and "?:" not in result.stderr


def test_the_deploy_checks_also_pass_behind_a_tls_proxy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            **PRODUCTION,
            "BEREIK_VAR_DIR": str(tmp_path),
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_TLS_PROXY": "1",
        },
        drop=("SECRET_KEY", "DEBUG"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = _manage(
        "check",
        env_extra={
            "DEBUG": "0",
            "ALLOWED_HOSTS": "bereik.example.org",
            "BEREIK_VAR_DIR": str(tmp_path),
        },
        drop=("SECRET_KEY",),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_pages_for_signed_in_users_are_not_stored(login, mw):
    response = login(mw).get(reverse("home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_pages_are_not_framed_and_sniffing_is_off(login, mw):
    response = login(mw).get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
