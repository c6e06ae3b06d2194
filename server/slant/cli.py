"""The ``slant`` command: serve, analyze, plugins, config."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from slant import __version__
from slant.config import ConfigError, describe, load_config
from slant.plugin_cli import check_command, new_command

if TYPE_CHECKING:
    from flask import Flask

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension"
# The extension's default `serverUrl` (extension/options).
DEFAULT_SERVER_URL = "http://127.0.0.1:5000"


def _build_app() -> Flask:
    """The app from the environment's configuration; a bad setting is a one-line error."""
    from slant.app import (
        create_app,
    )  # Flask and the analyzers load only for commands that need them

    _check_config()
    return create_app()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slant")
def cli() -> None:
    """slant: what am I reading? Opinion vs fact, sources and satire in op-eds."""


@cli.command()
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
    if workers:
        from slant.serving import run_gunicorn

        _check_config()
        _banner(url, f"gunicorn, {workers} worker(s)")
        run_gunicorn(host=host, port=port, workers=workers)
        return
    app = _build_app()
    _banner(url, "development server; for production: --workers N", app.extensions["slant"])
    # slant logs every request itself; werkzeug's own lines would say it twice.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def _check_config() -> dict:
    """The validated configuration, or a one-line error naming the bad setting."""
    try:
        return load_config()
    except ConfigError as error:
        raise click.ClickException(f"configuration: {error}") from error


def _banner(url: str, mode: str, engine: object | None = None) -> None:
    click.echo(click.style(f"slant {__version__}", bold=True) + f" serving on {url} ({mode})")
    if engine is not None:
        names = ", ".join(engine.analyzers) or "none"  # type: ignore[attr-defined]
        click.echo(f"  analyzers: {names}")
        for failure in engine.failures:  # type: ignore[attr-defined]
            click.echo(click.style(f"  not loaded: {failure.name}: {failure.error}", fg="yellow"))
    click.echo(f"  try it:    curl -s {url}/api/v1/health")
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


@cli.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--json", "as_json", is_flag=True, help="Print the exact API response.")
@click.option(
    "--analyzers", default=None, help="Comma-separated analyzer names (default: all enabled)."
)
@click.option(
    "--url",
    default=None,
    help="Where the text came from: the satire analyzer checks known sites and judges a page more strictly than bare text.",
)
@click.option("--title", default=None, help="The article's title.")
def analyze(
    source, as_json: bool, analyzers: str | None, url: str | None, title: str | None
) -> None:
    """Analyze a text or HTML file (or - for standard input) and print a report."""
    from slant.engine import UnknownAnalyzer
    from slant.html_text import extract_text, looks_like_html
    from slant.report import render_report

    text = source.read()
    if looks_like_html(text):
        text, page_title = extract_text(text)
        title = title or page_title
    if not text.strip():
        raise click.ClickException(f"{source.name} has no text to analyze.")
    engine = _build_app().extensions["slant"]
    names = [n.strip() for n in analyzers.split(",") if n.strip()] if analyzers else None
    try:
        response = engine.analyze(text, url=url, title=title, analyzers=names)
    except UnknownAnalyzer as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(text, response))


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def plugins(ctx: click.Context, as_json: bool) -> None:
    """List the loaded analyzers and where they came from."""
    if ctx.invoked_subcommand is not None:
        return
    engine = _build_app().extensions["slant"]
    rows = []
    for registered in engine.analyzers.values():
        origin = registered.origin
        rows.append(
            {
                "name": registered.name,
                "version": registered.analyzer.version,
                "distribution": origin.distribution,
                "distribution_version": origin.version,
                "entry_point": f"{origin.name} = {origin.module}",
                "description": registered.analyzer.description,
            }
        )
    failures = [{"name": f.name, "error": f.error} for f in engine.failures]
    if as_json:
        click.echo(json.dumps({"analyzers": rows, "failed": failures}, indent=2))
        return
    if not rows:
        click.echo(
            "No analyzers loaded. Install a plugin that registers one in the `slant` entry-point group."
        )
    for row in rows:
        dist = row["distribution"] + (
            f" {row['distribution_version']}" if row["distribution_version"] else ""
        )
        click.echo(
            click.style(row["name"], bold=True)
            + f" {row['version']}  from {dist} ({row['entry_point']})"
        )
        click.echo(f"  {row['description']}")
    for failure in failures:
        click.echo(
            click.style(f"failed: {failure['name']}: {failure['error']}", fg="red"), err=True
        )


@cli.command("config")
def show_config() -> None:
    """Print the effective configuration (secrets masked) and exit."""
    config = _check_config()
    for variable, value, help_text in describe(config):
        click.echo(f"{variable}={value}")
        click.echo(click.style(f"    {help_text}", dim=True))


plugins.add_command(new_command, "new")
plugins.add_command(check_command, "check")


def main() -> None:
    cli(prog_name="slant")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
