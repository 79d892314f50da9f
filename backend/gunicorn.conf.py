"""gunicorn settings shared by scripts/run and the Docker image.

Start it with `python gunicorn.conf.py` (any gunicorn option may follow): gunicorn
itself parses WEB_CONCURRENCY with a bare int() as it is imported, so "" or "two" would
end in a traceback naming nothing; here every setting is read strictly first, and a bad
one stops the start with the variable's name.
"""

import os
import sys
import threading

from django.core.exceptions import ImproperlyConfigured

from config.env import env_int, env_str

try:
    bind = f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000, minimum=1)}"
    workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
    # Threads let a worker keep answering list and stats requests while another request
    # waits on the model.
    threads = env_int("GUNICORN_THREADS", 4, minimum=1)
except ImproperlyConfigured as error:
    sys.exit(f"gunicorn.conf.py: {error}")
# gthread, with each request read whole before a thread serves it (slow clients hold
# no thread) and gunicorn's own error answers in JSON: see gunicorn_worker.py.
worker_class = "gunicorn_worker.BufferedThreadWorker"
# Longer than the classifier's own timeouts, so gunicorn never kills a request the
# fallback chain is about to answer.
timeout = 60
graceful_timeout = 10
accesslog = "-"
# gunicorn's control socket lives at one path under $HOME, which two servers on one
# machine (scripts/run beside the browser tests) would fight over; nothing uses it.
control_socket_disable = True
wsgi_app = "config.wsgi:application"


def when_ready(server):
    """Say where to go once the port is really ours, not before."""
    for listener in server.LISTENERS:
        server.log.info("Serving %s (API docs at /api/docs/)", listener)


def post_worker_init(worker):
    """Load the model in the background so the first person typing does not wait for it."""
    from classifier import warm_up

    threading.Thread(target=warm_up, name="classifier-warm-up", daemon=True).start()


if __name__ == "__main__":
    # gunicorn reads it as it is imported: give it the value read strictly above.
    os.environ["WEB_CONCURRENCY"] = str(workers)
    from gunicorn.app.wsgiapp import run

    sys.argv = [sys.argv[0], "-c", __file__, *sys.argv[1:]]
    run()
