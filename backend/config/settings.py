"""Django settings. Every value that differs between deployments comes from the
environment, read here and nowhere else (see .env.example for the full list)."""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_number, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CSRF_TRUSTED_ORIGINS = CORS_ALLOWED_ORIGINS

# Connections are kept for a minute and checked before reuse, so a database restart
# costs the next request a reconnect rather than an error. A database that does not
# answer fails a connection attempt after DB_CONNECT_TIMEOUT and a query after
# DB_STATEMENT_TIMEOUT (both seconds); the API answers 503 with Retry-After meanwhile.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
}
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5, minimum=1))
_statement_timeout = env_int("DB_STATEMENT_TIMEOUT", 15, minimum=1)
# Behind PgBouncer in transaction mode, each transaction may run on another server
# connection: no server-side cursors, and no start-up options (PgBouncer refuses them;
# the statement timeout is then set on the database role, as the README says).
DB_TRANSACTION_POOLER = env_bool("DB_TRANSACTION_POOLER", False)
if DB_TRANSACTION_POOLER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
else:
    _db_options["options"] = " ".join(
        filter(None, [_db_options.get("options"), f"-c statement_timeout={_statement_timeout}s"])
    )
DATABASE_RETRY_AFTER_SECONDS = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "pgtrigger",
    "pghistory",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "classifier",
    "tickets",
]

# Everything before WhiteNoise also applies to the UI it serves (it answers early).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.errors.StaticFilesMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "config.errors.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.LoginLimitStatusMiddleware",
    # Who made the changes a request writes, for the tickets' history (database triggers
    # record every change; this names the person behind it).
    "pghistory.middleware.HistoryMiddleware",
]
# Redirecting a POST to the slashed URL would drop its body; a JSON 404 says what to use.
APPEND_SLASH = False

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

# No page may be framed (clickjacking); scripts, styles and data come from this origin
# only. Inline styles stay allowed because Chakra UI (Emotion) injects <style> tags.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Requests are small JSON documents; anything bigger is refused before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 256 * 1024, minimum=1024)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

# The built frontend (frontend/dist) is served at / by WhiteNoise; the API lives under /api/.
STATIC_URL = "static/"
FRONTEND_DIST = Path(env_str("FRONTEND_DIST", str(REPO_DIR / "frontend" / "dist")))
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_INDEX_FILE = True
# The API docs page's assets come from drf-spectacular-sidecar, so it works offline.
WHITENOISE_USE_FINDERS = True
# Vite puts a content hash in every asset name: those can be cached for good.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/.+-[\w-]{8,}\.\w+$"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.parsers.StrictJSONParser"],
    # Scripts send a personal token; the browser its session cookie (with CSRF).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every view names who may call it; this default only catches one that forgets.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_standardized_errors.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    # Per client address (tickets/throttles.py): classifying can reach a paid API,
    # creating writes rows.
    # Behind a reverse proxy, NUM_PROXIES says how many X-Forwarded-For hops to trust.
    "DEFAULT_THROTTLE_RATES": {
        "classify": env_rate("THROTTLE_CLASSIFY_RATE", "120/minute"),
        "create": env_rate("THROTTLE_CREATE_RATE", "30/minute"),
    },
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
}
DRF_STANDARDIZED_ERRORS = {
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
    "EXCEPTION_HANDLER_CLASS": "config.errors.ApiExceptionHandler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Support desk API",
    "DESCRIPTION": "Support tickets with category and priority suggested by a local LLM.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Request bodies get components of their own (`…Request`): a field with a default
    # is optional to send though always answered, and read-only fields are not sent.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CategoryEnum": "labels.Category",
        "PriorityEnum": "labels.Priority",
        "BackendEnum": "classifier.base.Backend",
        "StatusEnum": "tickets.models.Status",
        **{
            f"{name}Enum": f"drf_standardized_errors.openapi_serializers.{name}Enum.choices"
            for name in ("ValidationError", "ClientError", "ServerError")
        },
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
        "config.schema.require_request_bodies",
    ],
}

