"""``slant serve``: the development server, or gunicorn with ``--workers``."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import click

from slant import __version__
from slant.cli.config import app_or_exit, config_or_exit
from slant.engine import Engine

# The extension's folder in a source checkout (a wheel does not carry it).
EXTENSION_DIR = Path(__file__).resolve().parents[3] / "extension"
# The extension's default `serverUrl` (extension/options).
DEFAULT_SERVER_URL = "http://127.0.0.1:5000"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Run gunicorn with this many worker processes (production). Without it, Flask's dev server.",
)
def serve(host: str, port: int, workers: int | None) -> None:
    """Start the slant server."""
    url = f"http://{host}:{port}"
    _port_free_or_exit(host, port)
    if workers:
        from slant.web.serving import run_gunicorn

        config_or_exit()
        _banner(url, f"gunicorn, {workers} worker(s)")
        run_gunicorn(host=host, port=port, workers=workers)
        return
    app = app_or_exit()
    _banner(url, "development server; for production: --workers N", app.extensions["slant"])
    # slant logs every request itself; werkzeug's own lines would say it twice.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def _port_free_or_exit(host: str, port: int) -> None:
    """Stop before the banner, with what to do, when something already listens on the port
    (the banner would otherwise say "serving on" above the server's own bind error)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        raise click.ClickException(f"cannot listen on {host}: {error.strerror}") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind
        try:
            probe.bind((host, port))
        except OSError as error:
            raise click.ClickException(
                f"cannot listen on {host}:{port} ({error.strerror}): another program may hold "
                f"the port; stop it or pick another with --port (make run PORT=5050)"
            ) from None


def _banner(url: str, mode: str, engine: Engine | None = None) -> None:
    click.echo(click.style(f"slant {__version__}", bold=True) + f" serving on {url} ({mode})")
    if engine is not None:
        click.echo(f"  analyzers: {', '.join(engine.analyzers) or 'none'}")
        for failure in engine.failures:
            click.echo(click.style(f"  not loaded: {failure.name}: {failure.error}", fg="yellow"))
    click.echo(f"  try it:    curl -s {url}/api/v1/health")
    click.echo(f"  read:      open {url}/ in a browser, paste a text or open a saved page")
    where = (
        EXTENSION_DIR if EXTENSION_DIR.is_dir() else "the extension/ folder of the slant repository"
    )
    server_url = (
        "Its server URL defaults to this one."
        if url == DEFAULT_SERVER_URL
        else f"Set its server URL to {url} in its options."
    )
    click.echo(
        "  extension: open chrome://extensions, turn on Developer mode, click 'Load unpacked' and\n"
        f"             choose {where}; in Firefox use about:debugging → Load Temporary Add-on\n"
        f"             (manifest.json there). {server_url}"
    )
