"""``slant analyze``: one text or HTML page, as a coloured report or the API's JSON."""

from __future__ import annotations

import json
from typing import IO

import click

from slant.cli.config import app_or_exit


@click.command()
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
    source: IO[str], as_json: bool, analyzers: str | None, url: str | None, title: str | None
) -> None:
    """Analyze a text or HTML file (or - for standard input) and print a report."""
    from slant.cli.report import render_report
    from slant.engine import TooMuchWork, UnknownAnalyzer
    from slant.text.html import extract_text, looks_like_html

    text = source.read()
    if looks_like_html(text):
        text, page_title = extract_text(text)
        title = title or page_title
    if not text.strip():
        raise click.ClickException(f"{source.name} has no text to analyze.")
    engine = app_or_exit().extensions["slant"]
    names = [n.strip() for n in analyzers.split(",") if n.strip()] if analyzers else None
    try:
        response = engine.analyze(text, url=url, title=title, analyzers=names).response
    except (UnknownAnalyzer, TooMuchWork) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(text, response))
