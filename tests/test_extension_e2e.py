"""The browser extension, checked by its own Node tests.

Unit tests (manifest, offsets, vendored Readability) need only ``node``. The
end-to-end tests load the unpacked extension into headless Chromium (Debian's
``chromium``) and Firefox ESR against the real ``slant serve``; they need
``npm ci`` in ``extension/`` and skip, saying why, where a piece is missing.
Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
def keyed_server() -> Iterator[str]:
    """A second real server that accepts only TEST_API_KEY."""
    url, process = start_server(env={"SLANT_API_KEYS": TEST_API_KEY})
    yield url
    process.terminate()
    process.wait(timeout=10)


def e2e_env(server: str, keyed: str | None = None) -> dict[str, str]:
    env = {"SLANT_SERVER_URL": server, "SLANT_ARTIFACTS": str(ARTIFACTS)}
    if keyed:
        env["SLANT_KEYED_SERVER_URL"] = keyed
    if REFERENCE_OPED.exists():
        env["SLANT_SEED_TEXT"] = str(REFERENCE_OPED)
    return env


def test_extension_unit() -> None:
    """Manifest rules, code point <-> UTF-16 offsets, Readability vendored unmodified."""
    run_node_tests("tests/unit/", timeout=60)


@pytest.mark.browser
@pytest.mark.slow
def test_extension_in_chromium(live_server: str, keyed_server: str) -> None:
    """Click on the op-ed and a news page: the marks match the server, errors explained."""
    require_browser(CHROMIUM, "playwright-core")
    run_node_tests("tests/e2e/chromium.test.mjs", e2e_env(live_server, keyed_server))


@pytest.mark.browser
@pytest.mark.slow
def test_extension_in_firefox(live_server: str) -> None:
    """The same folder installs in Firefox and draws the op-ed's analysis."""
    require_browser(FIREFOX, "ws")
    run_node_tests("tests/e2e/firefox.test.mjs", e2e_env(live_server))
