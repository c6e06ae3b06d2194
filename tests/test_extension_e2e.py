"""The browser extension, checked by its own Node tests.

Unit tests (manifest, offsets, vendored Readability) need only ``node``. The
end-to-end tests load the unpacked extension into headless Chromium (Debian's
``chromium``) and Firefox ESR against the real ``slant serve``; they need
``npm ci`` in ``extension/`` and skip, saying why, where a piece is missing.
Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REFERENCE_OPED, start_server

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "extension"
NODE_MODULES = EXTENSION / "node_modules"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("SLANT_CHROMIUM", "/usr/bin/chromium"))
FIREFOX = Path(os.environ.get("SLANT_FIREFOX", "/usr/bin/firefox-esr"))
INSTALL_HINT = "apt-get install -y chromium firefox-esr && (cd extension && npm ci)"
TEST_API_KEY = "right-key"


def run_node_tests(path: str, env: dict[str, str] | None = None, timeout: float = 300) -> None:
    """Run ``node --test path`` in extension/ and fail with its output if a test fails."""
    node = shutil.which("node")
    if node is None:
        pytest.skip(f"node is not installed ({INSTALL_HINT})")
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", path],
        cwd=EXTENSION,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    print(result.stdout[-20000:])
    assert result.returncode == 0, (
        f"node tests failed:\n{result.stdout[-8000:]}\n{result.stderr[-4000:]}"
    )


def require_browser(binary: Path, package: str) -> None:
    if not binary.exists():
        pytest.skip(f"{binary} is absent ({INSTALL_HINT})")
    if not (NODE_MODULES / package).exists():
        pytest.skip(f"extension/node_modules/{package} is absent ({INSTALL_HINT})")


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second real server that accepts only TEST_API_KEY, with feedback on."""
    db = tmp_path_factory.mktemp("keyed") / "feedback.sqlite3"
    url, process = start_server(env={"SLANT_API_KEYS": TEST_API_KEY, "SLANT_FEEDBACK_DB": str(db)})
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def feedback_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real server with feedback on: its URL and its SQLite file."""
    db = tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"
    url, process = start_server(env={"SLANT_FEEDBACK_DB": str(db)})
    yield url, db
    process.terminate()
    process.wait(timeout=10)


def e2e_env(server: str, keyed: str | None = None, feedback: str | None = None) -> dict[str, str]:
    env = {"SLANT_SERVER_URL": server, "SLANT_ARTIFACTS": str(ARTIFACTS)}
    if keyed:
        env["SLANT_KEYED_SERVER_URL"] = keyed
    if feedback:
        env["SLANT_FEEDBACK_SERVER_URL"] = feedback
    if REFERENCE_OPED.exists():
        env["SLANT_SEED_TEXT"] = str(REFERENCE_OPED)
    return env


def test_extension_unit() -> None:
    """Manifest rules, code point <-> UTF-16 offsets, Readability vendored unmodified."""
    run_node_tests("tests/unit/", timeout=60)


@pytest.mark.browser
@pytest.mark.slow
def test_extension_in_chromium(
    live_server: str, keyed_server: str, feedback_server: tuple[str, Path], tmp_path: Path
) -> None:
    """Click on the op-ed and a news page: the marks match the server, errors explained.

    The web page at ``/`` of a server with feedback on draws the op-ed with the same marks,
    and its "this is wrong" lands one row in SQLite that ``slant feedback export`` gives back.
    """
    require_browser(CHROMIUM, "playwright-core")
    url, db = feedback_server
    expected = tmp_path / "feedback-expected.json"
    env = e2e_env(live_server, keyed_server, feedback=url)
    run_node_tests("tests/e2e/chromium.test.mjs", {**env, "SLANT_FEEDBACK_EXPECTED": str(expected)})
    if not REFERENCE_OPED.exists():
        return  # the web page test needs the op-ed, and was skipped
    sent = json.loads(expected.read_text(encoding="utf-8"))
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT analyzer, label, correct_label, text, url FROM feedback"
        ).fetchall()
    assert len(rows) == 1, rows
    analyzer, label, correct_label, text, page_url = rows[0]
    assert (analyzer, label, correct_label) == (sent["analyzer"], sent["label"], sent["correct"])
    assert page_url == sent["url"]
    assert sent["first"] and " ".join(sent["first"].split()) in " ".join(text.split())
    exported = subprocess.run(
        [sys.executable, "-m", "slant", "feedback", "export", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [(x["analyzer"], x["label"], x["correct_label"], x["text"]) for x in lines] == [
        (analyzer, label, correct_label, text)
    ]


@pytest.mark.browser
@pytest.mark.slow
def test_feedback_off_answers_404_in_the_envelope(live_server: str) -> None:
    """The server the extension tests use has feedback off: the endpoint is a 404 envelope."""
    import requests

    response = requests.post(f"{live_server}/api/v1/feedback", json={"analyzer": "x"}, timeout=10)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.browser
@pytest.mark.slow
def test_extension_in_firefox(live_server: str, feedback_server: tuple[str, Path]) -> None:
    """The same folder installs in Firefox and draws the op-ed's analysis; so does the web page."""
    require_browser(FIREFOX, "ws")
    run_node_tests("tests/e2e/firefox.test.mjs", e2e_env(live_server, feedback=feedback_server[0]))
