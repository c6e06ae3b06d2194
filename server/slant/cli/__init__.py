"""The ``slant`` command: serve, analyze, plugins, config.

Each command lives in the module named after it; this one only groups them.
"""

from __future__ import annotations

import click

from slant import __version__
from slant.cli.analyze import analyze
from slant.cli.config import config_command
from slant.cli.feedback import feedback
from slant.cli.plugins import plugins
from slant.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slant")
def cli() -> None:
    """slant: what am I reading? Opinion vs fact, sources and satire in op-eds."""


cli.add_command(serve)
cli.add_command(analyze)
cli.add_command(plugins)
cli.add_command(config_command)
cli.add_command(feedback)


def main() -> None:
    """The console script: ``slant ...``."""
    cli(prog_name="slant")
