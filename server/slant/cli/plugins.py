"""``slant plugins``: what is loaded, and the plugin author's ``new`` and ``check``."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

import click

from slant import __version__
from slant.cli.config import app_or_exit
from slant.engine.listing import list_analyzers, list_failures
from slant.naming import (
    ANALYZER_NAME_RULE,
    analyzer_env_prefix,
    is_analyzer_name,
    plugin_distribution,
    plugin_module,
)

if TYPE_CHECKING:
    from slant.testing.conformance import AnalyzerReport

_TEMPLATES = files("slant.cli") / "templates" / "plugin"
# Template file -> where it goes in the new distribution ($module is the package).
_LAYOUT = {
    "pyproject.toml.txt": "pyproject.toml",
    "README.md.txt": "README.md",
    "gitignore.txt": ".gitignore",
    "package_init.py.txt": "$module/__init__.py",
    "model-card.md.txt": "$module/model-card.md",
    "test_analyzer.py.txt": "tests/test_$module.py",
}


def plugin_names(name: str) -> dict[str, str]:
    """Every spelling of a plugin's name the templates need, from its analyzer name."""
    return {
        "name": name,
        "distribution": plugin_distribution(name),
        "module": plugin_module(name),
        "label": name.replace("-", "_"),
        "class_name": "".join(part.capitalize() for part in name.replace("_", "-").split("-"))
        + "Analyzer",
        "env_prefix": analyzer_env_prefix(name),
        "slant_version": __version__,
        "next_major": str(int(__version__.split(".")[0]) + 1),
    }


def name_clashes(name: str, taken_analyzers: set[str]) -> list[str]:
    """Why a new plugin named ``name`` would clash with what is installed; ``[]`` if free."""
    names = plugin_names(name)
    clashes = []
    if name in taken_analyzers:
        clashes.append(f"an analyzer named {name!r} is already registered")
    if importlib.util.find_spec(names["module"]) is not None:
        clashes.append(f"the import package {names['module']!r} is already installed")
    try:
        distribution(names["distribution"])
        clashes.append(f"the distribution {names['distribution']!r} is already installed")
    except PackageNotFoundError:
        pass
    return clashes


def scaffold(name: str, parent: Path) -> Path:
    """Write the distribution ``slant-NAME`` into ``parent``; returns its folder."""
    names = plugin_names(name)
    target = parent / names["distribution"]
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose another --dir or name")
    for template_name, destination in _LAYOUT.items():
        path = target / Template(destination).substitute(names)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = Template(_TEMPLATES.joinpath(template_name).read_text(encoding="utf-8"))
        path.write_text(text.substitute(names), encoding="utf-8")
    return target


@click.command()
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create slant-NAME/ in.",
)
def new_command(name: str, parent: Path) -> None:
    """Create a new plugin distribution, slant-NAME/, ready to install and test.

    NAME is the analyzer's name: lower case, digits and hyphens (e.g. loaded-language).
    It must not be taken: not by an installed analyzer, import package or distribution.
    """
    if not is_analyzer_name(name):
        raise click.BadParameter(f"use {ANALYZER_NAME_RULE} characters", param_hint="NAME")
    taken = set(app_or_exit().extensions["slant"].analyzers)
    clashes = name_clashes(name, taken)
    if clashes:
        raise click.ClickException(
            f"cannot create a plugin named {name!r}: {'; '.join(clashes)}. "
            "Installing it would shadow or clash with that; choose another name."
        )
    try:
        target = scaffold(name, parent)
    except FileExistsError as error:
        raise click.ClickException(str(error)) from error
    module = plugin_names(name)["module"]
    click.echo(f"Created {target}/ with an analyzer named {name!r} in {module}/__init__.py.")
    click.echo("Next:")
    click.echo(f"  cd {target}")
    click.echo("  pip install -e .          # registers the entry point: `slant plugins` lists it")
    click.echo("  python -m pytest          # the contract test slant.testing provides")
    click.echo(f"  slant plugins check {name}   # the conformance run over tricky texts")


