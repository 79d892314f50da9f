"""The events server's settings: the app's, with only the live-updates stream routed and
the middleware it needs (all of it async, so no request of it takes a thread).

Under `scripts/run` it listens on its own port, so the UI's origin (the same host, the
app's port) reads it cross-origin, with the session cookie: allowed for origins on the
request's own host only (config/events_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.events_urls"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # allauth insists on it being installed wherever its app is.
    "allauth.account.middleware.AccountMiddleware",
]
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_METHODS = ["GET"]