# People (accounts/): email is the login; sign-in, sign-up, password reset and email
# verification are django-allauth's, served as JSON to the UI (headless, browser client).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Only to verify hashes made elsewhere (e.g. imported users); new ones are Argon2.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Anyone may sign up as a requester until an admin closes sign-up (My desk → People);
# this is where that setting starts.
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_DISPLAY = "accounts.models.display_name"
ACCOUNT_UNIQUE_EMAIL = True
# One address per person, the one they signed up or were invited with: nobody can move
# their login to an address they have not shown they own. (allauth's CHANGE_EMAIL
# would drop an unverified current address, which optional verification allows.)
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
# A verification mail is sent on sign-up; signing in does not wait for it, so a desk
# without mail still works.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Support desk] "
# Wrong passwords: at most LOGIN_FAILURES_PER_ACCOUNT per account in 5 minutes, and
# LOGIN_FAILURES_PER_CLIENT a minute from one client address (found as for the request
# rates, with NUM_PROXIES: AccountAdapter.get_client_ip); beyond that, 429.
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{env_int('LOGIN_FAILURES_PER_CLIENT', 10, minimum=1)}/m/ip,"
        f"{env_int('LOGIN_FAILURES_PER_ACCOUNT', 5, minimum=1)}/5m/key"
    ),
}
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ["browser"]
# Links in mails lead to the UI's pages.
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/verify-email/{key}",
    "account_reset_password_from_key": "/reset-password/{key}",
    "account_signup": "/sign-up",
}
# The rate limits above count in the cache: in the database, so every process counts
# together (the table is made by a migration of accounts).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "desk_cache",
        # Room for many clients' counters: past it, a third of the entries are dropped,
        # which would forget attempts (Django's default is 300).
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # The classifier's state shared by every process: skip windows and the language
    # models' recent answers (classifier/chain.py). A table of its own, so culling old
    # answers never drops a rate limit's counters (made by a migration of classifier).
    "classifier": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "desk_classifier_cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}
SESSION_COOKIE_AGE = env_int("SESSION_DAYS", 14, minimum=1) * 24 * 3600
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
# Served over HTTPS (a TLS proxy in front sets X-Forwarded-Proto): cookies are Secure,
# Django knows requests are https, and browsers are told to stay on https for
# HSTS_SECONDS (0: no Strict-Transport-Security header).
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
# A first admin made on start (Compose, automation), when no admin exists yet.
DESK_ADMIN_EMAIL = env_str("DESK_ADMIN_EMAIL", "")
DESK_ADMIN_PASSWORD = env_str("DESK_ADMIN_PASSWORD", "")
# Requests that may change tickets name their person to the history's triggers; reads
# skip it (pghistory would otherwise prefix each of their queries).
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# scripts/run --demo: demo people, and one-click sign-in as them on the sign-in page.
DEMO = env_bool("DEMO", False)

# Mail (password resets, invitations, verification): through SMTP when EMAIL_HOST is
# set, else written to the log.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Support desk <desk@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# The desk's address as people reach it, for links in mail sent outside any request.
DESK_URL = env_str("DESK_URL", "http://localhost:8080").rstrip("/")

# Background tasks (notification mail) are rows in PostgreSQL, run by
# `manage.py db_worker`: no broker to operate.
# Live updates (tickets/events.py, served by gunicorn_events.conf.py): where browsers
# open the event stream. EVENTS_URL as it is (Docker: /api/events/, through nginx); else
# the events server's port on the host the UI was opened at (scripts/run).
EVENTS_URL = env_str("EVENTS_URL", "")
EVENTS_PORT = env_int("EVENTS_PORT", 8001, minimum=1)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Classifier: Ollama first, then an OpenAI-compatible cloud API when a key is set,
# then the local keyword rules (see classifier/).
OLLAMA_HOST = env_str("OLLAMA_HOST", "http://localhost:11434")
OLLAMA_MODEL = env_str("OLLAMA_MODEL", "llama3.2:3b")
OLLAMA_CONNECT_TIMEOUT = env_number("OLLAMA_CONNECT_TIMEOUT", 1.0)
OLLAMA_TIMEOUT = env_number("OLLAMA_TIMEOUT", 8.0)
OLLAMA_KEEP_ALIVE = env_str("OLLAMA_KEEP_ALIVE", "30m")
LLM_API_KEY = env_str("LLM_API_KEY", "")
LLM_BASE_URL = env_str("LLM_BASE_URL", "https://api.openai.com/v1")
LLM_MODEL = env_str("LLM_MODEL", "gpt-4o-mini")
LLM_TIMEOUT = env_number("LLM_TIMEOUT", 8.0)
CLASSIFIER_SKIP_SECONDS = env_number("CLASSIFIER_SKIP_SECONDS", 30.0)
CLASSIFIER_CACHE_SECONDS = env_number("CLASSIFIER_CACHE_SECONDS", 300.0)
# Suggestions less confident than this (0-1) are shown as "not sure" and, when a ticket
# takes them unchanged, put it in the Triage queue.
CLASSIFIER_CONFIDENCE_THRESHOLD = env_number("CLASSIFIER_CONFIDENCE_THRESHOLD", 0.5)
# The learned model is retrained after this many new confirmations (in the worker).
CLASSIFIER_RETRAIN_EVERY = env_int("CLASSIFIER_RETRAIN_EVERY", 20, minimum=1)
# The learned model answers once it learned from this many confirmed tickets.
CLASSIFIER_LEARNED_MIN_TICKETS = env_int("CLASSIFIER_LEARNED_MIN_TICKETS", 50)
