"""gunicorn settings shared by scripts/run and the Docker image."""

import os
import threading

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker keep answering list and stats requests while another request
# waits on the model.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Longer than the classifier's own timeouts, so gunicorn never kills a request the
# fallback chain is about to answer.
timeout = 60
graceful_timeout = 10
accesslog = "-"
# gunicorn's control socket lives at one path under $HOME, which two servers on one
# machine (scripts/run beside the browser tests) would fight over; nothing uses it.
control_socket_disable = True
wsgi_app = "config.wsgi:application"


def post_worker_init(worker):
    """Load the model in the background so the first person typing does not wait for it."""
    from classifier import warm_up

    threading.Thread(target=warm_up, name="classifier-warm-up", daemon=True).start()
