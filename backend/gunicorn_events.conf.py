"""gunicorn settings for the events server (live updates, tickets/events.py), shared by
scripts/run and the Docker image. Start it with `python gunicorn_events.conf.py`.

uvicorn workers serve Django over ASGI: an open event stream is a coroutine, not a
thread. One worker process is plenty (each holds one LISTEN connection and any number
of streams); the app itself stays on the threaded server (gunicorn.conf.py).
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int, env_str

try:
    bind = f"{env_str('HOST', '127.0.0.1')}:{env_int('EVENTS_PORT', 8001, minimum=1)}"
except ImproperlyConfigured as error:
    sys.exit(f"gunicorn_events.conf.py: {error}")
workers = 1
worker_class = "uvicorn_worker.UvicornWorker"
# Streams never end by themselves: stopping does not wait for them.
graceful_timeout = 3
accesslog = "-"
control_socket_disable = True
wsgi_app = "config.asgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=config.settings_events"]


def when_ready(server):
    for listener in server.LISTENERS:
        server.log.info("Serving live updates at %s/api/events/", listener)


if __name__ == "__main__":
    os.environ["WEB_CONCURRENCY"] = str(workers)
    from gunicorn.app.wsgiapp import run

    sys.argv = [sys.argv[0], "-c", __file__, *sys.argv[1:]]
    run()
