"""``slant feedback export``: the readers' reports as JSON Lines, for training."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from slant.cli.config import config_or_exit


@click.group("feedback")
def feedback() -> None:
    """Readers' "this mark is wrong" reports (kept when SLANT_FEEDBACK_DB is set)."""


@feedback.command("export")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The feedback file; default SLANT_FEEDBACK_DB.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    show_default=True,
    help="Where to write the JSON Lines.",
)
def export(db_path: Path | None, output: TextIO) -> None:
    """Write every report, oldest first, one JSON object a line.

    Each line: id, created_at, url, analyzer, analyzer_version, label,
    correct_label (null: only "wrong"), score, text (the marked sentence),
    start and end (the mark's code point offsets in text).
    """
    from slant.feedback import FeedbackStore

    path = db_path or config_or_exit()["FEEDBACK_DB"]
    if not path:
        raise click.ClickException("no feedback file: pass --db or set SLANT_FEEDBACK_DB")
    if not Path(path).is_file():
        raise click.ClickException(f"{path}: no such feedback file")
    store = FeedbackStore(path)
    store.migrate()
    count = store.export(output)
    click.echo(f"{count} report{'s' if count != 1 else ''} written", err=True)
