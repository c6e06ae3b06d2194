"""``slant analyze``: texts, saved pages, URLs; one as a report, many as JSON lines."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from slant.cli.config import config_or_exit

if TYPE_CHECKING:
    from slant.cli.batch import Input, Options
    from slant.engine import Engine
    from slant.text.page_meta import PageMeta

_HELP_SOURCES = """Analyze texts and web pages and print what slant finds.

SOURCES are files (text or saved HTML pages), directories (their .html, .htm,
.xhtml, .shtml, .txt, .text and .md files, and .jsonl/.ndjson files, recursively),
JSONL files with one {"text" or "html", "url", "title", "page", "id"} object per
line, http(s) URLs (fetched), or - for standard input.

One source prints a coloured report (or, with --json, the API response plus a
"page" object). Several sources, a directory, JSONL, --jsonl or --output print
one JSON line per input: {"source", "page", "response"} or {"source", "error"}.
"""


@click.command(help=_HELP_SOURCES)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='For one source: print the API response (and a "page" object) as JSON.',
)
@click.option("--jsonl", is_flag=True, help="One JSON line per input, even for one source.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the JSON lines to FILE; inputs already in it are skipped, so a stopped run resumes.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on a Dask cluster (e.g. tcp://host:8786); needs slant[dask] here and on the workers.",
)
@click.option(
    "--analyzers", default=None, help="Comma-separated analyzer names (default: all enabled)."
)
@click.option(
    "--url",
    default=None,
    help="Where the text came from (default: the page's canonical URL): the satire analyzer checks known sites and judges a page more strictly than bare text.",
)
@click.option("--title", default=None, help="The article's title (default: the page's).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds to wait for a fetched URL.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=5_000_000,
    show_default=True,
    help="Largest page fetched from a URL.",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="With --output: run again the inputs whose lines in FILE are errors (their lines are replaced).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar on stderr (default: when stderr is a terminal).",
)
def analyze(
    sources: tuple[str, ...],
    as_json: bool,
    jsonl: bool,
    output: Path | None,
    jobs: int,
    scheduler: str | None,
    analyzers: str | None,
    url: str | None,
    title: str | None,
    timeout: float,
    max_bytes: int,
    retry_failed: bool,
    progress: bool | None,
) -> None:
    from slant.cli import batch

    names = tuple(n.strip() for n in analyzers.split(",") if n.strip()) if analyzers else None
    options = batch.Options(
        analyzers=names, url=url, title=title, timeout=timeout, max_bytes=max_bytes
    )
    many = jsonl or output is not None or scheduler is not None or jobs > 1 or len(sources) > 1
    many = many or any(batch.is_collection(source) for source in sources)
    items = batch.expand_sources(sources)
    if not many:
        first = next(items)
        rest = list(items)
        if not rest:
            _one(first, options, as_json)
            return
        items = iter([first, *rest])  # standard input was JSONL
    _many(
        items,
        sources,
        options,
        output=output,
        jobs=jobs,
        scheduler=scheduler,
        progress=progress,
        retry_failed=retry_failed,
    )


def _engine(options: Options) -> Engine:
    """The engine, with the requested analyzers checked before any input is read."""
    from slant.cli import batch
    from slant.engine import UnknownAnalyzer

    engine = batch.engine_for(config_or_exit())
    try:
        engine.select(list(options.analyzers) if options.analyzers is not None else None)
    except UnknownAnalyzer as error:
        raise click.ClickException(str(error)) from error
    return engine


def _one(item: Input, options: Options, as_json: bool) -> None:
    from slant.cli import batch
    from slant.cli.report import render_report
    from slant.engine import TooMuchWork

    try:
        page = batch.load_input(item, options)
    except (batch.InputError, batch.PageError) as error:
        raise click.ClickException(batch.describe_error(item, error)) from error
    except batch.FetchError as error:  # its message already starts with the URL
        raise click.ClickException(str(error)) from error
    engine = _engine(options)
    try:
        analysis = batch.analyze_page(engine, page, options)
    except TooMuchWork as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        body = {**analysis.response, "page": page.meta.as_dict()}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    header = _page_header(page.meta) if page.is_html or any(page.meta.as_dict().values()) else []
    click.echo("\n".join([*header, render_report(page.text, analysis.response)]))


def _page_header(meta: PageMeta) -> list[str]:
    """Which page this is: title, site, author, date and its own URL, above the report."""
    lines = []
    if meta.title:
        lines.append(click.style(meta.title, bold=True))
    byline = " · ".join(v for v in (meta.site_name, meta.author, meta.date) if v)
    if byline:
        lines.append(byline)
    if meta.url:
        lines.append(click.style(meta.url, underline=True))
    return [*lines, ""] if lines else []


def _many(
    items: Iterator[Input],
    sources: tuple[str, ...],
    options: Options,
    *,
    output: Path | None,
    jobs: int,
    scheduler: str | None,
    progress: bool | None,
    retry_failed: bool,
) -> None:
    from slant.cli import batch

    _engine(options)
    done = batch.done_sources(output, retry_failed=retry_failed) if output is not None else set()
    total = batch.count_sources(sources)
    show = (sys.stderr.isatty() if progress is None else progress) and total is not None
    counts = {"ok": 0, "failed": 0, "skipped": 0}
    out = output.open("a", encoding="utf-8") if output is not None else sys.stdout
    bar = click.progressbar(
        length=total or 0,
        label="analyzing",
        file=sys.stderr if show else io.StringIO(),
        show_pos=True,
    )
    try:
        with bar:

            def on_skip() -> None:
                counts["skipped"] += 1
                bar.update(1)

            def on_line(failed: bool) -> None:
                counts["failed" if failed else "ok"] += 1
                bar.update(1)

            todo = batch.skip_done(items, done, on_skip)
            if scheduler is not None:
                lines = batch.run_dask(todo, options, scheduler)
            elif jobs > 1:
                lines = batch.run_processes(todo, options, jobs)
            else:
                lines = batch.run_local(todo, options)
            batch.write_lines(lines, out, on_line)
    except batch.DaskUnavailable as error:
        raise click.ClickException(str(error)) from error
    finally:
        if output is not None:
            out.close()
    summary = f"slant: {counts['ok']} analyzed, {counts['failed']} failed"
    if counts["skipped"]:
        summary += f", {counts['skipped']} skipped (already in {output})"
    click.echo(summary, err=True)
    if counts["failed"]:
        sys.exit(1)
