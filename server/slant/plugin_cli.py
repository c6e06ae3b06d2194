"""``slant plugins new`` and ``slant plugins check``: the plugin author's two commands."""

from __future__ import annotations

import json
import re
import sys
from importlib.resources import files
from pathlib import Path
from string import Template

import click

from slant import __version__

_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_TEMPLATES = files("slant") / "templates" / "plugin"
# Template file -> where it goes in the new distribution ($module is the package).
_LAYOUT = {
    "pyproject.toml.txt": "pyproject.toml",
    "README.md.txt": "README.md",
    "gitignore.txt": ".gitignore",
    "package_init.py.txt": "$module/__init__.py",
    "test_analyzer.py.txt": "tests/test_$module.py",
}


def plugin_names(name: str) -> dict[str, str]:
    """Every spelling of a plugin's name the templates need, from its analyzer name."""
    module = "slant_" + name.replace("-", "_")
    return {
        "name": name,
        "distribution": f"slant-{name}",
        "module": module,
        "label": name.replace("-", "_"),
        "class_name": "".join(part.capitalize() for part in name.split("-")) + "Analyzer",
        "env_prefix": f"SLANT_PLUGIN_{name.upper().replace('-', '_')}",
        "slant_version": __version__,
        "next_major": str(int(__version__.split(".")[0]) + 1),
    }


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
    """
    if not _NAME.match(name):
        raise click.BadParameter(
            "use lower case letters, digits and hyphens, starting with a letter", param_hint="NAME"
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
    from slant.conformance import NotFound, analyzers_named, build_engine, check_analyzer

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


def _print_report(report, verbose: bool) -> None:
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