@click.command()
@click.argument("name")
@click.option(
    "--plugin",
    "plugin_modules",
    multiple=True,
    metavar="MODULE",
    help="Also register this importable plugin module (check a plugin before installing it).",
)
@click.option(
    "--timeout", type=float, default=None, help="Seconds per text (default: the server's)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Show every text, not only the failures.")
def check_command(
    name: str, plugin_modules: tuple[str, ...], timeout: float | None, as_json: bool, verbose: bool
) -> None:
    """Feed analyzer NAME tricky texts and report contract violations, errors and latency.

    NAME is an analyzer, or an entry point or distribution whose analyzers are all
    checked. Exits 1 when any text yields a violation, an exception or a timeout.
    """
    from slant.testing.conformance import NotFound, analyzers_named, build_engine, check_analyzer

    if plugin_modules and "" not in sys.path:
        sys.path.insert(0, "")  # --plugin imports from the current folder, as `python -m` does
    try:
        engine = build_engine(plugin_modules=plugin_modules, timeout=timeout)
    except ImportError as error:
        raise click.ClickException(f"--plugin: {error}") from error
    try:
        names = analyzers_named(engine, name)
    except NotFound as error:
        if as_json:
            click.echo(json.dumps({"error": str(error), "failed": True}))
        else:
            click.echo(click.style(str(error), fg="red"), err=True)
        raise SystemExit(1) from error
    reports = [check_analyzer(engine, analyzer) for analyzer in names]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _print_report(report, verbose)
    if any(report.failed for report in reports):
        raise SystemExit(1)


def _print_report(report: AnalyzerReport, verbose: bool) -> None:
    click.echo(
        click.style(f"{report.analyzer}", bold=True)
        + f" from {report.plugin}: {len(report.texts)} texts, time limit {report.timeout_s:g} s"
    )
    colors = {"ok": "green", "skipped": "cyan"}
    for text in report.texts:
        if not (verbose or text.failed):
            continue
        mark = click.style(f"{text.outcome:9}", fg=colors.get(text.outcome, "red"))
        click.echo(
            f"  {mark} {text.text:22} {text.length:>7} chars {text.annotations:>5} annotations "
            f"{text.elapsed_ms:>9.1f} ms"
        )
        for problem in text.problems if text.failed else ():
            click.echo(f"            {problem}")
    for warning in report.warnings:
        click.echo(click.style(f"  warning: {warning}", fg="yellow"))
    failed = [t for t in report.texts if t.failed]
    slowest = max(report.texts, key=lambda t: t.elapsed_ms)
    summary = (
        f"  {len(report.texts) - len(failed)}/{len(report.texts)} texts passed; "
        f"slowest {slowest.text} {slowest.elapsed_ms:.1f} ms"
    )
    click.echo(click.style(summary, fg="red" if failed else "green"))


@click.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Include slant's built-in analyzers.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print JSON: {"analyzers": [GET /api/v1/analyzers entries], "failed": [...]}.',
)
@click.pass_context
def plugins(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """List the analyzers that installed plugins registered (built-ins with --all)."""
    if ctx.invoked_subcommand is not None:
        return
    engine = app_or_exit().extensions["slant"]
    rows = list_analyzers(engine.analyzers, include_builtin=show_all)
    failures = list_failures(engine.failures)
    if as_json:
        click.echo(json.dumps({"analyzers": rows, "failed": failures}, indent=2))
        return
    if not rows:
        hidden = len(engine.analyzers)
        click.echo(
            # "loaded", not "installed": one may be installed yet failed or switched off.
            "No third-party analyzers loaded"
            + (f" ({hidden} built-in: slant plugins --all)." if hidden and not show_all else ".")
            + " A plugin registers one in the `slant` entry-point group: slant plugins new NAME."
        )
    for row in rows:
        version = f" {row['plugin_version']}" if row["plugin_version"] else ""
        click.echo(
            click.style(row["name"], bold=True)
            + f" {row['version']}  from {row['plugin']}{version} ({row['entry_point']})"
        )
        click.echo(f"  {row['description']}")
    for failure in failures:
        click.echo(
            click.style(f"failed: {failure['name']}: {failure['error']}", fg="red"), err=True
        )


plugins.add_command(new_command, "new")
plugins.add_command(check_command, "check")
