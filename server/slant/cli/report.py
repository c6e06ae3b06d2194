"""A readable terminal report of an analysis, for ``slant analyze``.

It prints any analyzer's result generically (summary and marks), with richer
views for the contract's three: sentences tinted opinion/fact, sources listed
with role, cue and content, and the satire verdict with its evidence.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import click

_LABEL_COLORS = {
    "opinion": "yellow",
    "fact": "cyan",
    "named_source": "green",
    "vague_source": "magenta",
    "satire": "red",
}
_WIDTH = 88


def render_report(text: str, response: Mapping[str, Any]) -> str:
    """The whole report as one string with ANSI colours (click strips them when piped)."""
    lines = [
        click.style("slant", bold=True)
        + f" {response['slant_version']} · {response['text_length']:,} characters · "
        f"{len(response['sentences'])} sentences · language {response['language']} · "
        f"{response['elapsed_ms']:.1f} ms",
        "",
    ]
    for name, result in response["results"].items():
        lines.extend(_section(name, result, text))
        lines.append("")
    lines.append(click.style("Marks are automated and can be wrong.", dim=True))
    return "\n".join(lines)


def _section(name: str, result: Mapping[str, Any], text: str) -> list[str]:
    analyzer = result["analyzer"]
    title = click.style(f"▌{name}", bold=True) + click.style(
        f"  {analyzer['plugin']} {analyzer['version']} · {result['elapsed_ms']:.1f} ms", dim=True
    )
    if result["status"] != "ok":
        return [title, click.style(f"  {result['status']}: {result.get('error', '')}", fg="red")]
    summary = result["summary"] or {}
    lines = [title, "  " + click.style(str(summary.get("headline", "")), bold=True)]
    render = _RENDERERS.get(name, _generic)
    lines.extend(render(result, text))
    return lines


def _opinion(result: Mapping[str, Any], text: str) -> list[str]:
    lines = []
    summary = result["summary"] or {}
    if summary.get("genre"):
        genre = str(summary["genre"]).replace("_", " ")
        filed = (
            f", filed as opinion by {summary['genre_filed_as']}"
            if summary.get("genre_filed_as")
            else ""
        )
        lines.append(
            f"  genre: {genre} (P opinion piece {summary.get('genre_score', 0):.2f}{filed})"
        )
    for annotation in result["annotations"]:
        color = _LABEL_COLORS.get(annotation["label"], "white")
        tag = click.style(
            f"{annotation['label'][:3].upper()} {annotation['score']:.2f}", fg=color, bold=True
        )
        sentence = " ".join(annotation["quote"].split())
        body = textwrap.fill(sentence, _WIDTH - 11, subsequent_indent=" " * 11)
        lines.append(f"  {tag}  {click.style(body, fg=color)}")
        if annotation.get("explanation"):
            lines.append(" " * 11 + click.style(annotation["explanation"], dim=True))
    return lines


def _sources(result: Mapping[str, Any], text: str) -> list[str]:
    lines = []
    for annotation in result["annotations"]:
        data = annotation.get("data") or {}
        color = _LABEL_COLORS.get(annotation["label"], "white")
        who = data.get("name") or annotation["quote"]
        role = f", {data['role']}" if data.get("role") else ""
        cue = (data.get("cue") or {}).get("text", "")
        kind = data.get("kind", "")
        lines.append(
            f"  {click.style('•', fg=color)} {click.style(who, fg=color, bold=True)}{role}"
        )
        found = data.get("content") or {}
        # The parts of a split content, not what divides them ('"A," she said. "B."')
        content = " … ".join(p["text"] for p in found.get("parts") or [found] if p.get("text"))
        detail = f"{cue} ({kind})" if cue else kind
        if content:
            detail += ": " + " ".join(content.split())
        lines.append(textwrap.fill(detail, _WIDTH, initial_indent="    ", subsequent_indent="    "))
        if annotation.get("explanation"):
            lines.append("    " + click.style(annotation["explanation"], dim=True))
    return lines


def _satire(result: Mapping[str, Any], text: str) -> list[str]:
    summary = result["summary"] or {}
    lines = [f"  verdict: {summary.get('label')} (score {summary.get('score', 0):.2f})"]
    for evidence in summary.get("evidence", []):
        line = (
            f"    {evidence.get('kind')}: {evidence.get('text')} ({evidence.get('score', 0):.2f})"
        )
        if evidence.get("leaning_on"):
            line += "; leaning on " + ", ".join(f"“{w}”" for w in evidence["leaning_on"])
        lines.append(line)
    for annotation in result["annotations"]:
        passage = " ".join(annotation["quote"].split())
        lines.append(
            textwrap.fill(passage, _WIDTH, initial_indent="  ▸ ", subsequent_indent="    ")
        )
        lines.append("    " + click.style(annotation.get("explanation", ""), dim=True))
    return lines


def _generic(result: Mapping[str, Any], text: str) -> list[str]:
    lines = []
    for annotation in result["annotations"]:
        quote = " ".join(annotation["quote"].split())
        label = click.style(annotation["label"], bold=True)
        lines.append(
            textwrap.fill(
                f"{label}: {quote}", _WIDTH, initial_indent="  ", subsequent_indent="    "
            )
        )
        if annotation.get("explanation"):
            lines.append("    " + click.style(annotation["explanation"], dim=True))
    return lines


_RENDERERS: dict[str, Callable[[Mapping[str, Any], str], list[str]]] = {
    "opinion": _opinion,
    "sources": _sources,
    "satire": _satire,
}
