"""System checks: OpenID Connect configured when switched on, and (with --deploy) a production
installation that requires the second factor."""

from django.conf import settings
from django.core import checks

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


@checks.register(checks.Tags.security)
def oidc_configured(app_configs, **kwargs):
    if not settings.BEREIK_OIDC:
        return []
    missing = [name for name in OIDC_REQUIRED if not getattr(settings, name, "")]
    if settings.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")) and not settings.OIDC_OP_JWKS_ENDPOINT:
        missing.append("OIDC_OP_JWKS_ENDPOINT")
    if not missing:
        return []
    return [
        checks.Error(
            f"BEREIK_OIDC is on but {', '.join(missing)} is not set.",
            hint="See 'Sign-in through the organisation's identity provider' in README.md.",
            id="bereik.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.BEREIK_MFA_REQUIRED or settings.DEMO:
        return []
    return [
        checks.Warning(
            "BEREIK_MFA_REQUIRED is off: users who see personal data sign in without a second "
            "factor.",
            hint="Unset BEREIK_MFA_REQUIRED (it is on by default) in production.",
            id="bereik.W001",
        )
    ]
