"""gunicorn settings for the site (`gunicorn -c deploy/gunicorn.conf.py kb.wsgi`).

Each value can be changed from the environment (GUNICORN_*), so the systemd unit and the
smoke test use the same file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: Django's ORM is synchronous; 2 × cores + 1 is gunicorn's own advice.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Long enough for an Excel/PDF export; the proxy's timeout should be a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app once in the master: faster start, less memory (copy-on-write). Database
# connections are opened lazily in each worker, after the fork.
preload_app = True
# Trust X-Forwarded-* only from the proxy on this machine (nginx).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "kb-dien-hinh"
# gunicorn's control socket ($HOME/.gunicorn/gunicorn.ctl) would be shared by every instance
# on the machine; systemd signals are enough to manage it.
control_socket_disable = True
