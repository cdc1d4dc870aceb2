"""Settings for every environment, read from environment variables.

Bad values stop the process at start-up with a message naming the variable (see
``_env_bool`` and friends); nothing here exists only in production. docs/deployment.md
lists every variable.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _env(name, default=None):
    return os.environ.get(name, default)


def _env_bool(name, default):
    raw = _env(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def _env_int(name, default):
    raw = _env(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def _env_list(name, default):
    raw = _env(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", False)

# A development key is allowed only with DEBUG on; a deployment must set its own.
_DEV_SECRET_KEY = "svforum-development-key-not-for-deployment-9f8a7c6e5d4b3a21"
SECRET_KEY = _env("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "svforum.views.csrf_failure"

INSTALLED_APPS = [
    "svforum",
    "accounts",
    "forums",
    "reporting",
    "analysis",
    "commissioning",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "import_export",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "svforum.middleware.RequestSizeLimitMiddleware",
    "svforum.middleware.DatabaseUnavailableMiddleware",
    "svforum.middleware.StorageUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    # After sessions, messages and the user: a second sending of a form gets the first's
    # result (svforum/once.py).
    "svforum.once.OnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "svforum.urls"
WSGI_APPLICATION = "svforum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "svforum.context_processors.layout",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file in the project for a first run.
DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's connection pool, shared by the threads of one process.
    # A database that cannot be reached fails a request after DATABASE_TIMEOUT seconds
    # with the "briefly unavailable" page (svforum/middleware.py), not after a long wait.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": _env_int("DATABASE_POOL_MIN", 2),
        "max_size": _env_int("DATABASE_POOL_MAX", 10),
        "timeout": _env_int("DATABASE_TIMEOUT", 3),
    }
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = _env_int("DATABASE_TIMEOUT", 3)
elif DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite.")
else:
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"

# Sign-in throttling (django-axes), on the service's and the admin's sign-in alike: after
# SIGN_IN_FAILURE_LIMIT wrong passwords for one account, or from one address, further tries
# for that account or from that address are refused for SIGN_IN_COOLOFF_MINUTES, with a
# page saying so, and the pause doubles with each further lockout within a day (up to 16
# times); a right password resets the count. Behind a proxy the address is the one it
# reports (accounts/signin.py). Password resets: PASSWORD_RESETS_PER_HOUR emails for one
# address typed, PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS asked for from one client address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = _env_int("SIGN_IN_FAILURE_LIMIT", 5)
SIGN_IN_COOLOFF_MINUTES = _env_int("SIGN_IN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = "accounts.signin.cool_off"
# Each failure is logged (with whether it was locked out), so pauses can grow; the logs
# are cleared after a day by `manage.py axes_reset_failure_logs --age 1` (docs/deployment.md).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_ip"
AXES_USERNAME_CALLABLE = "accounts.signin.client_username"
AXES_VERBOSE = False
PASSWORD_RESETS_PER_HOUR = _env_int("PASSWORD_RESETS_PER_HOUR", 3)
PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS = _env_int("PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS", 10)
# A session not used for this long is signed out (accounts/middleware.py).
SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 120)
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = None  # show the "you have signed out" page

AUTH_PASSWORD_VALIDATORS = [
    {
        # Our users have a name and an email (no first and last names): compare with those.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English and Welsh, each under its own URL prefix (/en/…, /cy/…).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(_env("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    # Django's, removing what it could not finish writing (svforum/storage.py).
    "default": {"BACKEND": "svforum.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: forms check their own limits; this caps what Django reads into memory.
# The largest request body accepted (evidence files are up to 10 MB, with the form around
# them); larger ones are refused before they are read (svforum/middleware.py). The proxy
# should refuse the same (docs/deployment.md).
MAX_REQUEST_BYTES = 12 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: printed to the console by default; EMAIL_BACKEND=smtp sends through EMAIL_HOST.
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = _env("EMAIL_BACKEND", "console")
if _email_backend not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND must be one of {', '.join(_EMAIL_BACKENDS)}, not {_email_backend!r}."
    )
MAILERS = {"default": {"BACKEND": _EMAIL_BACKENDS[_email_backend]}}
if _email_backend == "smtp":
    MAILERS["default"]["OPTIONS"] = {
        "host": _env("EMAIL_HOST", "localhost"),
        "port": _env_int("EMAIL_PORT", 587),
        "username": _env("EMAIL_HOST_USER", ""),
        "password": _env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": _env_bool("EMAIL_USE_TLS", True),
    }
DEFAULT_FROM_EMAIL = _env("DEFAULT_FROM_EMAIL", "svforum <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Background work (national analysis PDFs): Django's tasks. The immediate backend runs a
# task as soon as it is queued; TASKS_BACKEND names another backend (e.g. a database
# backend with its worker process) for a deployment that wants builds off the web process.
TASKS = {
    "default": {
        "BACKEND": _env("TASKS_BACKEND") or "django.tasks.backends.immediate.ImmediateBackend"
    }
}

# System checks a deployment knowingly silences, by id (see svforum/checks.py).
SILENCED_SYSTEM_CHECKS = _env_list("SILENCED_SYSTEM_CHECKS", [])

# Where the service is reached, for the links in emails sent outside a request.
SITE_URL = (_env("SITE_URL") or "http://localhost:8000").rstrip("/")
if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL must be an http(s) address, not {SITE_URL!r}.")

# The prefix of the Open Contracting IDs of exported tenders (OCDS). A publisher registers its
# own with the Open Contracting Partnership ("ocds-" and six characters); this one is a
# placeholder until it does.
OCDS_PREFIX = _env("OCDS_PREFIX") or "ocds-svforum"
if not re.fullmatch(r"ocds-[a-z0-9]{6,}", OCDS_PREFIX):
    raise ImproperlyConfigured(
        f"OCDS_PREFIX must be 'ocds-' and at least six lower-case letters or digits, "
        f"not {OCDS_PREFIX!r}."
    )

# Security headers. The Content Security Policy allows no inline script or style;
# charts are SVG images embedded as data: URLs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
BEHIND_TLS_PROXY = _env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = _env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
X_FRAME_OPTIONS = "DENY"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

IMPORT_EXPORT_SKIP_ADMIN_LOG = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every step of a PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
