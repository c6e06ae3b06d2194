"""Production serving: gunicorn with slant's config file, from ``slant serve --workers``."""

from __future__ import annotations

from pathlib import Path

from gunicorn.app.base import Application

GUNICORN_CONFIG = Path(__file__).with_name("gunicorn_conf.py")


class _SlantGunicorn(Application):
    """gunicorn reading ``gunicorn_conf.py``, then the command line's options (not argv)."""

    def __init__(self, options: dict[str, object]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        self.load_config_from_file(str(GUNICORN_CONFIG))
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from slant.web.wsgi import app

        return app


def run_gunicorn(*, host: str, port: int, workers: int) -> None:
    """Serve until stopped; models load once, before the workers fork."""
    _SlantGunicorn({"bind": f"{host}:{port}", "workers": workers}).run()
