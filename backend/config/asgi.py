"""The events server's application (gunicorn_events.conf.py): Django over ASGI, serving
only the live-updates stream (config/events_urls.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_events")

application = get_asgi_application()
