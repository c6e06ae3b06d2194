"""``slant analyze`` on pages and many inputs: reports, JSON lines, resume, jobs, errors."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from slant.cli import cli

PAGES = Path(__file__).parent / "fixtures" / "pages"
NEWS = PAGES / "news-council-budget.html"
CANONICAL = (
    "https://www.eastbrookcourier.example/news/2026/03/14/council-approves-budget-library-hours"
)


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["analyze", *args], input=stdin, catch_exceptions=False)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def without_timings(value):
    """A response with its elapsed_ms fields removed: the only part that differs run to run."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k != "elapsed_ms"}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def by_source(text: str) -> dict[str, dict]:
    return {line["source"]: without_timings(line) for line in lines(text)}


def test_a_saved_page_report_names_the_page():
    result = run(str(NEWS))
    assert result.exit_code == 0, result.output
    assert "Council approves budget with cuts to library hours" in result.output
    assert "The Eastbrook Courier · Maria Okafor · 2026-03-14" in result.output
    assert CANONICAL in result.output
    assert "Advertisement" not in result.output and "Skip to main content" not in result.output


def test_json_has_the_page_and_the_api_response(client):
    result = run(str(NEWS), "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    page = body.pop("page")
    assert page["url"] == CANONICAL and page["site_name"] == "The Eastbrook Courier"
    from slant.text.article import read_page

    text = read_page(NEWS.read_bytes()).text
    api = client.post(
        "/api/v1/analyze", json={"text": text, "url": page["url"], "title": page["title"]}
    )
    assert without_timings(body) == without_timings(api.get_json())


def test_the_canonical_url_reaches_the_satire_analyzer(tmp_path):
    from slant_satire.domains import load_sites

    site = next(s for s in load_sites() if not s.path)
    html = (
        f'<!DOCTYPE html><html><head><title>Town news</title><link rel="canonical" href="https://{site.domain}/2026/03/town-news"></head>'
        "<body><nav>Home News</nav><article><h1>Town news</h1><p>The mayor opened a new swimming pool in a pothole on Tuesday, "
        "calling it the most ambitious aquatic project in the town's history.</p><p>Residents said they had been using it for years.</p></article></body></html>"
    )
    saved = tmp_path / "saved-somewhere-else.html"
    saved.write_text(html, encoding="utf-8")
    body = json.loads(run(str(saved), "--json", "--analyzers", "satire").output)
    assert body["page"]["url"] == f"https://{site.domain}/2026/03/town-news"
    evidence = body["results"]["satire"]["summary"]["evidence"]
    assert any(e["kind"] == "domain" for e in evidence)


def test_binary_and_empty_files_are_clear_errors(tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    for path, message in ((binary, "binary"), (empty, "empty")):
        result = CliRunner().invoke(cli, ["analyze", str(path)])
        assert result.exit_code != 0
        assert message in result.output and str(path) in result.output


def test_a_batch_with_one_broken_input(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("news-council-budget", "blog-school-phones"):
        shutil.copy(PAGES / f"{name}.html", folder)
    (folder / "broken.html").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "notes.txt").write_text(
        "The council approved the budget. It is a disgrace.", encoding="utf-8"
    )
    (folder / "style.css").write_text("body { color: red }", encoding="utf-8")
    result = run(str(folder), str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    out = {line["source"]: line for line in lines(result.stdout)}
    assert set(out) == {
        str(folder / n)
        for n in ("news-council-budget.html", "blog-school-phones.html", "broken.html", "notes.txt")
    } | {str(tmp_path / "missing.html")}
    assert out[str(folder / "broken.html")]["error"]["code"] == "validation_error"
    assert "binary" in out[str(folder / "broken.html")]["error"]["message"]
    assert out[str(tmp_path / "missing.html")]["error"]["code"] == "validation_error"
    good = out[str(folder / "news-council-budget.html")]
    assert good["page"]["url"] == CANONICAL
    assert set(good["response"]) >= {"slant_version", "sentences", "results", "language"}
    assert "3 analyzed, 2 failed" in result.stderr


def test_jsonl_input_from_a_file_and_from_stdin(tmp_path):
    records = [
        {
            "id": "a",
            "text": "The council approved the budget. It is a disgrace.",
            "url": "https://paper.example/a",
            "title": "Budget",
        },
        {"html": NEWS.read_text(encoding="utf-8")},
        {"text": 42},
        {"text": "x", "html": "<p>y</p>"},
    ]
    body = "\n".join(json.dumps(r) for r in records) + "\nnot json\n"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(body, encoding="utf-8")
    for args, stdin, prefix in (([str(feed)], None, f"{feed}:"), (["-"], body, "-:")):
        result = run(*args, stdin=stdin)
        out = {line["source"]: line for line in lines(result.stdout)}
        assert list(out) == ["a", f"{prefix}2", f"{prefix}3", f"{prefix}4", f"{prefix}5"]
        assert out["a"]["page"] == {
            "url": "https://paper.example/a",
            "title": "Budget",
            "site_name": None,
            "author": None,
            "date": None,
            "sections": [],
            "types": [],
            "tags": [],
            "author_role": None,
        }
        assert out[f"{prefix}2"]["page"]["url"] == CANONICAL
        assert [out[f"{prefix}{n}"]["error"]["code"] for n in (3, 4, 5)] == ["validation_error"] * 3
        assert result.exit_code == 1


def test_unknown_analyzer_stops_before_any_input(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(NEWS), str(NEWS), "--analyzers", "nope"])
    assert result.exit_code != 0 and "unknown analyzer(s): nope" in result.output


def test_resume_skips_what_is_done_and_drops_a_cut_line(tmp_path):
    out = tmp_path / "out.jsonl"
    first = run(str(PAGES / "blog-school-phones.html"), "-o", str(out))
    assert first.exit_code == 0 and first.stdout == ""
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"source": "' + str(NEWS) + '", "resp')  # a run killed mid-line
    result = run(str(PAGES / "blog-school-phones.html"), str(NEWS), "-o", str(out))
    assert result.exit_code == 0
    assert "1 analyzed, 0 failed, 1 skipped" in result.stderr
    sources = [line["source"] for line in lines(out.read_text(encoding="utf-8"))]
    assert sources == [str(PAGES / "blog-school-phones.html"), str(NEWS)]


@pytest.mark.slow
def test_resume_after_a_killed_run(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for copy in range(3):  # enough inputs that the run is still going when it is killed
        for page in sorted(PAGES.glob("*.html")):
            shutil.copy(page, folder / f"{copy}-{page.name}")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "slant", "analyze", str(folder), "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 2):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    before = out.read_text(encoding="utf-8").count("\n")
    assert 2 <= before < len(list(folder.iterdir()))
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "skipped" in finished.stderr
    sources = [line["source"] for line in lines(out.read_text(encoding="utf-8"))]
    assert sorted(sources) == sorted(str(p) for p in folder.iterdir())


@pytest.mark.slow
def test_jobs_2_gives_the_same_lines_as_one_process(tmp_path):
    sources = [str(p) for p in sorted(PAGES.glob("*.html"))[:6]]
    one = run(*sources, "--jsonl")
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    two = subprocess.run(
        [sys.executable, "-m", "slant", "analyze", *sources, "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert two.returncode == 0, two.stderr
    assert by_source(two.stdout) == by_source(one.stdout)
