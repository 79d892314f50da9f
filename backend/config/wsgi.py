import os

from django.core.wsgi import get_wsgi_application

from config.request_body import BufferedBodyMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = BufferedBodyMiddleware(get_wsgi_application())
