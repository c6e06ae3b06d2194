"""gunicorn settings for slant; ``slant serve --workers N`` reads this file.

Use it directly with ``gunicorn -c path/to/gunicorn_conf.py slant.wsgi:app``.
"""

import os

# Load the analyzers' models once in the master, then fork: workers share
# the pages and none loads a model per request.
preload_app = True
workers = int(os.environ.get("SLANT_WORKERS", "2"))
# One request is CPU-bound; threads only help while another waits on the network.
threads = int(os.environ.get("SLANT_THREADS", "2"))
# Longer than the analyzers' own time limit, so a slow analyzer is reported, not killed.
timeout = int(os.environ.get("SLANT_WORKER_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Access log to stdout; request bodies are never logged.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
