"""Settings for taxportal, read once from the environment.

With no environment at all the project runs as a development server on
SQLite and a local folder of files. TAXPORTAL_ENV=production turns the
development defaults for secrets off, so a missing key stops the start.
"""

from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from taxportal.env import env_bool, env_int, env_list, env_str

# Lets admin and form classes take type parameters at run time, as mypy wants.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TAXPORTAL_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_str("TAXPORTAL_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("TAXPORTAL_ENV must be development or production")
IS_DEVELOPMENT = ENVIRONMENT == "development"

DEBUG = env_bool("DEBUG", IS_DEVELOPMENT)


def secret(name: str, development_value: str) -> str:
    value = env_str(name, "")
    if value:
        return value
    if IS_DEVELOPMENT:
        return development_value
    raise ImproperlyConfigured(f"{name} must be set in production")


SECRET_KEY = secret("SECRET_KEY", "development-only-secret-key-not-for-production")

# A Fernet key (32 url-safe base64 bytes) that encrypts SSNs at rest.
FIELD_ENCRYPTION_KEY = secret(
    "FIELD_ENCRYPTION_KEY", "ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LXNlY3JldCE="
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The public address used in invitation links; empty means "from the request".
SITE_URL = env_str("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "accounts",
    "firms",
    "events",
    "notifications",
    "returns",
    "portal",
    "documents",
    "chat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "firms.middleware.FirmTimeZoneMiddleware",
]

ROOT_URLCONF = "taxportal.urls"
WSGI_APPLICATION = "taxportal.wsgi.application"
ASGI_APPLICATION = "taxportal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taxportal.context_processors.site",
                "chat.context_processors.portal_unread",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "taxportal.sqlite3")),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "office:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.PortalPasswordRules"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 10)
LOGIN_LOCKOUT_MINUTES = 15

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not IS_DEVELOPMENT
CSRF_COOKIE_SECURE = not IS_DEVELOPMENT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not IS_DEVELOPMENT:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "taxportal" / "static"]

# Uploaded and signed files live here and are served only through views
# that check who is asking; there is deliberately no MEDIA_URL.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "files")))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 25) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600

INVITATION_LIFETIME_HOURS = env_int("INVITATION_LIFETIME_HOURS", 72)
# A link stops working after this many registrations with details that do
# not match the return, so nobody can guess the last four of an SSN.
INVITATION_MAX_FAILED_MATCHES = 5
VERIFICATION_CODE_MINUTES = 10
VERIFICATION_CODES_PER_HOUR = 5
VERIFICATION_CODE_MAX_TRIES = 5

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "taxportal <portal@localhost>")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "notifications.backends.OutboxEmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SMS_BACKEND = env_str("SMS_BACKEND", "notifications.sms.OutboxSmsBackend")
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM_NUMBER = env_str("TWILIO_FROM_NUMBER", "")

# The development outbox page lists every email and text sent; never in
# production, where it would show other people's links.
DEV_OUTBOX_ENABLED = env_bool("DEV_OUTBOX_ENABLED", DEBUG) and IS_DEVELOPMENT

PHONE_DEFAULT_REGION = env_str("PHONE_DEFAULT_REGION", "US")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "lib.logging.RedactSecrets"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets"],
        },
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["redact_secrets"],
        },
    },
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "pikepdf": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
