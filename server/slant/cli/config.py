"""``slant config``, and the app every other command builds from the same settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from slant.config import ConfigError, describe, load_config

if TYPE_CHECKING:
    from flask import Flask


def config_or_exit() -> dict[str, Any]:
    """The validated configuration, or a one-line error naming the bad setting."""
    try:
        return load_config()
    except ConfigError as error:
        raise click.ClickException(f"configuration: {error}") from error


def app_or_exit() -> Flask:
    """The app from the environment's configuration; a bad setting is a one-line error."""
    from slant.web.app import create_app  # Flask and the analyzers load only when needed

    config_or_exit()
    return create_app()


@click.command("config")
def config_command() -> None:
    """Print the effective configuration (secrets masked) and exit."""
    config = config_or_exit()
    for variable, value, help_text in describe(config):
        click.echo(f"{variable}={value}")
        click.echo(click.style(f"    {help_text}", dim=True))
