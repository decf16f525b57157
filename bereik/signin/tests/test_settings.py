"""Production requires the second factor; the demo says plainly that it does not."""

import pytest
from django.urls import reverse

from bereik.home.tests.test_security import PRODUCTION, _manage


def _production(tmp_path, **extra):
    return _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.BEREIK_MFA_REQUIRED, settings.BEREIK_IDLE_TIMEOUT_MINUTES, "
        "settings.AXES_FAILURE_LIMIT, settings.BEREIK_OIDC)",
        env_extra={**PRODUCTION, "BEREIK_VAR_DIR": str(tmp_path), **extra},
        drop=("SECRET_KEY", "DEBUG", "BEREIK_MFA_REQUIRED", "BEREIK_DEMO"),
    )


def test_production_requires_the_second_factor_by_default(tmp_path):
    result = _production(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "30", "10", "False"]


def test_the_deploy_checks_warn_when_production_switches_it_off(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        env_extra={**PRODUCTION, "BEREIK_VAR_DIR": str(tmp_path), "BEREIK_MFA_REQUIRED": "0"},
        drop=("SECRET_KEY", "DEBUG", "BEREIK_DEMO"),
    )
    assert "bereik.W001" in result.stderr + result.stdout


def test_openid_connect_switched_on_without_its_settings_is_an_error(tmp_path):
    result = _manage(
        "check",
        env_extra={"BEREIK_VAR_DIR": str(tmp_path), "BEREIK_OIDC": "1"},
        drop=("OIDC_RP_CLIENT_ID",),
    )
    assert result.returncode != 0
    assert "bereik.E001" in result.stderr
    assert "OIDC_RP_CLIENT_ID" in result.stderr


@pytest.mark.django_db
def test_the_demo_login_page_says_that_the_second_step_is_off(client, settings):
    settings.DEMO = True
    settings.BEREIK_MFA_REQUIRED = False
    text = client.get(reverse("login")).content.decode()
    assert "aanmelden zonder tweede stap" in text


@pytest.mark.django_db
def test_with_the_second_factor_on_the_demo_banner_is_gone(client, settings):
    settings.DEMO = True
    settings.BEREIK_MFA_REQUIRED = True
    assert "aanmelden zonder tweede stap" not in client.get(reverse("login")).content.decode()
