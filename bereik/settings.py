"""Bereik settings: one module, driven by environment variables.

Development works without any variable set (SQLite file in var/, console e-mail, DEBUG on).
Production sets at least SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL; see README.md.
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The demo (`make demo`, BEREIK_DEMO=1) runs as users meet Bereik: DEBUG off, so a refused or
# missing page is the Dutch error page, not Django's technical one; served on this machine only,
# over plain http, with its static files found where they are and a secret key of its own.
DEMO = envbool("BEREIK_DEMO", "0")
DEBUG = envbool("DEBUG", "0" if DEMO else "1")
TESTING = "pytest" in sys.modules or os.environ.get("BEREIK_TESTING") == "1"
VAR_DIR = Path(os.environ.get("BEREIK_VAR_DIR", BASE_DIR / "var"))


def demo_secret_key() -> str:
    """A random key made once for this demo installation, kept in var/."""
    path = VAR_DIR / "demo-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 (refused below when DEBUG is off)
SECRET_KEY = os.environ.get("SECRET_KEY") or (demo_secret_key() if DEMO else DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or DEMO else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bereik.accounts",
    "bereik.signin",
    "bereik.audit",
    "bereik.organisation",
    "bereik.screens",
    "bereik.home",
    "bereik.dossiers",
    "bereik.intake",
    "bereik.clients",
    "bereik.triage",
    "bereik.outreach",
    "bereik.followup",
    "bereik.checklists",
    "bereik.eviction",
    "bereik.energy",
    "bereik.lac",
    "bereik.experts",
    "bereik.reports",
    "bereik.weekly",
    "bereik.privacy",
    "bereik.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "bereik.signin.middleware.SessionTimeoutMiddleware",
    "bereik.signin.middleware.SecondFactorMiddleware",
    "bereik.accounts.middleware.PasswordChangeRequiredMiddleware",
    "bereik.accounts.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bereik.urls"
WSGI_APPLICATION = "bereik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bereik" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bereik.organisation.context_processors.organisation",
            ],
            # The form tags are in every form's template, the links (`int_url`, `fixed_url`:
            # reversed once, bereik/lib/urls.py) in most.
            "builtins": [
                "template_partials.templatetags.partials",
                "bereik.home.templatetags.bereik_forms",
                "bereik.home.templatetags.bereik_urls",
            ],
        },
    }
]

# Select boxes drawn in Python, the rest by Django's form templates (bereik/lib/formrender.py).
FORM_RENDERER = "bereik.lib.formrender.Renderer"

# Database: a SQLite file in var/ unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE_CACHE_MB = envint("BEREIK_SQLITE_CACHE_MB", "16")
SQLITE_OPTIONS = {
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the start
    # of a transaction, so concurrent writers wait instead of failing.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # A page cache of BEREIK_SQLITE_CACHE_MB per connection (SQLite's default is 2 MB): an
    # import that assigns 100,000 dossiers changes their entries in a dozen indexes, each
    # several MB, which a small cache reads again and again from the operating system (ADR
    # 0029, ninth round).
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        f"PRAGMA busy_timeout=20000; PRAGMA cache_size=-{SQLITE_CACHE_MB * 1024};"
    ),
}
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # A SQLite file named by DATABASE_URL (the benchmarks) works as the default one.
        DATABASES["default"]["OPTIONS"] = {
            **SQLITE_OPTIONS,
            **DATABASES["default"].get("OPTIONS", {}),
        }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "bereik.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Sign-in (`bereik.signin`, ADR 0019). Every sign-in passes django-axes first: after
# BEREIK_LOGIN_FAILURE_LIMIT failures for one account, or BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT from
# one address, within BEREIK_LOGIN_LOCKOUT_MINUTES, it is refused (even with the right password)
# until that time has passed or the beheerder unlocks it.
# The password's backend is Django's, reading the signed-in user with their roles and teams in
# one query on every request (`bereik.accounts.backends`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "bereik.accounts.backends.Backend",
]
AXES_FAILURE_LIMIT = envint("BEREIK_LOGIN_FAILURE_LIMIT", "10")
BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT = envint("BEREIK_LOGIN_ADDRESS_FAILURE_LIMIT", "50")
AXES_COOLOFF_TIME = timedelta(minutes=envint("BEREIK_LOGIN_LOCKOUT_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "bereik.signin.throttle.Handler"
AXES_CLIENT_IP_CALLABLE = "bereik.signin.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "bereik.signin.views.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records every sign-in
AXES_ENABLE_ADMIN = False  # the Django admin stays read-only; Beheer → Aanmelden unlocks
AXES_VERBOSE = False
# Proxies in front of Bereik that add the client's address to X-Forwarded-For (0: none).
BEREIK_PROXY_COUNT = envint("BEREIK_PROXY_COUNT", "1" if envbool("BEHIND_TLS_PROXY", "0") else "0")
# A second factor (TOTP app, with recovery codes) for every role that sees personal data. Off in
# the demo and in the tests unless asked for; `check --deploy` warns when production has it off.
BEREIK_MFA_REQUIRED = envbool("BEREIK_MFA_REQUIRED", "0" if DEMO or TESTING else "1")
# Signed out after this many minutes without a request; SESSION_COOKIE_AGE (below) is the
# absolute limit counted from the sign-in.
BEREIK_IDLE_TIMEOUT_MINUTES = envint("BEREIK_IDLE_TIMEOUT_MINUTES", "30")
# Sign-in through the organisation's identity provider (OpenID Connect), off by default. Users are
# matched to existing accounts (never created) by e-mail, or by BEREIK_OIDC_USERNAME_CLAIM.
BEREIK_OIDC = envbool("BEREIK_OIDC", "0")
BEREIK_OIDC_LABEL = os.environ.get("BEREIK_OIDC_LABEL", "")
BEREIK_OIDC_USERNAME_CLAIM = os.environ.get("BEREIK_OIDC_USERNAME_CLAIM", "")
BEREIK_OIDC_PROVIDER_MFA = envbool("BEREIK_OIDC_PROVIDER_MFA", "0")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:oidc_callback"
if BEREIK_OIDC:
    AUTHENTICATION_BACKENDS.append("bereik.signin.oidc.Backend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "bereik" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "bereik" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING or DEMO
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The demo serves its static files from where they are, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or DEMO
# Uploaded files hold personal data: they live outside the static tree and are only served through
# views that apply the access policy. There is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Reads of a person's data are written after the response, waiting at most this long for the
# database; when it is busy they go to this folder and are written later (ADR 0026).
BEREIK_AUDIT_READ_WAIT_MS = envint("BEREIK_AUDIT_READ_WAIT_MS", "1000")
BEREIK_AUDIT_SPOOL_DIR = Path(os.environ.get("BEREIK_AUDIT_SPOOL_DIR", VAR_DIR / "audit-spool"))

# Upload limits (imports and documents).
BEREIK_MAX_UPLOAD_BYTES = envint("BEREIK_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = BEREIK_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = BEREIK_MAX_UPLOAD_BYTES + 1024 * 1024

# Outreach: an LAC invitation made fewer days than this before the session is flagged as short
# notice where it is made (the household may get it too late: call or visit as well).
BEREIK_INVITATION_NOTICE_DAYS = envint("BEREIK_INVITATION_NOTICE_DAYS", "7")

# E-mail: console in development; in the demo a local sink (files in var/demo-mail/, nothing
# leaves the machine; the beheerder reads every notification mail under Beheer → Verstuurde
# e-mails).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEMO
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "demo-mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bereik@localhost")
# Where a mail's links lead (https://bereik.ocmw.be); default: the first of ALLOWED_HOSTS.
BEREIK_BASE_URL = os.environ.get("BEREIK_BASE_URL", "")

# Background tasks: the database backend with a worker in production and in the demo
# (`manage.py db_worker`; `make demo` starts one); tasks run immediately in tests and, unless
# configured otherwise, in development.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or (DEBUG and not DEMO)
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Security. With DEBUG off everything is strict; SECURE_SSL_REDIRECT can be switched off when a
# TLS-terminating proxy already redirects (set SECURE_PROXY_SSL_HEADER through BEHIND_TLS_PROXY).
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read with one SQL statement (`bereik.signin.session_store`).
SESSION_ENGINE = "bereik.signin.session_store"
# The absolute limit of a session, counted from the sign-in (see BEREIK_IDLE_TIMEOUT_MINUTES).
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


def content_security_policy(oidc_authorization_endpoint: str) -> dict:
    """The Content-Security-Policy (django-csp, ADR 0024): scripts, styles and everything else
    from Bereik's own origin only; no inline script or style anywhere (held by
    bereik/tests/test_content_security.py). Images may also be data: URLs (Bootstrap's icons in
    its CSS, the favicon). A form may post to Bereik only, and to the identity provider when
    OpenID Connect is on (its sign-in may answer with a form)."""
    form_action = [SELF]
    if oidc_authorization_endpoint:
        form_action.append(origin_of(oidc_authorization_endpoint))
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": form_action,
            "frame-ancestors": [NONE],
        }
    }


CONTENT_SECURITY_POLICY = content_security_policy(
    OIDC_OP_AUTHORIZATION_ENDPOINT if BEREIK_OIDC else ""
)
if not DEBUG and not DEMO:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if envbool("BEHIND_TLS_PROXY", "0"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_SSL_REDIRECT:
        # Switched off on purpose: the TLS-terminating proxy redirects to HTTPS itself.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Failed sign-ins and lockouts are warnings; each successful one is in the audit trail.
        "axes": {"level": "WARNING"},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
