"""gunicorn settings for slant; ``slant serve --workers N`` reads this file.

Use it directly with ``gunicorn -c path/to/gunicorn_conf.py slant.web.wsgi:app``.
Workers, threads and the worker timeout come from ``SLANT_WORKERS``,
``SLANT_THREADS`` and ``SLANT_WORKER_TIMEOUT`` (validated like every setting);
gunicorn's own command-line options win over this file.
"""

import os
import shutil
import tempfile

from slant.config import load_config

_settings = load_config()

# Load the analyzers' models once in the master, then fork: workers share
# the pages and none loads a model per request.
preload_app = True
workers = _settings["WORKERS"]
# One request is CPU-bound; threads only help while another waits on the network.
threads = _settings["THREADS"]
# Requests are read whole in the worker's event loop, so a stalled client holds
# no thread; gunicorn's own errors leave as the JSON envelope (slant/web/worker.py).
worker_class = "slant.web.worker.SlantWorker"
# Recycle workers so a slow leak (a plugin's, say) cannot grow forever; the
# jitter keeps the workers from restarting at the same moment.
max_requests = _settings["WORKER_MAX_REQUESTS"]
max_requests_jitter = max_requests // 10
# Longer than the analyzers' own time limit, so a slow analyzer is reported, not killed.
timeout = _settings["WORKER_TIMEOUT"]
# On SIGTERM or SIGHUP (graceful reload), workers finish their requests first.
graceful_timeout = 20
keepalive = 5
# No gunicorn access log: slant writes one JSON line per request itself, with
# method, path, status and duration but never the text or the API key.
accesslog = None
errorlog = "-"
# gunicorn 23+'s control socket sits at one path per user: two servers on a
# machine would fight over it, and slant needs none of its commands.
control_socket_disable = True

if _settings["LOG_FORMAT"] == "json":
    # gunicorn's own messages (worker boots, restarts, timeouts) as JSON too;
    # slant's loggers get their handler on the root logger from the app.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "slant.web.request_log.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        "root": {"level": "WARNING", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            # With a logging config gunicorn always writes access lines; this level mutes them.
            "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        },
    }

# Each worker is a process: metrics go to files in one directory that
# /metrics sums, whichever worker answers (prometheus_client's multiprocess mode).
_metrics_dir = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _metrics_dir = tempfile.mkdtemp(prefix="slant-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
